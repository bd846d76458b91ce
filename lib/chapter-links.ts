// URLs of a chapter's sub-pages: page 1 is the chapter's own URL.
export function chapterHref(bookId: number, chapterId: number, page = 1): string {
  return page <= 1 ? `/book/${bookId}/${chapterId}` : `/book/${bookId}/${chapterId}/${page}`;
}
