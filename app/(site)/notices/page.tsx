import { ChapterLink } from "@/components/book/chapter-link";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { SessionRefresh } from "@/components/notices/session-refresh";
import { markAllNoticesReadAction } from "@/lib/actions/notices";
import { requireUser } from "@/lib/auth/session";
import { countUnreadNotices, listNotices } from "@/lib/data/signed-in";
import { formatDateTime, formatShortDate, newestDate } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("notices.metaTitle"), robots: { index: false } };
}

// Reads the request (its query or session), so the page renders whole per request, in document
// order, rather than as a prerendered shell whose hole would stream after the footer
// (components/layout/site-shell.tsx).
export const instant = false;

export default function NoticesPage() {
  const t = getT();
  return (
    <section className="shelf-page" aria-labelledby="notices-title">
      <div className="panel-head">
        <h1 id="notices-title">{t("notices.title")}</h1>
        <Link href="/shelf">{t("shelf.shelfLink")}</Link>
      </div>
      <NoticeList />
    </section>
  );
}

// The reader's notices: one per book on their shelf that got new chapters, newest first; unread
// ones marked. Reads the session cookie, so it renders per request (`instant = false` above).
async function NoticeList() {
  const t = getT();
  const user = await requireUser("/notices");
  const [notices, unread] = await Promise.all([listNotices(user.id), countUnreadNotices(user.id)]);
  if (notices.length === 0) return <p>{t("notices.empty")}</p>;
  const newest = newestDate(notices.map((n) => n.updatedAt));
  return (
    <>
      <SessionRefresh unread={unread} />
      {unread > 0 ? (
        <form action={markAllNoticesReadAction} className="notices-actions">
          <button type="submit" className="button button-secondary">
            {t("notices.markAllRead")}
          </button>
        </form>
      ) : null}
      <ul className="shelf-list" data-testid="notices">
        {notices.map((notice) => (
          <li key={notice.bookId} className={notice.read ? "shelf-item" : "shelf-item notice-unread"}>
            <h2>
              <Link href={`/book/${notice.bookId}`}>{notice.title}</Link>
              {notice.read ? null : <span className="badge">{t("notices.unread")}</span>}
            </h2>
            <p>
              <ChapterLink bookId={notice.bookId} chapterId={notice.chapterId}>
                {t("notices.item", { count: notice.newChapters, chapter: notice.chapterTitle })}
              </ChapterLink>
            </p>
            <p className="shelf-meta">
              <time dateTime={notice.updatedAt.toISOString()} title={formatDateTime(notice.updatedAt)}>
                {formatShortDate(notice.updatedAt, newest)}
              </time>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
