"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { useActionState } from "react";
import { FormField, FormMessage } from "@/components/auth/form-field";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { BOOK_STATUSES, BOOK_TITLE_MAX, INTRO_MAX, TAGS_MAX } from "@/lib/validation/authoring";
import { SelectField, TextAreaField } from "./fields";
import { RequestIdField, useRequestId } from "./request-id";

export type BookFormValues = {
  id?: number;
  title: string;
  intro: string;
  categoryId: number | null;
  tagIds: number[];
  status: (typeof BOOK_STATUSES)[number];
  language: string;
  /** Only the edit form has it: whether readers may download the book (TXT, EPUB). */
  downloadsEnabled?: boolean;
};

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  book: BookFormValues;
  categories: { id: number; label: string }[];
  tags: { id: number; name: string }[];
  statusLabels: Record<(typeof BOOK_STATUSES)[number], string>;
  /** A new book's idempotency key, made by the page per request (see request-id.tsx). */
  requestId?: string;
};

/** Creates a book (no id) or edits one: title, intro, category, tags, status, language. */
export function BookForm({ action, book, categories, tags, statusLabels, requestId }: Props) {
  const t = useTranslations("dashboard");
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const key = useRequestId(requestId ?? "", state);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  // After a refused submission the ticked tags come back comma-joined (see bookFormValues).
  const ticked = new Set(
    values.tagIds !== undefined ? values.tagIds.split(",").filter(Boolean).map(Number) : book.tagIds,
  );
  return (
    <form action={formAction} className="dashboard-form" noValidate>
      <FormMessage status={state.status} message={state.message} />
      {book.id ? <input type="hidden" name="bookId" value={book.id} /> : null}
      {requestId ? <RequestIdField value={key} /> : null}
      <FormField
        name="title"
        label={t("bookTitle")}
        required
        maxLength={BOOK_TITLE_MAX}
        defaultValue={values.title ?? book.title}
        errors={errors.title}
      />
      <TextAreaField
        name="intro"
        label={t("intro")}
        rows={6}
        maxLength={INTRO_MAX}
        defaultValue={values.intro ?? book.intro}
        errors={errors.intro}
      />
      <SelectField
        name="categoryId"
        label={t("category")}
        required
        defaultValue={values.categoryId ?? book.categoryId ?? ""}
        errors={errors.categoryId}
      >
        <option value="">{t("chooseCategory")}</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </SelectField>
      <fieldset className="form-field" aria-describedby={errors.tagIds?.length ? "field-tagIds-error" : undefined}>
        <legend>{t("tags", { max: TAGS_MAX })}</legend>
        <div className="dashboard-tags">
          {tags.map((tag) => (
            <label key={tag.id}>
              <input type="checkbox" name="tagIds" value={tag.id} defaultChecked={ticked.has(tag.id)} /> {tag.name}
            </label>
          ))}
        </div>
        {errors.tagIds?.length ? (
          <p id="field-tagIds-error" className="form-error">
            {errors.tagIds.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <SelectField
        name="status"
        label={t("bookStatus")}
        defaultValue={values.status ?? book.status}
        errors={errors.status}
      >
        {BOOK_STATUSES.map((s) => (
          <option key={s} value={s}>
            {statusLabels[s]}
          </option>
        ))}
      </SelectField>
      <FormField
        name="language"
        label={t("language")}
        hint={t("languageHint")}
        maxLength={16}
        defaultValue={values.language ?? book.language}
        errors={errors.language}
      />
      {book.id && book.downloadsEnabled !== undefined ? (
        <div className="form-field">
          <label>
            <input
              type="checkbox"
              name="downloadsEnabled"
              defaultChecked={
                values.downloadsEnabled !== undefined ? values.downloadsEnabled === "on" : book.downloadsEnabled
              }
              aria-describedby="field-downloadsEnabled-hint"
            />{" "}
            {t("downloadsEnabled")}
          </label>
          <p id="field-downloadsEnabled-hint" className="form-hint">
            {t("downloadsHint")}
          </p>
          {errors.downloadsEnabled?.length ? <p className="form-error">{errors.downloadsEnabled.join(" ")}</p> : null}
        </div>
      ) : null}
      {errors._form?.length ? <FormMessage status="error" message={errors._form.join(" ")} /> : null}
      <button type="submit" disabled={pending}>
        {pending ? t("saving") : book.id ? t("saveBook") : t("createBook")}
      </button>
    </form>
  );
}
