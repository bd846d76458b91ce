import Link from "next/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { bulkChaptersAction, chapterStepAction, moveChapterAction } from "@/lib/actions/authoring";
import type { ChapterListItem } from "@/lib/data/authoring/chapters";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";

type Props = {
  bookId: number;
  chapters: ChapterListItem[];
  trashed: ChapterListItem[];
  volumes: { id: number; title: string }[];
};

/**
 * The chapters of a book in reading order: checkboxes for bulk publish / schedule / trash,
 * move up and down, publish or trash one; and the trash with restore. Plain forms posting
 * server actions, so everything works without JavaScript.
 */
export function ChapterList({ bookId, chapters, trashed, volumes }: Props) {
  const t = getT();
  const bulkId = `bulk-${bookId}`;
  const volumeTitle = new Map(volumes.map((v) => [v.id, v.title]));
  return (
    <div className="chapter-list">
      {chapters.length === 0 ? (
        <p>{t("dashboard.noChapters")}</p>
      ) : (
        <>
          <ActionForm action={bulkChaptersAction} id={bulkId} className="bulk-form">
            <input type="hidden" name="bookId" value={bookId} />
            <fieldset>
              <legend>{t("dashboard.bulkLegend")}</legend>
              <button type="submit" name="action" value="publish">
                {t("dashboard.bulkPublish")}
              </button>{" "}
              <button type="submit" name="action" value="trash">
                {t("dashboard.bulkTrash")}
              </button>{" "}
              <label>
                {t("dashboard.publishAt")} <input type="datetime-local" name="publishAt" />
              </label>{" "}
              <button type="submit" name="action" value="schedule">
                {t("dashboard.bulkSchedule")}
              </button>
              <p className="form-hint">{t("dashboard.publishAtHint", { timeZone: env.SITE_TIME_ZONE })}</p>
            </fieldset>
          </ActionForm>
          <div className="table-scroll">
            <table className="dashboard-table">
              <caption className="visually-hidden">{t("dashboard.chapters")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.select")}</th>
                  <th scope="col">{t("dashboard.chapterTitle")}</th>
                  <th scope="col">{t("dashboard.volume")}</th>
                  <th scope="col">{t("dashboard.chapterStatus")}</th>
                  <th scope="col">{t("book.wordCount")}</th>
                  <th scope="col">{t("dashboard.when")}</th>
                  <th scope="col">{t("dashboard.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {chapters.map((c, i) => (
                  <tr key={c.id}>
                    <td>
                      <input
                        type="checkbox"
                        name="chapterIds"
                        value={c.id}
                        form={bulkId}
                        aria-label={t("dashboard.selectNamed", { title: c.title })}
                      />
                    </td>
                    <th scope="row">
                      <Link href={`/dashboard/chapters/${c.id}`}>{c.title}</Link>
                    </th>
                    <td>{c.volumeId ? volumeTitle.get(c.volumeId) : ""}</td>
                    <td>{t(`dashboard.chapterStatuses.${c.status}`)}</td>
                    <td>{c.wordCount}</td>
                    <td>{formatDateTime(c.status === "SCHEDULED" ? c.publishAt : (c.publishedAt ?? c.updatedAt))}</td>
                    <td className="row-actions">
                      <MoveChapter chapter={c} position={i} direction="up" disabled={i === 0} />
                      <MoveChapter chapter={c} position={i + 2} direction="down" disabled={i === chapters.length - 1} />
                      {c.status === "PUBLISHED" ? (
                        <Step chapter={c} step="unpublish" label={t("dashboard.unpublish")} />
                      ) : (
                        <Step chapter={c} step="publish" label={t("dashboard.publishNow")} />
                      )}
                      <Step chapter={c} step="trash" label={t("dashboard.moveToTrash")} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {trashed.length > 0 ? (
        <>
          <h3>{t("dashboard.chapterTrash")}</h3>
          <ul className="dashboard-trash">
            {trashed.map((c) => (
              <li key={c.id}>
                <span>{c.title}</span> <Step chapter={c} step="restore" label={t("dashboard.restore")} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function Step({ chapter, step, label }: { chapter: ChapterListItem; step: string; label: string }) {
  return (
    <ActionForm action={chapterStepAction} className="inline-form">
      <input type="hidden" name="chapterId" value={chapter.id} />
      <input type="hidden" name="step" value={step} />
      <button type="submit" aria-label={`${label}: ${chapter.title}`}>
        {label}
      </button>
    </ActionForm>
  );
}

function MoveChapter(props: {
  chapter: ChapterListItem;
  position: number;
  direction: "up" | "down";
  disabled: boolean;
}) {
  const t = getT();
  const label = props.direction === "up" ? "dashboard.moveUpNamed" : "dashboard.moveDownNamed";
  return (
    <ActionForm action={moveChapterAction} className="inline-form">
      <input type="hidden" name="chapterId" value={props.chapter.id} />
      <input type="hidden" name="position" value={props.position} />
      <button type="submit" disabled={props.disabled} aria-label={t(label, { title: props.chapter.title })}>
        {props.direction === "up" ? "↑" : "↓"}
      </button>
    </ActionForm>
  );
}
