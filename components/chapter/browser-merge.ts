import { forgetLocalShelf, readLocalShelf } from "@/components/book/local-shelf";
import { readAllProgress, readProgress, writeProgress } from "./progress-store";

// Used by the React pages (progress-merge.tsx) and by the reading pages' script
// (lib/reader/client/reader.ts), whichever page a reader lands on after signing in.

type Position = { bookId: number; chapterId: number; page: number; chapterTitle: string; at: number };

// The server merges at most MERGE_MAX (lib/validation/reader.ts) books: send the newest.
const MERGE_SEND_MAX = 200;
const MERGED_PREFIX = "shuhai:progress-merged:";
const mergedKey = (userId: number) => `${MERGED_PREFIX}${userId}`;

/** After signing out: the next sign-in in this tab merges again. */
export function resetProgressMerge(): void {
  try {
    for (const key of Object.keys(window.sessionStorage)) {
      if (key.startsWith(MERGED_PREFIX)) window.sessionStorage.removeItem(key);
    }
  } catch {
    // No session storage: nothing was remembered.
  }
}

/**
 * Once per tab after signing in: sends the books shelved and the positions this browser kept while
 * signed out to the account (for positions the newest wins per book), then keeps the account's
 * newest positions here, so "continue reading" on a book page follows the reader from another
 * browser. `chapterPageTitle` names a position on a chapter's sub-page (「第一章 (2)」).
 */
export function mergeBrowserState(
  userId: number,
  chapterPageTitle: (title: string, page: number) => string,
  signal?: AbortSignal,
): void {
  try {
    if (window.sessionStorage.getItem(mergedKey(userId))) return;
  } catch {
    // No session storage: merging on every page is still correct, only wasteful.
  }
  // The books shelved in this browser while signed out join the account's shelf first, so that
  // the positions merged next land on their shelf entries too.
  const shelved = readLocalShelf().map((e) => e.bookId);
  const shelfMerged: Promise<unknown> =
    shelved.length === 0
      ? Promise.resolve()
      : fetch("/api/shelf/merge", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ bookIds: shelved }),
          signal,
        })
          .then((r): Promise<{ merged?: number[] }> => (r.ok ? r.json() : Promise.resolve({})))
          .then(({ merged }) => {
            // Kept here if the server could not take them: the next page tries again. A book no
            // longer public is dropped too (the server did not put it on the account's shelf).
            if (merged) forgetLocalShelf(shelved);
          })
          .catch(() => {
            // Aborted or offline: the next page merges again.
          });
  const entries = readAllProgress()
    .sort((a, b) => b.progress.at - a.progress.at)
    .slice(0, MERGE_SEND_MAX)
    .map(({ bookId, progress }) => ({
      bookId,
      chapterId: progress.chapterId,
      page: progress.page,
      at: Math.round(progress.at),
    }));
  shelfMerged
    .then(() =>
      fetch("/api/progress/merge", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ entries: entries.filter((e) => e.at >= 1_000_000_000_000) }),
        signal,
      }),
    )
    .then((r): Promise<{ positions?: Position[] }> => (r.ok ? r.json() : Promise.resolve({})))
    .then(({ positions }) => {
      if (!positions) return;
      try {
        // Remembered only once done, so a merge cut short by leaving the page runs again.
        window.sessionStorage.setItem(mergedKey(userId), "1");
      } catch {
        // See above.
      }
      for (const p of positions) {
        const local = readProgress(p.bookId);
        if (local && local.at > p.at) continue;
        const title = p.page > 1 ? chapterPageTitle(p.chapterTitle, p.page) : p.chapterTitle;
        writeProgress(p.bookId, { chapterId: p.chapterId, page: p.page, title, at: p.at });
      }
    })
    .catch(() => {
      // Aborted or offline: the next page merges again.
    });
}
