import { crc32, deflateRawSync } from "node:zlib";

// A small streaming ZIP writer for EPUB files (APPNOTE 6.3): each entry is written as soon as
// it is added (its bytes are in memory only while it is compressed) and the central directory
// at the end. Node's zlib does the compressing and the CRC, so no dependency is needed. No ZIP64:
// a book's download stays far below 4 GiB (a chapter is at most 256 KiB), and a bigger file is
// refused rather than written wrong. Entry times come from the caller, so the same book gives
// the same bytes.

const MAX_ZIP_BYTES = 0xffff_fffe;
const UTF8_NAMES = 0x0800;

type Central = { name: Buffer; crc: number; method: number; compressed: number; size: number; offset: number };

/** MS-DOS date and time (local fields, written as UTC) of a moment. */
function dosTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getUTCFullYear());
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

export class ZipWriter {
  private readonly entries: Central[] = [];
  private offset = 0;
  private readonly time: { time: number; date: number };

  /** `write` receives the file's bytes in order; `modified` is every entry's time. */
  constructor(
    private readonly write: (bytes: Buffer) => Promise<void>,
    modified: Date,
  ) {
    this.time = dosTime(modified);
  }

  /** Adds an entry: `store` keeps it uncompressed (an EPUB's `mimetype` must be). */
  async add(name: string, content: string | Buffer, opts: { store?: boolean } = {}): Promise<void> {
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const body = opts.store ? data : deflateRawSync(data, { level: 6 });
    const entry: Central = {
      name: Buffer.from(name, "utf8"),
      crc: crc32(data),
      method: opts.store ? 0 : 8,
      compressed: body.length,
      size: data.length,
      offset: this.offset,
    };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(UTF8_NAMES, 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt16LE(this.time.time, 10);
    header.writeUInt16LE(this.time.date, 12);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressed, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(entry.name.length, 26);
    header.writeUInt16LE(0, 28);
    this.entries.push(entry);
    await this.emit(Buffer.concat([header, entry.name]));
    await this.emit(body);
  }

  /** Writes the central directory: the file is complete. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(UTF8_NAMES, 8);
      record.writeUInt16LE(e.method, 10);
      record.writeUInt16LE(this.time.time, 12);
      record.writeUInt16LE(this.time.date, 14);
      record.writeUInt32LE(e.crc, 16);
      record.writeUInt32LE(e.compressed, 20);
      record.writeUInt32LE(e.size, 24);
      record.writeUInt16LE(e.name.length, 28);
      record.writeUInt32LE(e.offset, 42);
      await this.emit(Buffer.concat([record, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(end);
  }

  private async emit(bytes: Buffer): Promise<void> {
    this.offset += bytes.length;
    if (this.offset > MAX_ZIP_BYTES || this.entries.length > 0xfffe) throw new Error("the EPUB would need ZIP64");
    await this.write(bytes);
  }
}
