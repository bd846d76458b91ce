import Link from "@/components/ui/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { Pagination } from "@/components/ui/pagination";
import { bulkChaptersAction, chapterRowAction } from "@/lib/actions/authoring";
import type { ChapterListItem } from "@/lib/data/authoring/chapters";
import { env } from "@/lib/env";
import { formatCount, formatDateTime } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";

type Props = {
  bookId: number;
  /** One page of the book's chapters, in reading order. */
  chapters: ChapterListItem[];
  /** Every chapter not in the trash, on all pages. */
  total: number;
  page: number;
  pageCount: number;
  trashed: ChapterListItem[];
  trashedTotal: number;
  volumes: { id: number; title: string }[];
};

/**
 * One page of a book's chapters in reading order: checkboxes for bulk publish / schedule / trash
 * (of the chapters on this page), and per row one form whose buttons move the chapter (up, down,
 * or to a typed place anywhere in the book), publish, unpublish or unschedule it, or trash it;
 * then the trash, with restore. Plain forms posting server actions, so all of it works without
 * JavaScript. Below 48rem the table is laid out as one card per chapter (globals.css).
 */
export function ChapterList(props: Props) {
  const { bookId, chapters, total, page, pageCount, trashed, trashedTotal, volumes } = props;
  const t = getT();
  const bulkId = `bulk-${bookId}`;
  const volumeTitle = new Map(volumes.map((v) => [v.id, v.title]));
  const first = chapters[0]?.position ?? 0;
  const last = chapters.at(-1)?.position ?? 0;
  return (
    <div className="chapter-list">
      {total === 0 ? (
        <p>{t("dashboard.noChapters")}</p>
      ) : (
        <>
          <ActionForm action={bulkChaptersAction} id={bulkId} className="bulk-form">
            <input type="hidden" name="bookId" value={bookId} />
            <fieldset>
              <legend>{t("dashboard.bulkLegend")}</legend>
              <div className="button-row">
                <button type="submit" name="action" value="publish">
                  {t("dashboard.bulkPublish")}
                </button>
                <button type="submit" name="action" value="trash" className="button-danger">
                  {t("dashboard.bulkTrash")}
                </button>
                <label>
                  {t("dashboard.publishAt")} <input type="datetime-local" name="publishAt" />
                </label>
                <button type="submit" name="action" value="schedule">
                  {t("dashboard.bulkSchedule")}
                </button>
              </div>
              <p className="form-hint">
                {t("dashboard.bulkPageHint")} {t("dashboard.publishAtHint", { timeZone: env.SITE_TIME_ZONE })}
              </p>
            </fieldset>
          </ActionForm>
          <p className="form-hint" id={`${bulkId}-range`}>
            {t("dashboard.chapterRange", { first, last, total })}
          </p>
          <div className="table-scroll">
            <table className="dashboard-table stack-table chapter-table" aria-describedby={`${bulkId}-range`}>
              <caption className="visually-hidden">{t("dashboard.chapters")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.select")}</th>
                  <th scope="col">{t("dashboard.chapterTitle")}</th>
                  {volumes.length > 0 ? <th scope="col">{t("dashboard.volume")}</th> : null}
                  <th scope="col">{t("dashboard.chapterStatus")}</th>
                  <th scope="col">{t("book.wordCount")}</th>
                  <th scope="col">{t("dashboard.when")}</th>
                  <th scope="col">{t("dashboard.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {chapters.map((c) => (
                  <tr key={c.id}>
                    <td className="cell-select">
                      <input
                        type="checkbox"
                        name="chapterIds"
                        value={c.id}
                        form={bulkId}
                        aria-labelledby={`c${c.id}`}
                      />
                    </td>
                    <th scope="row" id={`c${c.id}`}>
                      <Link href={`/dashboard/chapters/${c.id}`}>{c.title}</Link>
                    </th>
                    {volumes.length > 0 ? (
                      <td data-label={t("dashboard.volume")}>{c.volumeId ? volumeTitle.get(c.volumeId) : "—"}</td>
                    ) : null}
                    <td data-label={t("dashboard.chapterStatus")}>{t(`dashboard.chapterStatuses.${c.status}`)}</td>
                    <td data-label={t("book.wordCount")} className="cell-number">
                      {formatCount(c.wordCount)}
                    </td>
                    <td data-label={t("dashboard.whenShort")}>
                      {formatDateTime(c.status === "SCHEDULED" ? c.publishAt : (c.publishedAt ?? c.updatedAt))}
                    </td>
                    <td className="cell-actions">
                      <RowActions chapter={c} total={total} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            pageCount={pageCount}
            href={(p) => (p === 1 ? `/dashboard/books/${bookId}` : `/dashboard/books/${bookId}?page=${p}`)}
          />
        </>
      )}
      {trashed.length > 0 ? <ChapterTrash trashed={trashed} trashedTotal={trashedTotal} /> : null}
    </div>
  );
}

/**
 * The actions of one row, in one form. The place field comes first so that Enter in it presses
 * "move here" (the form's first button), never another step. Each control is described by the
 * row's header (the chapter title) rather than repeating the title in every label: a long list
 * stays light.
 */
function RowActions({ chapter: c, total }: { chapter: ChapterListItem; total: number }) {
  const t = getT();
  const title = `c${c.id}`;
  const stepButton = (step: string, label: string, danger = false) => (
    <button
      type="submit"
      name="step"
      value={step}
      className={danger ? "button-danger" : undefined}
      aria-describedby={title}
    >
      {label}
    </button>
  );
  return (
    <ActionForm action={chapterRowAction} className="row-form">
      <input type="hidden" name="chapterId" value={c.id} />
      <input type="hidden" name="position" value={c.position} />
      <span className="row-move">
        <input
          type="number"
          name="to"
          min={1}
          max={total}
          defaultValue={c.position}
          className="position-input"
          aria-label={t("dashboard.position", { total })}
          aria-describedby={title}
        />
        {stepButton("move", t("dashboard.moveHere"))}
        <button
          type="submit"
          name="step"
          value="up"
          disabled={c.position <= 1}
          aria-label={t("dashboard.moveUp")}
          aria-describedby={title}
        >
          ↑
        </button>
        <button
          type="submit"
          name="step"
          value="down"
          disabled={c.position >= total}
          aria-label={t("dashboard.moveDown")}
          aria-describedby={title}
        >
          ↓
        </button>
      </span>
      <span className="row-steps">
        {c.status === "PUBLISHED" ? stepButton("unpublish", t("dashboard.unpublish")) : null}
        {c.status === "SCHEDULED" ? stepButton("unpublish", t("dashboard.unschedule")) : null}
        {c.status === "PUBLISHED" ? null : stepButton("publish", t("dashboard.publishNow"))}
        {stepButton("trash", t("dashboard.moveToTrash"), true)}
      </span>
    </ActionForm>
  );
}

/** The trash: one form, each restore button names its chapter. */
function ChapterTrash({ trashed, trashedTotal }: { trashed: ChapterListItem[]; trashedTotal: number }) {
  const t = getT();
  return (
    <>
      <h3>{t("dashboard.chapterTrash")}</h3>
      {trashedTotal > trashed.length ? (
        <p className="form-hint">{t("dashboard.trashShown", { shown: trashed.length, total: trashedTotal })}</p>
      ) : null}
      <ActionForm action={chapterRowAction}>
        <input type="hidden" name="step" value="restore" />
        <ul className="dashboard-trash">
          {trashed.map((c) => (
            <li key={c.id}>
              <span>{c.title}</span>
              <button type="submit" name="chapterId" value={c.id} aria-label={`${t("dashboard.restore")}: ${c.title}`}>
                {t("dashboard.restore")}
              </button>
            </li>
          ))}
        </ul>
      </ActionForm>
    </>
  );
}
