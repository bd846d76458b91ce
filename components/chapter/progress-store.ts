// Reading progress kept in the browser: the last chapter and sub-page read in each book.
/** `title`: the chapter's (with its sub-page); `book`: the book's, for the signed-out history. */
export type Progress = { chapterId: number; page: number; title: string; at: number; book?: string };

const PREFIX = "shuhai:progress:";
/** Fired on window when this tab changes a position ("storage" fires only in other tabs). */
export const PROGRESS_EVENT = "shuhai:progress";

export const progressKey = (bookId: number) => `${PREFIX}${bookId}`;

function parse(raw: string | null): Progress | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Progress>;
    if (typeof value.chapterId !== "number" || typeof value.page !== "number" || typeof value.title !== "string")
      return null;
    const progress: Progress = {
      chapterId: value.chapterId,
      page: value.page,
      title: value.title,
      at: Number(value.at) || 0,
    };
    if (typeof value.book === "string") progress.book = value.book;
    return progress;
  } catch {
    // Corrupt entry: behave as if nothing was read yet.
    return null;
  }
}

export function readProgress(bookId: number): Progress | null {
  try {
    return parse(window.localStorage.getItem(progressKey(bookId)));
  } catch {
    // Storage disabled: behave as if nothing was read yet.
    return null;
  }
}

/** Every book's position kept in this browser. */
export function readAllProgress(): { bookId: number; progress: Progress }[] {
  const out: { bookId: number; progress: Progress }[] = [];
  try {
    const storage = window.localStorage;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const bookId = Number(key.slice(PREFIX.length));
      const progress = parse(storage.getItem(key));
      if (Number.isSafeInteger(bookId) && bookId > 0 && progress) out.push({ bookId, progress });
    }
  } catch {
    // Storage disabled: nothing kept.
  }
  return out;
}

export function writeProgress(bookId: number, progress: Progress): void {
  try {
    window.localStorage.setItem(progressKey(bookId), JSON.stringify(progress));
    window.dispatchEvent(new Event(PROGRESS_EVENT));
  } catch {
    // Storage full or disabled (private mode): progress is a convenience, reading goes on.
  }
}
