import type { ReactNode } from "react";
import { chapterHref } from "@/lib/chapter-links";

/**
 * A link to a reading page. Reading pages are served by lib/reader, not by Next, so this is a
 * plain <a>: a full page load, as Next's router would fall back to anyway, and no prefetch
 * request per link in view.
 */
export function ChapterLink({
  bookId,
  chapterId,
  page,
  className,
  children,
}: {
  bookId: number;
  chapterId: number;
  page?: number;
  className?: string;
  children: ReactNode;
}) {
  return (
    <a className={className} href={chapterHref(bookId, chapterId, page)}>
      {children}
    </a>
  );
}
