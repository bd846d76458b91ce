// A signed-out reader's bookshelf, kept in this browser (localStorage), newest first: 加入书架
// never sends an anonymous reader away or loses the book. Signing in merges it into the account
// (components/chapter/progress-merge.tsx → POST /api/shelf/merge), after which it is emptied.
// Plain TypeScript, shared by the book page's React button and the reading page's script.

export type LocalShelfEntry = { bookId: number; title: string; at: number };

const KEY = "shuhai:shelf";
/** Most books kept here; the oldest go first beyond it (the account's shelf has no such bound). */
export const LOCAL_SHELF_MAX = 200;
/** Fired on window when this tab changes the shelf. */
export const LOCAL_SHELF_EVENT = "shuhai:shelf";

export function readLocalShelf(): LocalShelfEntry[] {
  try {
    const value = JSON.parse(window.localStorage.getItem(KEY) ?? "[]") as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter(
      (e): e is LocalShelfEntry =>
        typeof e === "object" &&
        e !== null &&
        Number.isSafeInteger((e as LocalShelfEntry).bookId) &&
        (e as LocalShelfEntry).bookId > 0 &&
        typeof (e as LocalShelfEntry).title === "string",
    );
  } catch {
    // Storage disabled or a corrupt entry: an empty shelf.
    return [];
  }
}

function write(entries: LocalShelfEntry[]): void {
  try {
    if (entries.length === 0) window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, JSON.stringify(entries.slice(0, LOCAL_SHELF_MAX)));
    window.dispatchEvent(new Event(LOCAL_SHELF_EVENT));
  } catch {
    // Storage full or disabled (private mode): the change lasts for this page only.
  }
}

export function isOnLocalShelf(bookId: number): boolean {
  return readLocalShelf().some((e) => e.bookId === bookId);
}

/** Puts the book on this browser's shelf (first) or takes it off. */
export function setOnLocalShelf(book: { bookId: number; title: string }, on: boolean): void {
  const others = readLocalShelf().filter((e) => e.bookId !== book.bookId);
  write(on ? [{ bookId: book.bookId, title: book.title, at: Date.now() }, ...others] : others);
}

/** Takes these books off this browser's shelf (once they are on the account's). */
export function forgetLocalShelf(bookIds: readonly number[]): void {
  const gone = new Set(bookIds);
  write(readLocalShelf().filter((e) => !gone.has(e.bookId)));
}
