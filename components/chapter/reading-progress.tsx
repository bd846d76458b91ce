"use client";

import { useEffect } from "react";
import { writeProgress } from "./progress-store";

// Remembers this sub-page as the book's reading position.
export function ReadingProgress({ bookId, chapterId, page, title }: { bookId: number; chapterId: number; page: number; title: string }) {
  useEffect(() => {
    writeProgress(bookId, { chapterId, page, title, at: Date.now() });
  }, [bookId, chapterId, page, title]);
  return null;
}
