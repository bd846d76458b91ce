"use client";

import { useEffect } from "react";
import { writeProgress } from "./progress-store";
import { queueProgressSync } from "./progress-sync";

// Remembers this sub-page as the book's reading position: in the browser always, and in the
// reader's account when signed in.
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
  return null;
}
