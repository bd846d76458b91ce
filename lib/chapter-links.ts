// URLs of a chapter's sub-pages: page 1 is the chapter's own URL.
export function chapterHref(bookId: number, chapterId: number, page = 1): string {
  return page <= 1 ? `/book/${bookId}/${chapterId}` : `/book/${bookId}/${chapterId}/${page}`;
}

/** The whole chapter on one page: for reading, not indexed (its canonical address is the chapter's). */
export function wholeChapterHref(bookId: number, chapterId: number): string {
  return `/book/${bookId}/${chapterId}/all`;
}
