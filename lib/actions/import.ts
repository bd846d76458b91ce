"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { hasRole } from "@/lib/auth/session";
import type { Actor } from "@/lib/data/authoring/actor";
import { DomainError, isDomainError, refusalMessages } from "@/lib/data/errors";
import type { ParsedImport } from "@/lib/text/import";
import { isAlreadyImported, type ImportNovelResult } from "@/lib/data/authoring/import";
import { getImportUpload, importStagedUpload, stageImportUpload } from "@/lib/data/authoring/import-upload";
import { findCreateResult } from "@/lib/data/create-requests";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { MAX_IMPORT_BYTES, assertNotBinary, isImportError } from "@/lib/text/import";
import { findInvalidCharacter } from "@/lib/text/normalize";
import { limitMegabytes, megabytes } from "@/lib/uploads/limits.mjs";
import { translate } from "@/lib/i18n/messages";
import { parseId } from "@/lib/validation/ids";
import { importFormSchema, type ImportFields, type ImportForm } from "@/lib/validation/import";
import { flashImportState, parseStaged, previewView, splitOptions, uploadView, withoutUpload } from "./import-flow";
import { formAction } from "./client";
import type { FormObject } from "@/lib/validation/form";
import type { ImportFormState, StagedUploadView } from "./import-state";

// The TXT import of the author dashboard, in two steps posted by one form: "preview" parses the
// upload and shows what would be written; "import" writes it. The file is sent once: the preview
// stages it on the server (ImportUpload, owned by the author) and the form carries only its id in
// a hidden field, so the confirm step and re-previews with other options read it back from there,
// and the whole flow works as plain form posts without JavaScript. A file chosen again replaces
// the staged one. The confirm step also sends the key of the preview it confirms (sha256 of the
// file + hash of the split options): if either changed since, the server shows the new preview
// instead of importing something the author has not seen.

/** What one submission comes to: the state to show next, or the book the file was imported into. */
type Outcome = { tags: string[]; page: string } & ({ state: ImportFormState } | { imported: ImportNovelResult });

/** The import page a form belongs to: a book's, or the one that makes a new book. */
const importPage = (bookId: number | null | undefined) =>
  bookId ? `/dashboard/books/${bookId}/import` : "/dashboard/import";

export const importTxtAction = formAction<typeof importFormSchema, Outcome, ImportFormState>({
  // A reader may import a first book; appending to a book needs the author (checked on confirm).
  role: "READER",
  returnTo: (fields) => importPage(parseId(fields.bookId)),
  form: importFormSchema,
  // The form's fields are options and hidden keys: a malformed one is one message, not a field's.
  messageOnly: true,
  values: (fields) => textFields(fields),
  run: async (actor, input) => {
    const page = importPage(input.bookId);
    const answer = await submitImport(actor, input);
    return answer.imported
      ? { tags: answer.imported.tags, page, imported: answer.imported }
      : { tags: [], page, state: answer.state };
  },
  done: async (outcome) => {
    // Opens the book, saying how many chapters came in.
    if ("imported" in outcome) {
      redirect(`/dashboard/books/${outcome.imported.bookId}?imported=${outcome.imported.imported}`);
    }
    // A fetch from the hydrated form (it sends Next-Action) gets the state; a plain post is redirected.
    if ((await headers()).has("next-action")) return outcome.state;
    const nonce = await flashImportState(outcome.state, outcome.page);
    redirect(`${outcome.page}?state=${nonce}`);
  },
});

/** The posted text fields, to show again (the file is never sent back). */
function textFields(fields: FormObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (key !== "file" && typeof value === "string") out[key] = value;
  return out;
}

/**
 * The file the author chose, "empty" for a chosen file with no bytes, or null when none was
 * chosen. An empty file input is posted as a part with `filename=""`, which arrives as a
 * nameless (or "undefined"/"blob"-named, depending on the decoder) empty File.
 */
function chosenFile(value: unknown): File | "empty" | null {
  if (!(value instanceof File)) return null;
  if (value.size > 0) return value;
  return ["", "undefined", "blob"].includes(value.name) ? null : "empty";
}

function fail(message: string, values: Record<string, string>, upload?: StagedUploadView): ImportFormState {
  return { status: "error", message, values, upload };
}

/** Where a submission stops: a state to show, or a finished import. Each step below throws one. */
class Answer {
  constructor(
    readonly state: ImportFormState,
    readonly imported?: ImportNovelResult,
  ) {}
}

/** One submission of the form: the state to show next, or the import done. */
async function submitImport(actor: Actor, input: ImportForm): Promise<Answer> {
  try {
    const { file, ...f } = input;
    const values = shownValues(f);
    checkPattern(f, values);
    const { upload, bytes } = await loadFile(actor, file, f, values);
    const result = parseStaged(bytes, f, translate);
    if (!result.ok) return new Answer(fail(result.message, values, upload));
    const { parsed, key } = result;
    const shown = { preview: previewView(parsed, translate), confirmKey: key, upload };
    // Only what the author saw is imported: a changed file or option shows the new preview.
    if (f.intent === "preview" || f.confirmKey !== key) {
      const message = f.intent === "import" ? translate("import.ui.changedSincePreview") : undefined;
      return new Answer({ status: "preview", message, ...shown, values: { ...values, confirmKey: key } });
    }
    return new Answer({ status: "idle" }, await confirm(actor, f, parsed, shown, values));
  } catch (error) {
    if (error instanceof Answer) return error;
    throw error;
  }
}

/** The checked fields as the form shows them again. */
function shownValues(f: ImportFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(f)) if (value !== undefined) out[key] = String(value);
  return out;
}

/** A custom chapter pattern with a NUL or a broken character is refused on its field. */
function checkPattern(f: ImportFields, values: Record<string, string>): void {
  const badCharacter = f.customPattern ? findInvalidCharacter(f.customPattern) : null;
  if (!badCharacter) return;
  const key = badCharacter.kind === "nul" ? "authoring.errors.nulCharacter" : "authoring.errors.loneSurrogate";
  throw new Answer({
    ...fail(translate("dashboard.fixErrors"), values),
    fieldErrors: { customPattern: [translate(key, { position: badCharacter.index + 1 })] },
  });
}

/** The file: a newly chosen one is staged (replacing the form's staged upload); else the staged one is read back. */
async function loadFile(
  actor: Actor,
  posted: unknown,
  f: ImportFields,
  values: Record<string, string>,
): Promise<{ upload: StagedUploadView; bytes: Uint8Array }> {
  const file = chosenFile(posted);
  try {
    if (file === "empty") throw new Answer(fail(translate("import.errors.emptyFile"), values));
    if (file) {
      if (file.size > MAX_IMPORT_BYTES) {
        const params = { sizeMb: megabytes(file.size), maxMb: limitMegabytes(MAX_IMPORT_BYTES) };
        throw new Answer(fail(translate("import.errors.tooLarge", params), values));
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      assertNotBinary(bytes);
      const staged = await stageImportUpload(db, actor, { fileName: file.name, bytes, replaceId: f.uploadId });
      return { upload: uploadView(staged), bytes };
    }
    if (!f.uploadId) throw new Answer(fail(translate("import.ui.chooseFile"), values));
    const staged = await getImportUpload(db, actor, f.uploadId);
    const upload = uploadView(staged);
    if (!staged.bytes) {
      // Imported already (its bytes are dropped then): the same confirm posted again lands here,
      // and is answered like the first post when it carries the first post's key.
      const replayed =
        f.intent === "import" && f.requestId ? await findCreateResult(db, actor, "import", f.requestId) : null;
      if (replayed !== null)
        throw new Answer({ status: "idle" }, { bookId: replayed, imported: staged.done, tags: [] });
      throw new Answer({
        ...fail(translate("import.alreadyImported"), values, upload),
        existingBookId: staged.bookId ?? undefined,
      });
    }
    return { upload, bytes: staged.bytes };
  } catch (error) {
    if (isImportError(error)) {
      throw new Answer(fail(translate(error.messageKey, error.params as Record<string, string | number>), values));
    }
    if (isDomainError(error)) throw new Answer(fail(translate(error.messageKey), withoutUpload(values)));
    throw error;
  }
}

/** The confirmed import: writes the chapters of the staged file into a new book or the chosen one. */
async function confirm(
  actor: Actor,
  f: ImportFields,
  parsed: ParsedImport,
  shown: Pick<ImportFormState, "preview" | "confirmKey"> & { upload: StagedUploadView },
  values: Record<string, string>,
): Promise<ImportNovelResult> {
  try {
    // A first book may come from an import (it makes a reader an author); appending needs the role.
    if (f.bookId && !hasRole(actor, "AUTHOR")) throw new DomainError("FORBIDDEN");
    const target = f.bookId
      ? { bookId: f.bookId }
      : {
          newBook: {
            title: f.title ?? "",
            // No category chosen stays missing, so the schema asks for one.
            categoryId: f.categoryId ? Number(f.categoryId) : undefined,
            language: f.language || undefined,
          },
        };
    const { preface, customPattern } = splitOptions(f);
    const started = Date.now();
    const imported = await importStagedUpload(
      db,
      actor,
      shown.upload.id,
      { ...target, parsed, status: f.status ?? "DRAFT", preface, customPattern },
      { requestId: f.requestId },
    );
    logger.info(
      { bookId: imported.bookId, chapters: imported.imported, ms: Date.now() - started },
      "txt import finished",
    );
    return imported;
  } catch (error) {
    if (isAlreadyImported(error)) {
      throw new Answer({
        status: "error",
        message: translate("import.alreadyImported"),
        existingBookId: error.existingBookId,
        ...shown,
        values,
      });
    }
    if (isDomainError(error)) {
      const { message, fieldErrors } = refusalMessages(error);
      if (error.messageKey === "import.ui.uploadGone") throw new Answer(fail(message, withoutUpload(values)));
      throw new Answer({ status: "error", message, fieldErrors, ...shown, values });
    }
    logger.error({ err: error }, "txt import failed");
    throw error;
  }
}
