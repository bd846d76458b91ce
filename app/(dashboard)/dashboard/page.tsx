import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { restoreBookAction } from "@/lib/actions/authoring";
import { isAdmin } from "@/lib/data/authoring/actor";
import { type MyBook } from "@/lib/data/authoring/books";
import { dashboardActor } from "@/lib/data/dashboard";
import { listMyBooks } from "@/lib/data/signed-in";
import { formatCount, formatDateTime, formatWordCount } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("dashboard.title") };
}

export default async function DashboardPage() {
  const t = getT();
  const actor = await dashboardActor("/dashboard");
  const { books, trashed } = await listMyBooks(actor);
  return (
    <section className="dashboard">
      <h1>{t("dashboard.title")}</h1>
      <p>
        <Link href="/dashboard/books/new" className="button-link">
          {t("dashboard.newBook")}
        </Link>{" "}
        <Link href="/dashboard/import" className="button-link">
          {t("dashboard.importTxt")}
        </Link>{" "}
        <Link href="/dashboard/comments" className="button-link">
          {t("comments.moderationTitle")}
        </Link>
        {isAdmin(actor) ? (
          <>
            {" "}
            <Link href="/dashboard/reviews" className="button-link">
              {t("reviews.moderationTitle")}
            </Link>
          </>
        ) : null}
      </p>
      <h2>{t("dashboard.myBooks")}</h2>
      {books.length === 0 ? <p>{t("dashboard.noBooks")}</p> : <BooksTable books={books} />}
      {trashed.length > 0 ? (
        <>
          <h2>{t("dashboard.trash")}</h2>
          <ul className="dashboard-trash">
            {trashed.map((b) => (
              <li key={b.id}>
                <span>{b.title}</span>{" "}
                <ActionForm action={restoreBookAction} className="inline-form">
                  <input type="hidden" name="bookId" value={b.id} />
                  <button
                    type="submit"
                    className="button-small"
                    aria-label={t("dashboard.restoreNamed", { title: b.title })}
                  >
                    {t("dashboard.restore")}
                  </button>
                </ActionForm>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function BooksTable({ books }: { books: MyBook[] }) {
  const t = getT();
  const cell = (label: string, value: string) => (
    <td data-label={label} className="cell-number">
      {value}
    </td>
  );
  return (
    <div className="table-scroll">
      <table className="dashboard-table stack-table">
        <caption className="visually-hidden">{t("dashboard.myBooks")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.bookTitle")}</th>
            <th scope="col">{t("book.chapterCount")}</th>
            <th scope="col">{t("book.wordCount")}</th>
            <th scope="col">{t("dashboard.views")}</th>
            <th scope="col">{t("dashboard.shelfCount")}</th>
            <th scope="col">{t("book.lastUpdate")}</th>
            <th scope="col">{t("dashboard.draftsWaiting")}</th>
            <th scope="col">{t("dashboard.links")}</th>
          </tr>
        </thead>
        <tbody>
          {books.map((b) => (
            <tr key={b.id}>
              <th scope="row">
                <Link href={`/dashboard/books/${b.id}`}>{b.title}</Link>
                {b.hiddenAt ? <span className="badge">{t("dashboard.hidden")}</span> : null}
              </th>
              {cell(t("book.chapterCount"), formatCount(b.chapterCount))}
              {cell(t("book.wordCount"), formatWordCount(b.wordCount))}
              {cell(t("dashboard.views"), formatCount(b.viewCount))}
              {cell(t("dashboard.shelfCount"), formatCount(b.shelfCount))}
              <td data-label={t("book.lastUpdate")}>{formatDateTime(b.lastPublishedAt ?? b.updatedAt)}</td>
              {cell(t("dashboard.draftsWaiting"), formatCount(b.draftsWaiting))}
              <td className="cell-actions">
                <span className="row-steps">
                  <Link href={`/dashboard/books/${b.id}/chapters/new`}>{t("dashboard.newChapter")}</Link>
                  <Link href={`/dashboard/books/${b.id}/import`}>{t("dashboard.importChapters")}</Link>
                  <Link href={`/dashboard/books/${b.id}/stats`}>{t("dashboard.stats")}</Link>
                  <Link href={`/book/${b.id}`}>{t("dashboard.viewPublic")}</Link>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
