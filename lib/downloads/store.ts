import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { DownloadFormat } from "./source";

// Generated downloads live in PostgreSQL (BookDownload + BookDownloadChunk), like uploaded covers:
// every instance serves every file without a shared disk, a backup or a new instance needs
// nothing else, and the bound is one query. A file is written in CHUNK_BYTES pieces as it is
// generated and read back a piece at a time as it is sent, so neither side holds a whole book.
// A file counts once `completedAt` is set; finishing one deletes the book's other files of that
// format (older versions), and then the least recently used files go until the total is within
// the bound (the newest is always kept, even alone above it). So storage never grows per version.

export const CHUNK_BYTES = 1 << 20;
/** A file left unfinished this long (its instance died) is taken away by the next eviction. */
const ABANDONED_MINUTES = 60;

export type StoredDownload = {
  id: number;
  size: number;
  sha256: string;
  modifiedAt: Date;
};

/** The finished file of this book, format and version, or null. */
export async function findDownload(
  db: Db,
  bookId: number,
  format: DownloadFormat,
  version: string,
): Promise<StoredDownload | null> {
  const row = await db.bookDownload.findUnique({
    where: { bookId_format_version: { bookId, format, version } },
    select: { id: true, size: true, sha256: true, modifiedAt: true, completedAt: true },
  });
  if (!row?.completedAt || row.sha256 === null) return null;
  return { id: row.id, size: row.size, sha256: row.sha256, modifiedAt: row.modifiedAt };
}

/** Marks a file used now (for the LRU), at most once a minute. */
export async function touchDownload(db: Db, id: number): Promise<void> {
  await db.$executeRaw`
    UPDATE "BookDownload" SET "lastUsedAt" = now() AT TIME ZONE 'UTC'
    WHERE id = ${id} AND "lastUsedAt" < now() AT TIME ZONE 'UTC' - interval '1 minute'`;
}

/** The file's bytes, read from the database one chunk at a time as the reader takes them. */
export function readDownload(db: Db, id: number): ReadableStream<Uint8Array> {
  let seq = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await db.bookDownloadChunk.findUnique({
        where: { downloadId_seq: { downloadId: id, seq } },
        select: { data: true },
      });
      if (!chunk) {
        controller.close();
        return;
      }
      seq++;
      controller.enqueue(chunk.data);
    },
  });
}

/**
 * Writes a file: `produce` gives its bytes in order, which are stored in chunks as they come.
 * Answers the finished file; when it already exists, answers it without producing anything
 * again (a job that runs twice stores one file). An unfinished file of the same book and format
 * (an earlier attempt) is replaced.
 */
export async function storeDownload(
  db: Db,
  file: { bookId: number; format: DownloadFormat; version: string; modifiedAt: Date },
  produce: (write: (bytes: Buffer) => Promise<void>) => Promise<void>,
  maxBytes: number,
): Promise<StoredDownload> {
  const existing = await findDownload(db, file.bookId, file.format, file.version);
  if (existing) return existing;
  await db.bookDownload.deleteMany({ where: { bookId: file.bookId, format: file.format, completedAt: null } });
  const { id } = await db.bookDownload.create({ data: { ...file }, select: { id: true } });

  const hash = createHash("sha256");
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await db.bookDownloadChunk.create({ data: { downloadId: id, seq: seq++, data } });
  };
  await produce(async (bytes) => {
    hash.update(bytes);
    size += bytes.length;
    let rest = bytes;
    while (rest.length > 0) {
      const take = rest.subarray(0, CHUNK_BYTES - pendingBytes);
      pending.push(take);
      pendingBytes += take.length;
      rest = rest.subarray(take.length);
      if (pendingBytes === CHUNK_BYTES) await flush();
    }
  });
  await flush();

  const sha256 = hash.digest("hex");
  await db.$transaction(async (tx) => {
    const done = await tx.bookDownload.updateMany({
      where: { id, completedAt: null },
      data: { size, sha256, completedAt: new Date(), lastUsedAt: new Date() },
    });
    // Another attempt replaced this one while it ran: that attempt's file is the one kept.
    if (done.count !== 1) throw new Error(`download ${id} was replaced while it was written`);
    await tx.bookDownload.deleteMany({ where: { bookId: file.bookId, format: file.format, id: { not: id } } });
  });
  await evictDownloads(db, maxBytes, id);
  return { id, size, sha256, modifiedAt: file.modifiedAt };
}

/**
 * Deletes the least recently used finished files until the rest fit in `maxBytes` (never
 * `keep`), and files left unfinished for an hour. Answers how many were deleted.
 */
export async function evictDownloads(db: Db, maxBytes: number, keep?: number): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "BookDownload" WHERE id IN (
      SELECT id FROM (
        SELECT id, sum(size) OVER (ORDER BY (id = ${keep ?? 0}) DESC, "lastUsedAt" DESC, id DESC) AS total
        FROM "BookDownload" WHERE "completedAt" IS NOT NULL
      ) ranked
      WHERE total > ${maxBytes}::bigint AND id <> ${keep ?? 0}
      UNION ALL
      SELECT id FROM "BookDownload"
      WHERE "completedAt" IS NULL AND "createdAt" < now() AT TIME ZONE 'UTC' - make_interval(mins => ${ABANDONED_MINUTES})
    )`;
}

/** Bytes of finished files in storage. */
export async function storedBytes(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ total: number }[]>`
    SELECT coalesce(sum(size), 0)::float8 AS total FROM "BookDownload" WHERE "completedAt" IS NOT NULL`;
  return row?.total ?? 0;
}
