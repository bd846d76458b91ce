// The reader's bookmarks (书签) kept in the browser, per book, as progress is
// (progress-store.ts): the signed-out reader's only copy, and the signed-in reader's copy of the
// account's (synced by lib/reader/client/bookmarks.ts through /api/bookmarks).

/** A bookmarked paragraph: 0-based over the whole chapter; `page` the sub-page it was on. */
export type StoredBookmark = {
  chapterId: number;
  chapterTitle: string;
  paragraph: number;
  page: number;
  snippet: string;
  at: number;
};

/** The caps the account keeps too (lib/validation/bookmarks.ts takes them from here). */
export const BOOKMARKS_PER_BOOK = 50;
export const BOOKMARKS_PER_ACCOUNT = 1000;
export const SNIPPET_MAX = 60;

export const bookmarksKey = (bookId: number) => `shuhai:bookmarks:${bookId}`;

const valid = (b: Partial<StoredBookmark>): b is StoredBookmark =>
  typeof b.chapterId === "number" &&
  typeof b.paragraph === "number" &&
  typeof b.page === "number" &&
  typeof b.snippet === "string" &&
  typeof b.chapterTitle === "string";

/** The book's bookmarks in reading order as far as the browser knows it (chapter id, then paragraph). */
export function readBookmarks(bookId: number): StoredBookmark[] {
  try {
    const raw = JSON.parse(window.localStorage.getItem(bookmarksKey(bookId)) ?? "[]") as unknown;
    return Array.isArray(raw) ? (raw as Partial<StoredBookmark>[]).filter(valid) : [];
  } catch {
    // Storage disabled or a corrupt entry: no bookmarks.
    return [];
  }
}

/** Keeps the book's bookmarks; false when the browser would not store them. */
export function writeBookmarks(bookId: number, bookmarks: StoredBookmark[]): boolean {
  try {
    const sorted = [...bookmarks].sort((a, b) => a.chapterId - b.chapterId || a.paragraph - b.paragraph);
    window.localStorage.setItem(bookmarksKey(bookId), JSON.stringify(sorted));
    return true;
  } catch {
    // Storage full or disabled (private mode).
    return false;
  }
}
