"use client";

import { useTranslations } from "next-intl";
import { useActionState, useMemo, useState, type ClipboardEvent } from "react";
import { FormField, FormMessage } from "@/components/auth/form-field";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { normalizeBody } from "@/lib/text/normalize";
import { paginateChapter } from "@/lib/text/paginate";
import { countWords } from "@/lib/text/word-count";
import { AUTHOR_NOTE_MAX, BODY_MAX, CHAPTER_TITLE_MAX } from "@/lib/validation/authoring";
import { SelectField, TextAreaField } from "./fields";

export type ChapterEditorValues = {
  bookId: number;
  chapterId?: number;
  volumeId: number | null;
  title: string;
  body: string;
  authorNote: string;
  /** `datetime-local` value in the site time zone, or "". */
  publishAt: string;
  published: boolean;
};

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  chapter: ChapterEditorValues;
  volumes: { id: number; title: string }[];
  /** Characters per reading sub-page (the site's CHAPTER_PAGE_CHARS). */
  pageChars: number;
  timeZone: string;
  savedMessage?: string;
};

/**
 * The chapter editor: a plain textarea (a paste from Word or a web page arrives as the
 * browser's plain text; the server normalises it into paragraphs anyway), the live word count
 * and a preview of how the chapter splits into reading sub-pages.
 */
export function ChapterEditor({ action, chapter, volumes, pageChars, timeZone, savedMessage }: Props) {
  const t = useTranslations("dashboard");
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const [body, setBody] = useState(values.body ?? chapter.body);
  const words = useMemo(() => countWords(body), [body]);
  const pages = useMemo(() => paginateChapter(normalizeBody(body), pageChars), [body, pageChars]);

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
  return (
    <form action={formAction} className="dashboard-form chapter-editor" noValidate>
      <FormMessage status={state.message ? state.status : "success"} message={message} />
      {chapter.chapterId ? (
        <input type="hidden" name="chapterId" value={chapter.chapterId} />
      ) : (
        <input type="hidden" name="bookId" value={chapter.bookId} />
      )}
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
      <FormField
        name="publishAt"
        type="datetime-local"
        label={t("publishAt")}
        hint={t("publishAtHint", { timeZone })}
        defaultValue={values.publishAt ?? chapter.publishAt}
        errors={errors.publishAt}
      />
      {errors._form?.length ? <FormMessage status="error" message={errors._form.join(" ")} /> : null}
      <div className="dashboard-buttons">
        <button type="submit" name="intent" value="save" disabled={pending}>
          {chapter.published ? t("saveChanges") : t("saveDraft")}
        </button>
        {chapter.published ? null : (
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
