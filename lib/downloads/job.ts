import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { enqueueJob, type JobOutcome, type JobRow } from "@/lib/jobs/queue";
import { writeEpub } from "./epub";
import { type DownloadBook, type DownloadFormat, readDownloadBook } from "./source";
import { storeDownload, type StoredDownload } from "./store";
import { writeTxt } from "./txt";

// Downloads are made by a job on the queue (lib/jobs), never in a reader's request: asking for
// a file that is not made yet enqueues "book-download" for the book, format and version (a key,
// so a thousand readers asking enqueue one job) and the download page says it is being prepared.
// The job always makes the book's current version; when the book changed while it ran, the file
// is thrown away and the job goes round again.

export const DOWNLOAD_JOB = "book-download";

/** `version`: the one asked for (a failed job says which version could not be made); the job makes the current one. */
export type DownloadPayload = { bookId: number; format: DownloadFormat; version?: string };

export const downloadJobKey = (bookId: number, format: DownloadFormat, version: string) =>
  `${DOWNLOAD_JOB}:${bookId}:${format}:${version}`;

export async function enqueueDownload(db: Db, book: DownloadBook, format: DownloadFormat): Promise<void> {
  const payload: DownloadPayload = { bookId: book.id, format, version: book.version };
  await enqueueJob(db, { kind: DOWNLOAD_JOB, key: downloadJobKey(book.id, format, book.version), payload });
}

const WRITERS = { txt: writeTxt, epub: writeEpub } as const;

/** Makes and stores the book's current file of `format` (no-op when it exists). */
export async function buildDownload(
  db: Db,
  book: DownloadBook,
  format: DownloadFormat,
  maxBytes = env.DOWNLOADS_CACHE_MB * 1024 * 1024,
): Promise<StoredDownload> {
  return storeDownload(
    db,
    { bookId: book.id, format, version: book.version, modifiedAt: book.modifiedAt },
    (write) => WRITERS[format](db, book, write),
    maxBytes,
  );
}

/** Whether the job for this version failed for good (its key is freed then: found by its payload). */
export async function downloadFailed(db: Db, book: DownloadBook, format: DownloadFormat): Promise<boolean> {
  const payload: DownloadPayload = { bookId: book.id, format, version: book.version };
  const failed = await db.job.findFirst({
    where: { kind: DOWNLOAD_JOB, failedAt: { not: null }, payload: { equals: payload } },
    select: { id: true },
  });
  return failed !== null;
}

export async function downloadStep(db: Db, job: JobRow): Promise<JobOutcome> {
  const payload = job.payload as DownloadPayload;
  const book = await readDownloadBook(db, payload.bookId);
  if (!book?.downloadsEnabled) return { done: true };
  const file = await buildDownload(db, book, payload.format);
  const now = await readDownloadBook(db, payload.bookId);
  if (now && now.version !== book.version) {
    await db.bookDownload.deleteMany({ where: { id: file.id } });
    return { done: false, payload };
  }
  return { done: true };
}
