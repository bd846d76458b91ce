"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { useActionState, useMemo, useRef, useState, type ClipboardEvent } from "react";
import { FormField, FormMessage } from "@/components/auth/form-field";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { normalizeBody, normalizeTitle } from "@/lib/text/normalize";
import { paginateChapter } from "@/lib/text/paginate";
import { countWords } from "@/lib/text/word-count";
import { AUTHOR_NOTE_MAX, BODY_MAX, CHAPTER_TITLE_MAX } from "@/lib/validation/authoring";
import { SelectField, TextAreaField } from "./fields";
import { useLeaveGuard } from "./leave-guard";
import { RequestIdField, useRequestId } from "./request-id";

export type ChapterEditorValues = {
  bookId: number;
  chapterId?: number;
  volumeId: number | null;
  title: string;
  body: string;
  authorNote: string;
  /** `datetime-local` value in the site time zone, or "". */
  publishAt: string;
  status: "DRAFT" | "SCHEDULED" | "PUBLISHED";
};

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  chapter: ChapterEditorValues;
  volumes: { id: number; title: string }[];
  /** Characters per reading sub-page (the site's CHAPTER_PAGE_CHARS). */
  pageChars: number;
  timeZone: string;
  savedMessage?: string;
  /** A new chapter's idempotency key, made by the page per request (see request-id.tsx). */
  requestId?: string;
};

/**
 * The chapter editor: a plain textarea (a paste from Word or a web page arrives as the
 * browser's plain text; the server normalises it into paragraphs anyway), the live word count
 * and a preview of how the chapter splits into reading sub-pages. Leaving it with title, text or
 * note different from the saved chapter asks first (useLeaveGuard); after a save the page's
 * props are the saved chapter again, so nothing is pending.
 */
export function ChapterEditor({ action, chapter, volumes, pageChars, timeZone, savedMessage, requestId }: Props) {
  const t = useTranslations("dashboard");
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const key = useRequestId(requestId ?? "", state);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const [body, setBody] = useState(values.body ?? chapter.body);
  const words = useMemo(() => countWords(body), [body]);
  const pages = useMemo(() => paginateChapter(normalizeBody(body), pageChars), [body, pageChars]);
  const formRef = useRef<HTMLFormElement>(null);

  // Compared as the server stores them, so a save that only tidied whitespace leaves nothing pending.
  useLeaveGuard(() => {
    const form = formRef.current;
    if (!form) return false;
    const field = (name: string) => {
      const el = form.elements.namedItem(name);
      return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : "";
    };
    return (
      normalizeTitle(field("title")) !== chapter.title ||
      normalizeBody(body) !== chapter.body ||
      normalizeBody(field("authorNote")) !== chapter.authorNote
    );
  }, t("leaveUnsaved"));

  function pastePlain(event: ClipboardEvent<HTMLTextAreaElement>) {
    const text = event.clipboardData.getData("text/plain");
    if (!text) return;
    event.preventDefault();
    const area = event.currentTarget;
    const next = area.value.slice(0, area.selectionStart) + text + area.value.slice(area.selectionEnd);
    const caret = area.selectionStart + text.length;
    setBody(next);
    requestAnimationFrame(() => area.setSelectionRange(caret, caret));
  }

  const message = state.message ?? savedMessage;
  const published = chapter.status === "PUBLISHED";
  return (
    <form ref={formRef} action={formAction} className="dashboard-form chapter-editor" noValidate>
      <FormMessage status={state.message ? state.status : "success"} message={message} />
      {chapter.chapterId ? (
        <input type="hidden" name="chapterId" value={chapter.chapterId} />
      ) : (
        <input type="hidden" name="bookId" value={chapter.bookId} />
      )}
      {requestId && !chapter.chapterId ? <RequestIdField value={key} /> : null}
      <FormField
        name="title"
        label={t("chapterTitle")}
        required
        maxLength={CHAPTER_TITLE_MAX}
        defaultValue={values.title ?? chapter.title}
        errors={errors.title}
      />
      {volumes.length > 0 ? (
        <SelectField
          name="volumeId"
          label={t("volume")}
          defaultValue={values.volumeId ?? chapter.volumeId ?? ""}
          errors={errors.volumeId}
        >
          <option value="">{t("noVolume")}</option>
          {volumes.map((v) => (
            <option key={v.id} value={v.id}>
              {v.title}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextAreaField
        name="body"
        label={t("body")}
        hint={t("bodyHint")}
        rows={20}
        maxLength={BODY_MAX}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onPaste={pastePlain}
        errors={errors.body}
      />
      <p className="chapter-editor-count" aria-live="polite">
        {t("liveCount", { words, pages: pages.length })}
      </p>
      <details className="chapter-editor-preview">
        <summary>{t("splitPreview", { pages: pages.length, chars: pageChars })}</summary>
        <ol>
          {pages.map((page, i) => (
            <li key={i}>
              <strong>{t("subPage", { page: i + 1 })}</strong>{" "}
              {page.length > 0 ? (
                <>
                  {t("subPageStart")} <q>{page[0]!.slice(0, 40)}</q> · {t("subPageEnd")}{" "}
                  <q>{page[page.length - 1]!.slice(-40)}</q>
                </>
              ) : (
                t("emptyBody")
              )}
            </li>
          ))}
        </ol>
      </details>
      <TextAreaField
        name="authorNote"
        label={t("authorNote")}
        rows={4}
        maxLength={AUTHOR_NOTE_MAX}
        defaultValue={values.authorNote ?? chapter.authorNote}
        errors={errors.authorNote}
      />
      {published ? null : (
        <FormField
          name="publishAt"
          type="datetime-local"
          label={t("publishAt")}
          hint={t("publishAtHint", { timeZone })}
          defaultValue={values.publishAt ?? chapter.publishAt}
          errors={errors.publishAt}
        />
      )}
      {errors._form?.length ? <FormMessage status="error" message={errors._form.join(" ")} /> : null}
      <div className="dashboard-buttons">
        {/* A plain save keeps the status: only a draft's says "draft". */}
        <button type="submit" name="intent" value="save" disabled={pending}>
          {chapter.status === "DRAFT" ? t("saveDraft") : t("saveChanges")}
        </button>
        {chapter.status === "SCHEDULED" ? (
          <button type="submit" name="intent" value="unschedule" disabled={pending}>
            {t("cancelSchedule")}
          </button>
        ) : null}
        {published ? null : (
          <>
            <button type="submit" name="intent" value="publish" disabled={pending}>
              {t("publishNow")}
            </button>
            <button type="submit" name="intent" value="schedule" disabled={pending}>
              {t("schedule")}
            </button>
          </>
        )}
      </div>
    </form>
  );
}
