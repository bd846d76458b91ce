import "server-only";
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { z } from "zod";
import { useSecureCookies } from "@/lib/auth/session-token";
import type { Actor } from "@/lib/data/authoring/actor";
import { isDomainError } from "@/lib/data/errors";
import { importOptionsHash } from "@/lib/data/authoring/import";
import { getImportUpload, type StagedUpload } from "@/lib/data/authoring/import-upload";
import { db } from "@/lib/db";
import { translate, type Translate } from "@/lib/i18n/messages";
import { importFieldsSchema, type ImportFields } from "@/lib/validation/import";
import {
  SUSPICIOUS_MESSAGE_KEYS,
  isImportError,
  parseImport,
  summarizeImport,
  type ParsedImport,
} from "@/lib/text/import";
import {
  initialImportState,
  type ImportFormState,
  type ImportPreviewView,
  type StagedUploadView,
} from "./import-state";

// The parts of the TXT import form's server side shared by its action (lib/actions/import.ts)
// and its pages: the posted fields, parsing the staged file with the form's options, and the
// post/redirect/get round trip of a form posted without JavaScript.

type SplitFields = Pick<ImportFields, "encoding" | "preface" | "customPattern">;

/** The options the chapters are split with, from the posted fields. */
export function splitOptions(f: SplitFields) {
  return {
    encoding: f.encoding === "auto" ? null : f.encoding,
    preface: f.preface,
    customPattern: f.customPattern?.trim() || null,
  };
}

/**
 * The staged file parsed with the form's options, with the key a confirm must send back (the
 * file's sha256 and a hash of the options), or the translated reason it cannot be.
 */
export function parseStaged(
  bytes: Uint8Array,
  f: SplitFields,
  t: Translate,
): { ok: true; parsed: ParsedImport; key: string } | { ok: false; message: string } {
  const options = splitOptions(f);
  try {
    const parsed = parseImport(bytes, { ...options, prologueTitle: t("import.prologueTitle") });
    const hash = importOptionsHash({
      encoding: parsed.encoding,
      preface: options.preface,
      customPattern: options.customPattern,
    });
    return { ok: true, parsed, key: `${parsed.fingerprint}:${hash}` };
  } catch (error) {
    if (isImportError(error)) {
      return { ok: false, message: t(error.messageKey, error.params as Record<string, string | number>) };
    }
    throw error;
  }
}

export function previewView(parsed: ParsedImport, t: Translate): ImportPreviewView {
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

export function uploadView(upload: StagedUpload): StagedUploadView {
  return { id: upload.id, fileName: upload.fileName, byteSize: upload.byteSize };
}

/** The posted values without the upload and preview they referred to (gone, or not the author's). */
export function withoutUpload(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => key !== "uploadId" && key !== "confirmKey"));
}

// ---- Without JavaScript: post/redirect/get ----
//
// A form posted without JavaScript gets the page rendered after the action, and useActionState
// should show the action's result in it. On Cache Components pages Next (16.4) renders that page
// by resuming its prerendered shell and drops the result (the resume is not given React's form
// state), so the form would come back empty. So a plain post stores the result in a short-lived
// cookie and redirects to the form's page with `?state=<nonce>`; the page reads it back
// (restoreImportState) and renders the form with it. The preview itself is not stored: the page
// parses the staged file again. The cookie only pre-fills the author's own form: the upload it
// names is read through the owner check like any other.

const FLASH_COOKIE = "shuhai-import-state";
const FLASH_MAX_AGE_SECONDS = 10 * 60;
const FLASH_MAX_BYTES = 3_500;
const NONCE = /^[A-Za-z0-9_-]{16}$/;

const flashedSchema = z
  .object({
    nonce: z.string().regex(NONCE),
    status: z.enum(["idle", "error", "preview"]),
    message: z.string().max(2_000).optional(),
    fieldErrors: z.record(z.string().max(40), z.array(z.string().max(1_000)).max(10)).optional(),
    uploadId: z.string().max(64).optional(),
    previewed: z.boolean(),
    existingBookId: z.number().int().positive().optional(),
    values: z.record(z.string().max(40), z.string().max(1_000)).optional(),
  })
  .strict();
type Flashed = z.infer<typeof flashedSchema>;

const encodeFlash = (flash: Flashed) => Buffer.from(JSON.stringify(flash)).toString("base64url");

/** Stores the form's state for the page a plain (no-JavaScript) post is redirected to; returns its nonce. */
export async function flashImportState(state: ImportFormState, path: string): Promise<string> {
  const nonce = randomBytes(12).toString("base64url");
  let flash: Flashed = {
    nonce,
    status: state.status,
    message: state.message,
    fieldErrors: state.fieldErrors,
    uploadId: state.upload?.id,
    previewed: state.preview !== undefined,
    existingBookId: state.existingBookId,
    values: state.values,
  };
  // A cookie holds about 4 KB: long typed values give way first (the author types them again);
  // the split options stay, since the preview is parsed again with them.
  if (encodeFlash(flash).length > FLASH_MAX_BYTES) {
    const kept = ["encoding", "preface", "customPattern", "status", "categoryId", "language", "bookId"];
    const values = Object.fromEntries(Object.entries(state.values ?? {}).filter(([key]) => kept.includes(key)));
    flash = { ...flash, message: flash.message?.slice(0, 300), fieldErrors: undefined, values };
  }
  (await cookies()).set(FLASH_COOKIE, encodeFlash(flash), {
    path,
    httpOnly: true,
    sameSite: "lax",
    secure: useSecureCookies,
    maxAge: FLASH_MAX_AGE_SECONDS,
  });
  return nonce;
}

function readFlash(raw: string | undefined, nonce: string): Flashed | null {
  if (!raw || !NONCE.test(nonce)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null; // not ours, or damaged: the form starts afresh
  }
  const parsed = flashedSchema.safeParse(json);
  return parsed.success && parsed.data.nonce === nonce ? parsed.data : null;
}

/**
 * The form state a plain post stored for `?state=<nonce>` (see flashImportState), with the staged
 * upload read again through the owner check and its preview parsed again; the empty form when
 * there is none (another nonce, an expired cookie).
 */
export async function restoreImportState(actor: Actor, nonce: string | undefined): Promise<ImportFormState> {
  const flash = nonce ? readFlash((await cookies()).get(FLASH_COOKIE)?.value, nonce) : null;
  if (!flash) return initialImportState;
  const t = translate;
  const values = flash.values ?? {};
  const state: ImportFormState = {
    status: flash.status,
    message: flash.message,
    fieldErrors: flash.fieldErrors,
    existingBookId: flash.existingBookId,
    values,
  };
  if (!flash.uploadId) return state;

  let upload;
  try {
    upload = await getImportUpload(db, actor, flash.uploadId);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { status: "error", message: t(error.messageKey), values: withoutUpload(values) };
  }
  state.upload = uploadView(upload);
  if (!flash.previewed || !upload.bytes) return state;
  const fields = importFieldsSchema
    .pick({ encoding: true, preface: true, customPattern: true })
    .safeParse({ encoding: values.encoding, preface: values.preface, customPattern: values.customPattern });
  if (!fields.success) return state;
  const result = parseStaged(upload.bytes, fields.data, t);
  if (!result.ok) return { ...state, status: "error", message: result.message };
  return { ...state, preview: previewView(result.parsed, t), confirmKey: result.key };
}
