"use client";

import { useEffect } from "react";
import { writeProgress } from "./progress-store";
import { queueProgressSync } from "./progress-sync";
import { sendChapterView } from "./view-beacon";

// Remembers this sub-page as the book's reading position: in the browser always, and in the
// reader's account when signed in. Also reports the page as a read of the chapter (./view-beacon.ts).
export function ReadingProgress({
  bookId,
  chapterId,
  page,
  title,
}: {
  bookId: number;
  chapterId: number;
  page: number;
  title: string;
}) {
  useEffect(() => {
    const at = Date.now();
    writeProgress(bookId, { chapterId, page, title, at });
    queueProgressSync({ bookId, chapterId, page, at });
  }, [bookId, chapterId, page, title]);
  // One report per page shown, sub-pages included (the server counts the chapter once).
  useEffect(() => {
    sendChapterView(bookId, chapterId);
  }, [bookId, chapterId, page]);
  return null;
}
