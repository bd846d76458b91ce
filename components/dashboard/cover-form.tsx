"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { useRef, type ReactNode } from "react";
import { ActionForm } from "@/components/dashboard/action-form";
import type { FormState } from "@/lib/actions/form-state";
import { MAX_COVER_BYTES } from "@/lib/uploads/limits.mjs";
import { UploadRefusedBoundary } from "./upload-refused-boundary";
import { useFileSizeCheck } from "./use-file-size-check";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Upload or remove a book's cover; the image's problems are explained next to the form. */
export function CoverForm({
  bookId,
  coverUrl,
  upload,
  remove,
  requirements,
  children,
}: {
  bookId: number;
  coverUrl: string | null;
  /** The current cover, as the site shows it. */
  children: ReactNode;
  upload: Action;
  remove: Action;
  requirements: string;
}) {
  const t = useTranslations("dashboard");
  return (
    <div className="cover-manager">
      {children}
      <div className="cover-manager-forms">
        {coverUrl ? null : <p className="form-hint">{t("noCover")}</p>}
        <UploadRefusedBoundary>
          {(refusedBytes) => (
            <CoverUploadForm bookId={bookId} upload={upload} requirements={requirements} refusedBytes={refusedBytes} />
          )}
        </UploadRefusedBoundary>
        {coverUrl ? (
          <ActionForm action={remove}>
            <input type="hidden" name="bookId" value={bookId} />
            <button type="submit" className="button-danger">
              {t("removeCover")}
            </button>
          </ActionForm>
        ) : null}
      </div>
    </div>
  );
}

/** The upload form: an image over the limit is never sent; the author is told its size and the limit. */
function CoverUploadForm({
  bookId,
  upload,
  requirements,
  refusedBytes,
}: {
  bookId: number;
  upload: Action;
  requirements: string;
  refusedBytes: number | null;
}) {
  const t = useTranslations("dashboard");
  const tErrors = useTranslations("covers.errors");
  const input = useRef<HTMLInputElement>(null);
  const size = useFileSizeCheck(MAX_COVER_BYTES, (values) => tErrors("TOO_LARGE", values), refusedBytes);
  return (
    <ActionForm
      action={upload}
      className="dashboard-form"
      onSubmit={(event) => {
        if (!size.check(input.current)) event.preventDefault();
      }}
    >
      <input type="hidden" name="bookId" value={bookId} />
      <div className="form-field">
        <label htmlFor="cover-file">{t("coverFile")}</label>
        <input
          ref={input}
          id="cover-file"
          type="file"
          name="cover"
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          required
          onChange={(event) => size.check(event.currentTarget)}
          aria-invalid={size.message ? true : undefined}
          aria-describedby={size.message ? "cover-file-size cover-file-hint" : "cover-file-hint"}
        />
        {size.message ? (
          <p id="cover-file-size" className="form-error" role="alert" data-testid="cover-file-size">
            {size.message}
          </p>
        ) : null}
        <p id="cover-file-hint" className="form-hint">
          {requirements}
        </p>
      </div>
      <div className="dashboard-buttons">
        <button type="submit">{t("uploadCover")}</button>
      </div>
    </ActionForm>
  );
}
