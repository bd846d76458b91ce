// Reading progress kept in the browser: the last chapter and sub-page read in each book.
export type Progress = { chapterId: number; page: number; title: string; at: number };

export const progressKey = (bookId: number) => `shuhai:progress:${bookId}`;

export function readProgress(bookId: number): Progress | null {
  try {
    const raw = window.localStorage.getItem(progressKey(bookId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Progress>;
    if (typeof value.chapterId !== "number" || typeof value.page !== "number" || typeof value.title !== "string") return null;
    return { chapterId: value.chapterId, page: value.page, title: value.title, at: Number(value.at) || 0 };
  } catch {
    // Storage disabled or corrupt: behave as if nothing was read yet.
    return null;
  }
}

export function writeProgress(bookId: number, progress: Progress): void {
  try {
    window.localStorage.setItem(progressKey(bookId), JSON.stringify(progress));
  } catch {
    // Storage full or disabled (private mode): progress is a convenience, reading goes on.
  }
}
