import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { Suspense } from "react";
import { BookCover } from "@/components/book/book-cover";
import { ActionForm } from "@/components/dashboard/action-form";
import { BookForm } from "@/components/dashboard/book-form";
import { ChapterList } from "@/components/dashboard/chapter-list";
import { CoverForm } from "@/components/dashboard/cover-form";
import { ImportedNotice } from "@/components/dashboard/imported-notice";
import { VolumesManager } from "@/components/dashboard/volumes-manager";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { removeCoverAction, uploadCoverAction } from "@/lib/actions/covers";
import { restoreBookAction, trashBookAction, updateBookAction } from "@/lib/actions/authoring";
import { bookFormProps, dashboardActor, orNotFound, routeId } from "@/lib/data/dashboard";
import { getBookForEdit, listChaptersForEdit } from "@/lib/data/signed-in";
import { getT } from "@/lib/i18n/messages";
import { MAX_COVER_BYTES, limitMegabytes } from "@/lib/uploads/limits.mjs";

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export function generateMetadata(): Metadata {
  return { title: getT()("dashboard.editBook") };
}

export default async function EditBookPage({ params, searchParams }: Params) {
  const t = getT();
  const { id } = await params;
  const bookId = routeId(id);
  const actor = await dashboardActor(`/dashboard/books/${bookId}`);
  const requested = (await searchParams).page;
  const page = typeof requested === "string" && /^\d{1,6}$/.test(requested) ? Number(requested) : 1;
  const [book, list, options] = await Promise.all([
    orNotFound(getBookForEdit(actor, bookId)),
    orNotFound(listChaptersForEdit(actor, bookId, { page })),
    bookFormProps(),
  ]);
  const status = book.status as "ONGOING" | "COMPLETED" | "HIATUS";
  return (
    <section className="dashboard">
      <p>
        <Link href="/dashboard">{t("dashboard.backToDashboard")}</Link>
      </p>
      <h1>{book.title}</h1>
      <p className="dashboard-links">
        <Link href={`/dashboard/books/${book.id}/chapters/new`}>{t("dashboard.newChapter")}</Link> ·{" "}
        <Link href={`/dashboard/books/${book.id}/import`}>{t("dashboard.importChapters")}</Link> ·{" "}
        <Link href={`/dashboard/books/${book.id}/stats`}>{t("dashboard.stats")}</Link> ·{" "}
        <Link href={`/book/${book.id}`}>{t("dashboard.viewPublic")}</Link>
      </p>
      <Suspense fallback={null}>
        <ImportedNotice searchParams={searchParams} />
      </Suspense>
      {book.hiddenAt ? (
        <p role="status" className="form-message form-message-error">
          {t("dashboard.hiddenByAdmin", { reason: book.hiddenReason ?? "" })}
        </p>
      ) : null}
      {book.deletedAt ? (
        <ActionForm action={restoreBookAction}>
          <p>{t("dashboard.bookInTrash")}</p>
          <input type="hidden" name="bookId" value={book.id} />
          <button type="submit" className="button-primary">
            {t("dashboard.restore")}
          </button>
        </ActionForm>
      ) : null}

      <h2>{t("dashboard.chapters")}</h2>
      <ChapterList
        bookId={book.id}
        chapters={list.chapters}
        total={list.total}
        page={list.page}
        pageCount={list.pageCount}
        trashed={list.trashed}
        trashedTotal={list.trashedTotal}
        volumes={book.volumes}
      />

      <h2>{t("dashboard.volumes")}</h2>
      <VolumesManager bookId={book.id} volumes={book.volumes} />

      <h2>{t("dashboard.bookDetails")}</h2>
      <BookForm
        action={updateBookAction}
        book={{
          id: book.id,
          title: book.title,
          intro: book.intro,
          categoryId: book.categoryId,
          tagIds: book.tagIds,
          status,
          language: book.language,
          downloadsEnabled: book.downloadsEnabled,
        }}
        {...options}
      />

      {book.deletedAt ? null : (
        <>
          <h2>{t("dashboard.cover")}</h2>
          <CoverForm
            bookId={book.id}
            coverUrl={book.coverUrl}
            upload={uploadCoverAction}
            remove={removeCoverAction}
            requirements={t("covers.requirements", { maxMb: limitMegabytes(MAX_COVER_BYTES) })}
          >
            <BookCover book={book} size="large" />
          </CoverForm>

          <section className="danger-zone" aria-labelledby="danger-zone">
            <h2 id="danger-zone">{t("dashboard.dangerZone")}</h2>
            <p className="form-hint">{t("dashboard.trashBookHint")}</p>
            <ConfirmAction label={t("dashboard.trashBook")} question={t("dashboard.trashBookConfirm")}>
              <ActionForm action={trashBookAction}>
                <input type="hidden" name="bookId" value={book.id} />
                <button type="submit" className="button-danger">
                  {t("dashboard.trashBookConfirmButton")}
                </button>
              </ActionForm>
            </ConfirmAction>
          </section>
        </>
      )}
    </section>
  );
}
