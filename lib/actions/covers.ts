"use server";

import { refresh, updateTag } from "next/cache";
import type { z } from "zod";
import { hasRole, requireUser } from "@/lib/auth/session";
import { CoverError, coverTooLarge, isCoverError } from "@/lib/covers/errors";
import { removeBookCover, saveBookCover } from "@/lib/data/covers";
import { db } from "@/lib/db";
import { getT } from "@/lib/i18n/messages";
import { logger } from "@/lib/log";
import { MAX_COVER_BYTES } from "@/lib/uploads/limits.mjs";
import { parseId } from "@/lib/validation/ids";
import { coverRemoveFormSchema, coverUploadFormSchema } from "@/lib/validation/covers";
import type { FormState } from "./form-state";

// Cover upload and removal on the dashboard's book page. The data layer checks ownership again
// (another author's book is NOT_FOUND) and validates the image; its refusals become form messages.
// The form's fields are parsed with a strict schema first: a forged field refuses the whole post.

type Translate = (key: string, values?: Record<string, string | number>) => string;
type Actor = { id: number; role: "READER" | "AUTHOR" | "ADMIN" };

/** The posted fields (the last of a repeated one), without React's own `$ACTION_…` fields. */
function formInput(formData: FormData): Record<string, FormDataEntryValue> {
  const out: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData.entries()) if (!key.startsWith("$ACTION_")) out[key] = value;
  return out;
}

async function run<T>(
  formData: FormData,
  schema: z.ZodType<T>,
  write: (input: T, actor: Actor) => Promise<{ tags: string[] }>,
): Promise<FormState> {
  const t = getT() as unknown as Translate;
  const input = formInput(formData);
  const bookId = typeof input.bookId === "string" ? parseId(input.bookId) : null;
  const user = await requireUser(bookId ? `/dashboard/books/${bookId}` : "/dashboard");
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    // A field the form does not have is a forged post; a malformed id is a book that does not exist.
    const forged = parsed.error.issues.some((issue) => issue.code === "unrecognized_keys");
    return { status: "error", message: t(forged ? "authoring.errors.unknownField" : "covers.errors.NOT_FOUND") };
  }
  if (!hasRole(user, "AUTHOR")) return { status: "error", message: t("authoring.errors.forbidden") };
  try {
    const result = await write(parsed.data, { id: user.id, role: user.role });
    for (const tag of result.tags) updateTag(tag);
  } catch (error) {
    if (isCoverError(error)) return { status: "error", message: t(error.messageKey, error.params) };
    logger.error({ err: error }, "cover action failed");
    throw error;
  }
  refresh();
  return { status: "success", message: t("dashboard.saved") };
}

export async function uploadCoverAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, coverUploadFormSchema, async ({ bookId, cover }, actor) => {
    if (!(cover instanceof File) || cover.size === 0) throw new CoverError("NOT_AN_IMAGE");
    // Refused before its bytes are read (the site's server already refused a larger request).
    if (cover.size > MAX_COVER_BYTES) throw coverTooLarge(cover.size);
    return saveBookCover(db, actor, bookId, new Uint8Array(await cover.arrayBuffer()));
  });
}

export async function removeCoverAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, coverRemoveFormSchema, ({ bookId }, actor) => removeBookCover(db, actor, bookId));
}
