"use server";

import { updateTag } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { hasRole, requireUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/data/authoring/actor";
import { AuthoringError, isAuthoringError } from "@/lib/data/authoring/errors";
import { importNovel, importOptionsHash, isAlreadyImported } from "@/lib/data/authoring/import";
import { db } from "@/lib/db";
import { getT } from "@/lib/i18n/messages";
import { logger } from "@/lib/log";
import {
  IMPORT_ENCODINGS,
  MAX_CUSTOM_PATTERN_LENGTH,
  MAX_IMPORT_BYTES,
  SUSPICIOUS_MESSAGE_KEYS,
  isImportError,
  parseImport,
  summarizeImport,
} from "@/lib/text/import";
import type { ImportFormState, ImportPreviewView } from "./import-state";

// The TXT import of the author dashboard, in two steps posted by one form: "preview" parses the
// upload and shows what would be written; "import" writes it. The uploaded bytes are not kept on
// the server between the steps: the confirm step sends the same file input again (the form is
// submitted without a reset, so the browser still holds the file) with the key of the preview it
// confirms (sha256 of the file + hash of the split options). If the file or the options changed
// since, the server shows the new preview instead of importing something the author has not seen.

type Translate = (key: string, values?: Record<string, string | number>) => string;
const tr = () => getT() as unknown as Translate;

const fieldsSchema = z
  .object({
    intent: z.enum(["preview", "import"]),
    encoding: z.enum(["auto", ...IMPORT_ENCODINGS]),
    preface: z.enum(["intro", "prologue"]),
    customPattern: z.string().max(MAX_CUSTOM_PATTERN_LENGTH).optional(),
    confirmKey: z.string().max(200).optional(),
    status: z.enum(["DRAFT", "PUBLISHED"]).optional(),
    bookId: z
      .string()
      .regex(/^\d{1,10}$/)
      .optional(),
    title: z.string().max(1000).optional(),
    categoryId: z.string().max(12).optional(),
    language: z.string().max(16).optional(),
  })
  .strict();

function textFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION_") || key === "file") continue;
    if (typeof value === "string") out[key] = value;
  }
  return out;
}

function fail(message: string, values?: Record<string, string>): ImportFormState {
  return { status: "error", message, values };
}

export async function importTxtAction(_prev: ImportFormState, formData: FormData): Promise<ImportFormState> {
  const rawBookId = String(formData.get("bookId") ?? "").replace(/\D/g, "");
  const returnTo = rawBookId ? `/dashboard/books/${rawBookId}/import` : "/dashboard/import";
  const user = await requireUser(returnTo);
  const actor: Actor = { id: user.id, role: user.role };
  const t = tr();
  const values = textFields(formData);
  const fields = fieldsSchema.safeParse(values);
  if (!fields.success) return fail(t("import.ui.invalidForm"), values);
  const f = fields.data;

  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return fail(file instanceof File && file.name ? t("import.errors.emptyFile") : t("import.ui.chooseFile"), values);
  }
  if (file.size > MAX_IMPORT_BYTES) {
    return fail(
      t("import.errors.tooLarge", {
        sizeMb: (file.size / 1024 / 1024).toFixed(1),
        maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
      }),
      values,
    );
  }

  const encoding = f.encoding === "auto" ? null : f.encoding;
  const customPattern = f.customPattern?.trim() || null;
  let parsed;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    parsed = parseImport(bytes, {
      encoding,
      customPattern,
      preface: f.preface,
      prologueTitle: t("import.prologueTitle"),
    });
  } catch (error) {
    if (isImportError(error)) return fail(t(error.messageKey, error.params as Record<string, string | number>), values);
    throw error;
  }
  const key = `${parsed.fingerprint}:${importOptionsHash({ encoding: parsed.encoding, preface: f.preface, customPattern })}`;

  if (f.intent === "preview" || f.confirmKey !== key) {
    const changed = f.intent === "import";
    return {
      status: "preview",
      message: changed ? t("import.ui.changedSincePreview") : undefined,
      preview: previewView(parsed),
      confirmKey: key,
      values: { ...values, confirmKey: key },
    };
  }

  let result;
  try {
    // A first book may come from an import (it makes a reader an author); appending needs the role.
    if (rawBookId && !hasRole(actor, "AUTHOR")) throw new AuthoringError("FORBIDDEN");
    const status = f.status ?? "DRAFT";
    const target = rawBookId
      ? { bookId: Number(rawBookId) }
      : {
          newBook: {
            title: f.title ?? "",
            // No category chosen stays missing, so the schema asks for one.
            categoryId: f.categoryId ? Number(f.categoryId) : undefined,
            language: f.language || undefined,
          },
        };
    const started = Date.now();
    result = await importNovel(db, actor, { ...target, parsed, status, preface: f.preface, customPattern });
    logger.info({ bookId: result.bookId, chapters: result.imported, ms: Date.now() - started }, "txt import finished");
  } catch (error) {
    if (isAlreadyImported(error)) {
      return {
        status: "error",
        message: t("import.alreadyImported"),
        existingBookId: error.existingBookId,
        preview: previewView(parsed),
        confirmKey: key,
        values,
      };
    }
    if (isAuthoringError(error)) {
      const fieldErrors = Object.fromEntries(
        Object.entries(error.fieldErrors).map(([field, list]) => [field, list.map((e) => t(e.key, e.values))]),
      );
      const message = error.code === "INVALID" ? t("dashboard.fixErrors") : t(error.messageKey);
      return { status: "error", message, fieldErrors, preview: previewView(parsed), confirmKey: key, values };
    }
    logger.error({ err: error }, "txt import failed");
    throw error;
  }
  for (const tag of result.tags) updateTag(tag);
  redirect(`/dashboard/books/${result.bookId}?imported=${result.imported}`);
}

function previewView(parsed: ReturnType<typeof parseImport>): ImportPreviewView {
  const t = tr();
  const p = summarizeImport(parsed);
  return {
    encoding: p.encoding.toUpperCase(),
    detected: p.detected.encoding.toUpperCase(),
    confidence: Math.round(p.detected.confidence * 100),
    volumes: p.volumes,
    chapters: p.chapters,
    words: p.words,
    intro: p.intro,
    first: p.first,
    suspicious: p.suspicious.map((s) =>
      t(SUSPICIOUS_MESSAGE_KEYS[s.kind], { title: s.title, ...(s.detail as Record<string, string | number>) }),
    ),
    suspiciousTotal: p.suspiciousTotal,
  };
}
