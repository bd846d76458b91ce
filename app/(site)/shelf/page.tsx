import { ChapterLink } from "@/components/book/chapter-link";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { removeFromShelfAction } from "@/lib/actions/shelf";
import { BrowserShelf } from "@/components/book/browser-shelf";
import { getCurrentUser } from "@/lib/auth/session";
import { chapterHref } from "@/lib/chapter-links";
import { getShelf, listRecentBookmarks } from "@/lib/data/signed-in";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("shelf.metaTitle"), robots: { index: false } };
}

// Reads the request (its query or session), so the page renders whole per request, in document
// order, rather than as a prerendered shell whose hole would stream after the footer
// (components/layout/site-shell.tsx).
export const instant = false;

export default function ShelfPage() {
  const t = getT();
  return (
    <section className="shelf-page" aria-labelledby="shelf-title">
      <div className="panel-head">
        <h1 id="shelf-title">{t("shelf.title")}</h1>
        <Link href="/history">{t("shelf.historyLink")}</Link>
      </div>
      <ShelfList />
    </section>
  );
}

// Reads the session cookie, so it renders per request (`instant = false` above). Signed out,
// the shelf this browser keeps.
async function ShelfList() {
  const t = getT();
  const user = await getCurrentUser();
  if (!user) return <BrowserShelf />;
  const [books, bookmarks] = await Promise.all([getShelf(user.id), listRecentBookmarks(user.id)]);
  return (
    <>
      {books.length === 0 ? <p>{t("shelf.empty")}</p> : <ShelfBooks books={books} />}
      <section aria-labelledby="shelf-bookmarks">
        <h2 id="shelf-bookmarks">{t("shelf.bookmarks")}</h2>
        {bookmarks.length === 0 ? (
          <p>{t("shelf.bookmarksNone")}</p>
        ) : (
          <ul className="shelf-bookmarks">
            {bookmarks.map((b) => (
              <li key={`${b.chapterId}:${b.paragraph}`}>
                {/* A reading page (lib/reader): a plain link, as ChapterLink makes, at the paragraph. */}
                <a href={`${chapterHref(b.bookId, b.chapterId, b.page)}#p-${b.paragraph}`}>
                  {b.bookTitle} · {b.chapterTitle} · {t("comments.paragraphOf", { n: b.paragraph + 1 })}
                </a>{" "}
                <span className="shelf-meta">{b.snippet}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ShelfBooks({ books }: { books: Awaited<ReturnType<typeof getShelf>> }) {
  const t = getT();
  return (
    <ul className="shelf-list">
      {books.map((book) => {
        const chapterTitle = book.chapter
          ? book.chapter.page > 1
            ? t("shelf.chapterPage", { title: book.chapter.title, page: book.chapter.page })
            : book.chapter.title
          : null;
        return (
          <li key={book.bookId} className="shelf-item" data-testid="shelf-item">
            <h2>
              <Link href={`/book/${book.bookId}`}>{book.title}</Link>
              {book.updated ? <span className="badge">{t("shelf.updated")}</span> : null}
            </h2>
            <p className="shelf-meta">{t("book.byAuthor", { author: book.authorName })}</p>
            <p>{chapterTitle ? t("shelf.lastRead", { title: chapterTitle }) : t("shelf.notStarted")}</p>
            <p className="shelf-meta">
              {book.chapter ? <strong>{t("shelf.newChapters", { count: book.newChapters })}</strong> : null}
              {book.lastChapterId && book.lastChapterTitle ? (
                <>
                  {book.chapter ? " · " : null}
                  <ChapterLink bookId={book.bookId} chapterId={book.lastChapterId}>
                    {t("shelf.latest", { title: book.lastChapterTitle })}
                  </ChapterLink>
                </>
              ) : null}
            </p>
            <div className="actions">
              {book.chapter ? (
                <ChapterLink
                  className="button"
                  bookId={book.bookId}
                  chapterId={book.chapter.id}
                  page={book.chapter.page}
                >
                  {t("shelf.continue")}
                </ChapterLink>
              ) : (
                <Link className="button" href={`/book/${book.bookId}`}>
                  {t("shelf.start")}
                </Link>
              )}
              <form action={removeFromShelfAction}>
                <input type="hidden" name="bookId" value={book.bookId} />
                <button
                  type="submit"
                  className="button button-secondary"
                  aria-label={t("shelf.removeLabel", { title: book.title })}
                >
                  {t("shelf.remove")}
                </button>
              </form>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
