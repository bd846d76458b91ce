import { ChapterLink } from "@/components/book/chapter-link";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { Pagination } from "@/components/ui/pagination";
import { BrowserHistory } from "@/components/book/browser-shelf";
import { getCurrentUser } from "@/lib/auth/session";
import { getHistory } from "@/lib/data/signed-in";
import { formatDateTime } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { historyPageSchema } from "@/lib/validation/reader";

export function generateMetadata(): Metadata {
  return { title: getT()("shelf.historyTitle"), robots: { index: false } };
}

// Reads the request (its query or session), so the page renders whole per request, in document
// order, rather than as a prerendered shell whose hole would stream after the footer
// (components/layout/site-shell.tsx).
export const instant = false;

export default function HistoryPage({ searchParams }: PageProps<"/history">) {
  const t = getT();
  return (
    <section className="shelf-page" aria-labelledby="history-title">
      <div className="panel-head">
        <h1 id="history-title">{t("shelf.historyTitle")}</h1>
        <Link href="/shelf">{t("shelf.shelfLink")}</Link>
      </div>
      <HistoryList searchParams={searchParams} />
    </section>
  );
}

// Reads the session cookie and the page number, so it renders per request (`instant = false`).
async function HistoryList({ searchParams }: { searchParams: PageProps<"/history">["searchParams"] }) {
  const t = getT();
  const { page: rawPage } = await searchParams;
  const requested = historyPageSchema.parse(rawPage);
  const user = await getCurrentUser();
  if (!user) return <BrowserHistory />;
  const history = await getHistory(user.id, requested);
  if (history.items.length === 0) return <p>{t("shelf.historyEmpty")}</p>;
  return (
    <>
      <ol className="shelf-list">
        {history.items.map((item) => (
          <li key={item.bookId} className="shelf-item">
            <h2>
              <Link href={`/book/${item.bookId}`}>{item.title}</Link>
            </h2>
            <p className="shelf-meta">{t("book.byAuthor", { author: item.authorName })}</p>
            <p>
              {item.chapterTitle ? (
                <ChapterLink bookId={item.bookId} chapterId={item.chapterId} page={item.page}>
                  {item.page > 1
                    ? t("shelf.chapterPage", { title: item.chapterTitle, page: item.page })
                    : item.chapterTitle}
                </ChapterLink>
              ) : (
                t("shelf.chapterGone")
              )}
            </p>
            <p className="shelf-meta">
              <time dateTime={item.readAt.toISOString()}>
                {t("shelf.readAt", { time: formatDateTime(item.readAt) })}
              </time>
            </p>
          </li>
        ))}
      </ol>
      <Pagination
        page={history.page}
        pageCount={history.pageCount}
        href={(p) => (p > 1 ? `/history?page=${p}` : "/history")}
      />
    </>
  );
}
