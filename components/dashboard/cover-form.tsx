"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { ActionForm } from "@/components/dashboard/action-form";
import type { FormState } from "@/lib/actions/form-state";

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
        <ActionForm action={upload} className="dashboard-form">
          <input type="hidden" name="bookId" value={bookId} />
          <div className="form-field">
            <label htmlFor="cover-file">{t("coverFile")}</label>
            <input
              id="cover-file"
              type="file"
              name="cover"
              accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
              required
              aria-describedby="cover-file-hint"
            />
            <p id="cover-file-hint" className="form-hint">
              {requirements}
            </p>
          </div>
          <div className="dashboard-buttons">
            <button type="submit">{t("uploadCover")}</button>
          </div>
        </ActionForm>
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
