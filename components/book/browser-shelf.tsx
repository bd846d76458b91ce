"use client";

import { inCurrentVariant } from "@/lib/i18n/script-variants";
import { useTranslations } from "@/components/i18n/client-messages";
import { useSyncExternalStore } from "react";
import Link from "@/components/ui/link";
import { PROGRESS_EVENT, readAllProgress, type Progress } from "@/components/chapter/progress-store";
import { chapterHref } from "@/lib/chapter-links";
import { LOCAL_SHELF_EVENT, readLocalShelf, setOnLocalShelf } from "./local-shelf";

// The shelf and the reading history of a signed-out reader, from this browser's storage: what
// 加入书架 kept and where each book was left (components/chapter/progress-store.ts). Signing in
// merges both into the account. Rendered in the browser only (the server cannot see them).

function subscribe(listener: () => void): () => void {
  for (const name of [LOCAL_SHELF_EVENT, PROGRESS_EVENT, "storage"]) window.addEventListener(name, listener);
  return () => {
    for (const name of [LOCAL_SHELF_EVENT, PROGRESS_EVENT, "storage"]) window.removeEventListener(name, listener);
  };
}

// Snapshots must be stable between renders: the stores' JSON, parsed by the components.
const shelfSnapshot = () => JSON.stringify(readLocalShelf());
const progressSnapshot = () => JSON.stringify(readAllProgress());
const useStored = (snapshot: () => string) => useSyncExternalStore(subscribe, snapshot, () => "[]");

function Position({ bookId, progress }: { bookId: number; progress: Progress }) {
  return <a href={inCurrentVariant(chapterHref(bookId, progress.chapterId, progress.page))}>{progress.title}</a>;
}

export function BrowserShelf() {
  const t = useTranslations("shelf");
  const shelf = JSON.parse(useStored(shelfSnapshot)) as ReturnType<typeof readLocalShelf>;
  const positions = new Map(
    (JSON.parse(useStored(progressSnapshot)) as ReturnType<typeof readAllProgress>).map((p) => [p.bookId, p.progress]),
  );
  if (shelf.length === 0) return <p>{t("empty")}</p>;
  return (
    <>
      <p className="form-hint">{t("browserNote")}</p>
      <ul className="shelf-list" data-testid="browser-shelf">
        {shelf.map((book) => {
          const read = positions.get(book.bookId);
          return (
            <li key={book.bookId} className="shelf-item" data-testid="shelf-item">
              <h2>
                <Link href={inCurrentVariant(`/book/${book.bookId}`)}>{book.title || t("untitled")}</Link>
              </h2>
              <p>
                {read ? (
                  <>
                    {t("lastReadLabel")} <Position bookId={book.bookId} progress={read} />
                  </>
                ) : (
                  t("notStarted")
                )}
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={t("removeLabel", { title: book.title })}
                  onClick={() => setOnLocalShelf(book, false)}
                >
                  {t("remove")}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function BrowserHistory() {
  const t = useTranslations("shelf");
  const read = (JSON.parse(useStored(progressSnapshot)) as ReturnType<typeof readAllProgress>).sort(
    (a, b) => b.progress.at - a.progress.at,
  );
  if (read.length === 0) return <p>{t("historyEmpty")}</p>;
  return (
    <>
      <p className="form-hint">{t("browserNote")}</p>
      <ol className="shelf-list" data-testid="browser-history">
        {read.map(({ bookId, progress }) => (
          <li key={bookId} className="shelf-item">
            <h2>
              <Link href={inCurrentVariant(`/book/${bookId}`)}>{progress.book ?? t("untitled")}</Link>
            </h2>
            <p>
              <Position bookId={bookId} progress={progress} />
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
