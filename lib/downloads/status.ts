import type { Db } from "@/lib/db/client";
import { downloadJobKey } from "./job";
import { DOWNLOAD_FORMATS, type DownloadFormat, readDownloadBook } from "./source";
import { findDownload } from "./store";

// What the download page shows for each format of a book's current version: the finished file
// (its size), a job waiting or running for it ("being prepared"), a job that failed for good, or
// nothing yet (the link starts it).

export type FormatState =
  { state: "ready"; size: number } | { state: "preparing" } | { state: "failed" } | { state: "none" };

export type DownloadStatus = {
  book: { id: number; title: string; author: string };
  formats: Record<DownloadFormat, FormatState>;
};

/** The page's status, or null when the book is not public or its downloads are off. */
export async function readDownloadStatus(db: Db, bookId: number): Promise<DownloadStatus | null> {
  const book = await readDownloadBook(db, bookId);
  if (!book?.downloadsEnabled) return null;
  const entries = await Promise.all(
    DOWNLOAD_FORMATS.map(async (format): Promise<[DownloadFormat, FormatState]> => {
      const file = await findDownload(db, book.id, format, book.version);
      if (file) return [format, { state: "ready", size: file.size }];
      const job = await db.job.findUnique({
        where: { key: downloadJobKey(book.id, format, book.version) },
        select: { failedAt: true },
      });
      if (!job) return [format, { state: "none" }];
      return [format, job.failedAt ? { state: "failed" } : { state: "preparing" }];
    }),
  );
  return {
    book: { id: book.id, title: book.title, author: book.author },
    formats: Object.fromEntries(entries) as Record<DownloadFormat, FormatState>,
  };
}
