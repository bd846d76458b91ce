"use client";

import Link from "@/components/ui/link";
import { useTranslations } from "@/components/i18n/client-messages";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { FormMessage } from "@/components/auth/form-field";
import type { ImportFormState } from "@/lib/actions/import-state";
import { initialImportState } from "@/lib/actions/import-state";
import { MAX_IMPORT_BYTES, limitMegabytes } from "@/lib/uploads/limits.mjs";
import { ImportProgress } from "./import-progress";
import { RequestIdField, useRequestId } from "./request-id";
import { UploadRefusedBoundary } from "./upload-refused-boundary";
import { useFileSizeCheck } from "./use-file-size-check";

type Props = {
  action: (prev: ImportFormState, formData: FormData) => Promise<ImportFormState>;
  /** Append to this book; without it the import makes a new book. */
  bookId?: number;
  categories?: { id: number; label: string }[];
  defaultLanguage?: string;
  encodings: readonly string[];
  /** The state a post without JavaScript left (restoreImportState); the empty form otherwise. */
  initialState?: ImportFormState;
  /** The confirm's idempotency key, made by the page per request (see request-id.tsx). */
  requestId: string;
};

/** "820 KB", "10.2 MB". */
function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Upload → preview → confirm, in one form that works as plain posts without JavaScript. The
 * preview stages the file on the server; every later step sends only the staged upload's id (a
 * hidden field) and the options, so nothing the next step needs lives in client state. With
 * JavaScript, a running import shows a progress bar polled from the server.
 */
export function ImportForm(props: Props) {
  return (
    <UploadRefusedBoundary>
      {(refusedBytes) => <ImportFormBody {...props} refusedBytes={refusedBytes} />}
    </UploadRefusedBoundary>
  );
}

function ImportFormBody({
  action,
  bookId,
  categories,
  defaultLanguage,
  encodings,
  initialState,
  requestId,
  refusedBytes,
}: Props & { refusedBytes: number | null }) {
  const t = useTranslations("import.ui");
  const tErrors = useTranslations("import.errors");
  const [state, formAction, pending] = useActionState(action, initialState ?? initialImportState);
  const key = useRequestId(requestId, state);
  // A file over the limit is never sent: the author is told its size and the limit at once.
  const size = useFileSizeCheck(MAX_IMPORT_BYTES, (values) => tErrors("tooLarge", values), refusedBytes);
  const [intent, setIntent] = useState<"preview" | "import">("preview");
  const v = state.values ?? {};
  const preview = state.preview;
  const upload = state.upload;
  const importing = pending && intent === "import" && preview !== undefined;

  // Once a post has answered, the file it carried is staged on the server (or was refused): the
  // input is emptied so the next step sends only the staged upload's id, never the bytes again.
  const fileInput = useRef<HTMLInputElement>(null);
  const answered = useRef(state);
  useEffect(() => {
    if (answered.current === state) return;
    answered.current = state;
    if (fileInput.current) fileInput.current.value = "";
  }, [state]);

  // With JavaScript the form is submitted from here rather than through its action attribute
  // (which remains for posts without JavaScript): React resets a form after an action, and its
  // reset puts a <select> back on its first option instead of the author's choice.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!size.check(fileInput.current)) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(event.currentTarget, submitter);
    setIntent(data.get("intent") === "import" ? "import" : "preview");
    startTransition(() => formAction(data));
  }

  const errors = Object.values(state.fieldErrors ?? {}).flat();
  return (
    <form action={formAction} onSubmit={onSubmit} className="import-form">
      {bookId ? <input type="hidden" name="bookId" value={bookId} /> : null}
      <input type="hidden" name="uploadId" value={upload?.id ?? ""} />
      <input type="hidden" name="confirmKey" value={state.confirmKey ?? ""} />
      <RequestIdField value={key} />
      {state.status === "error" ? <FormMessage status="error" message={state.message} /> : null}
      {state.existingBookId ? (
        <p>
          <Link href={`/dashboard/books/${state.existingBookId}`}>{t("openImportedBook")}</Link>
        </p>
      ) : null}
      {errors.length > 0 ? <FormMessage status="error" message={errors.join(" ")} /> : null}

      <fieldset>
        <legend>{t("step1")}</legend>
        <div className="form-field">
          <label htmlFor="import-file">{t("file")}</label>
          <input
            ref={fileInput}
            id="import-file"
            type="file"
            name="file"
            accept=".txt,text/plain"
            required={!upload}
            onChange={(event) => size.check(event.currentTarget)}
            aria-invalid={size.message ? true : undefined}
            aria-describedby={[
              size.message ? "import-file-size" : "",
              "import-file-hint",
              upload ? "import-file-staged" : "",
            ]
              .filter(Boolean)
              .join(" ")}
          />
          {size.message ? (
            <p id="import-file-size" className="form-error" role="alert" data-testid="import-file-size">
              {size.message}
            </p>
          ) : null}
          <p id="import-file-hint" className="form-hint">
            {t("fileHint", { maxMb: limitMegabytes(MAX_IMPORT_BYTES) })}
          </p>
          {upload ? (
            <p id="import-file-staged" className="form-hint" data-testid="import-staged-file">
              {t("stagedFile", { name: upload.fileName, size: fileSize(upload.byteSize) })}
            </p>
          ) : null}
        </div>
        <div className="form-field">
          <label htmlFor="import-encoding">{t("encoding")}</label>
          <select id="import-encoding" name="encoding" defaultValue={v.encoding ?? "auto"}>
            <option value="auto">{t("encodingAuto")}</option>
            {encodings.map((e) => (
              <option key={e} value={e}>
                {e.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="form-field">
          <legend>{t("preface")}</legend>
          <label>
            <input type="radio" name="preface" value="intro" defaultChecked={(v.preface ?? "intro") === "intro"} />{" "}
            {t("prefaceIntro")}
          </label>{" "}
          <label>
            <input type="radio" name="preface" value="prologue" defaultChecked={v.preface === "prologue"} />{" "}
            {t("prefacePrologue")}
          </label>
        </fieldset>
        <div className="form-field">
          <label htmlFor="import-pattern">{t("customPattern")}</label>
          <input
            id="import-pattern"
            name="customPattern"
            defaultValue={v.customPattern ?? ""}
            aria-describedby="import-pattern-hint"
            spellCheck={false}
          />
          <p id="import-pattern-hint" className="form-hint">
            {t("customPatternHint")}
          </p>
        </div>
        {/* Once the import fields (title, category) are shown, they must not block a new preview. */}
        <button type="submit" name="intent" value="preview" disabled={pending} formNoValidate={preview !== undefined}>
          {t("previewButton")}
        </button>
      </fieldset>

      {preview ? (
        <section className="import-preview" aria-labelledby="import-preview-title">
          <h2 id="import-preview-title">{t("previewTitle")}</h2>
          {state.message && state.status === "preview" ? <p role="status">{state.message}</p> : null}
          <dl className="import-summary">
            <dt>{t("encodingUsed")}</dt>
            <dd data-testid="import-encoding">{preview.encoding}</dd>
            <dt>{t("detected")}</dt>
            <dd>{t("detectedValue", { encoding: preview.detected, confidence: preview.confidence })}</dd>
            <dt>{t("volumes")}</dt>
            <dd>{preview.volumes}</dd>
            <dt>{t("chapters")}</dt>
            <dd data-testid="import-chapters">{preview.chapters}</dd>
            <dt>{t("words")}</dt>
            <dd>{preview.words}</dd>
          </dl>
          {preview.intro ? (
            <>
              <h3>{t("intro")}</h3>
              <p className="import-opening">{preview.intro}</p>
            </>
          ) : null}
          <h3>{t("firstChapters")}</h3>
          <ol className="import-first">
            {preview.first.map((c, i) => (
              <li key={i}>
                <strong>{c.title}</strong>
                <p className="import-opening">{c.opening}</p>
              </li>
            ))}
          </ol>
          <h3>{t("suspicious", { count: preview.suspiciousTotal })}</h3>
          {preview.suspicious.length > 0 ? (
            <ul className="import-suspicious">
              {preview.suspicious.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ul>
          ) : (
            <p>{t("noSuspicious")}</p>
          )}

          <fieldset>
            <legend>{t("step2")}</legend>
            {bookId ? null : (
              <>
                <div className="form-field">
                  <label htmlFor="import-title">{t("bookTitle")}</label>
                  <input id="import-title" name="title" required maxLength={100} defaultValue={v.title ?? ""} />
                </div>
                <div className="form-field">
                  <label htmlFor="import-category">{t("category")}</label>
                  <select id="import-category" name="categoryId" required defaultValue={v.categoryId ?? ""}>
                    <option value="" disabled>
                      {t("chooseCategory")}
                    </option>
                    {(categories ?? []).map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                </div>
                <input type="hidden" name="language" value={v.language ?? defaultLanguage ?? ""} />
              </>
            )}
            <fieldset className="form-field">
              <legend>{t("statusLegend")}</legend>
              <label>
                <input type="radio" name="status" value="DRAFT" defaultChecked={(v.status ?? "DRAFT") === "DRAFT"} />{" "}
                {t("asDrafts")}
              </label>{" "}
              <label>
                <input type="radio" name="status" value="PUBLISHED" defaultChecked={v.status === "PUBLISHED"} />{" "}
                {t("asPublished")}
              </label>
            </fieldset>
            <button type="submit" name="intent" value="import" disabled={pending}>
              {t("importButton", { count: preview.chapters })}
            </button>
          </fieldset>
        </section>
      ) : null}

      {importing && upload ? <ImportProgress uploadId={upload.id} chapters={preview.chapters} /> : null}
      <p role="status" className="import-status">
        {importing ? t("importing", { count: preview.chapters }) : pending ? t("reading") : ""}
      </p>
    </form>
  );
}
