import { inflateRawSync } from "node:zlib";

// Reads a ZIP file (an EPUB) the way a reading system does: from the central directory at its
// end, each entry's bytes found through its local header. For tests; no ZIP64.

export type ZipEntry = { name: string; method: number; offset: number; data: Buffer };

export function readZip(file: Buffer): ZipEntry[] {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("no end of central directory");
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (file.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory record ${i}`);
    const method = file.readUInt16LE(at + 10);
    const compressed = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const extra = file.readUInt16LE(at + 30);
    const comment = file.readUInt16LE(at + 32);
    const offset = file.readUInt32LE(at + 42);
    const name = file.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    if (file.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header of ${name}`);
    const start = offset + 30 + file.readUInt16LE(offset + 26) + file.readUInt16LE(offset + 28);
    const raw = file.subarray(start, start + compressed);
    entries.push({ name, method, offset, data: method === 0 ? Buffer.from(raw) : inflateRawSync(raw) });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}
