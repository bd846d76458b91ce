import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { hideBookAction, unhideBookAction } from "@/lib/actions/admin";
import { requireRole } from "@/lib/auth/session";
import { HIDDEN_BOOKS_SHOWN } from "@/lib/data/admin";
import { listHiddenBooks, searchBooks } from "@/lib/data/signed-in";
import { getT } from "@/lib/i18n/messages";
import { HIDE_REASON_MAX } from "@/lib/validation/admin";
import { AdminNav } from "../nav";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export function generateMetadata(): Metadata {
  return { title: getT()("admin.books.title") };
}

export default async function AdminBooksPage({ searchParams }: Props) {
  const user = await requireRole("ADMIN", "/admin/books");
  const t = getT();
  const raw = (await searchParams).q;
  const q = (typeof raw === "string" ? raw : "").replace(/\0/g, "").slice(0, 100);
  const actor = { id: user.id, role: user.role };
  // Without a search, the hidden books: the ones an admin most often comes back to.
  const searching = q.trim() !== "";
  const books = searching ? await searchBooks(actor, { q }) : await listHiddenBooks(actor);
  return (
    <section className="dashboard admin">
      <h1>{t("admin.books.title")}</h1>
      <AdminNav current="books" />
      <form method="get" action="/admin/books" role="search" className="inline-form">
        <label htmlFor="admin-book-q">{t("admin.books.search")}</label>
        <input id="admin-book-q" name="q" type="search" defaultValue={q} maxLength={100} />
        <button type="submit">{t("admin.search")}</button>
      </form>
      {searching ? null : (
        <>
          <h2>{t("admin.books.hiddenList")}</h2>
          <p className="form-hint">{t("admin.books.hiddenListHint", { count: HIDDEN_BOOKS_SHOWN })}</p>
        </>
      )}
      {books.length === 0 ? (
        <p>{searching ? t("admin.noResults") : t("admin.books.hiddenNone")}</p>
      ) : (
        <div className="table-scroll">
          <table className="dashboard-table stack-table">
            <caption className="visually-hidden">{t("admin.books.title")}</caption>
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">{t("admin.books.bookTitle")}</th>
                <th scope="col">{t("admin.books.author")}</th>
                <th scope="col">{t("admin.books.visibility")}</th>
              </tr>
            </thead>
            <tbody>
              {books.map((b) => (
                <tr key={b.id}>
                  <td data-label="ID" className="cell-number">
                    {b.id}
                  </td>
                  <th scope="row">
                    <Link href={`/book/${b.id}`}>{b.title}</Link>
                    {b.deletedAt ? <span className="badge">{t("admin.books.trashed")}</span> : null}
                  </th>
                  <td data-label={t("admin.books.author")}>{b.authorName}</td>
                  <td data-label={t("admin.books.visibility")} className="cell-wide">
                    {b.hiddenAt ? (
                      <ActionForm action={unhideBookAction} className="inline-form">
                        <span>{t("admin.books.hiddenWith", { reason: b.hiddenReason ?? "" })}</span>
                        <input type="hidden" name="bookId" value={b.id} />
                        <button type="submit" aria-label={t("admin.books.unhideNamed", { title: b.title })}>
                          {t("admin.books.unhide")}
                        </button>
                      </ActionForm>
                    ) : (
                      <ActionForm action={hideBookAction} className="inline-form">
                        <input type="hidden" name="bookId" value={b.id} />
                        <input
                          name="reason"
                          required
                          maxLength={HIDE_REASON_MAX}
                          aria-label={t("admin.books.reasonFor", { title: b.title })}
                          placeholder={t("admin.books.reason")}
                        />
                        <button
                          type="submit"
                          className="button-danger"
                          aria-label={t("admin.books.hideNamed", { title: b.title })}
                        >
                          {t("admin.books.hide")}
                        </button>
                      </ActionForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
