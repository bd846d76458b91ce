"use server";

import { refresh, updateTag } from "next/cache";
import { hasRole, requireUser } from "@/lib/auth/session";
import { CoverError, isCoverError } from "@/lib/covers/errors";
import { removeBookCover, saveBookCover } from "@/lib/data/covers";
import { db } from "@/lib/db";
import { getT } from "@/lib/i18n/messages";
import { logger } from "@/lib/log";
import type { FormState } from "./form-state";

// Cover upload and removal on the dashboard's book page. The data layer checks ownership again
// (another author's book is NOT_FOUND) and validates the image; its refusals become form messages.

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** Covers are at most 5 MB (lib/covers); a larger upload is refused before it is read. */
const MAX_COVER_BYTES = 5 * 1024 * 1024;

function bookIdOf(formData: FormData): number | null {
  const raw = String(formData.get("bookId") ?? "");
  return /^\d{1,10}$/.test(raw) ? Number(raw) : null;
}

async function run(
  formData: FormData,
  write: (bookId: number, actor: { id: number; role: "READER" | "AUTHOR" | "ADMIN" }) => Promise<{ tags: string[] }>,
): Promise<FormState> {
  const t = getT() as unknown as Translate;
  const bookId = bookIdOf(formData);
  const user = await requireUser(bookId ? `/dashboard/books/${bookId}` : "/dashboard");
  if (bookId === null) return { status: "error", message: t("covers.errors.NOT_FOUND") };
  if (!hasRole(user, "AUTHOR")) return { status: "error", message: t("authoring.errors.forbidden") };
  try {
    const result = await write(bookId, { id: user.id, role: user.role });
    for (const tag of result.tags) updateTag(tag);
  } catch (error) {
    if (isCoverError(error)) return { status: "error", message: t(error.messageKey) };
    logger.error({ err: error }, "cover action failed");
    throw error;
  }
  refresh();
  return { status: "success", message: t("dashboard.saved") };
}

export async function uploadCoverAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const file = formData.get("cover");
  return run(formData, async (bookId, actor) => {
    if (!(file instanceof File) || file.size === 0) throw new CoverError("NOT_AN_IMAGE");
    if (file.size > MAX_COVER_BYTES) throw new CoverError("TOO_LARGE");
    return saveBookCover(db, actor, bookId, new Uint8Array(await file.arrayBuffer()));
  });
}

export async function removeCoverAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run(formData, (bookId, actor) => removeBookCover(db, actor, bookId));
}
