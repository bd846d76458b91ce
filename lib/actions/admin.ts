"use server";

import { refresh, updateTag } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import * as admin from "@/lib/data/admin";
import { db } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/messages";
import { logger } from "@/lib/log";
import { ADMIN_TEXT_MAX } from "@/lib/validation/admin";
import { type FormState, formFields } from "./form-state";

// Server actions of the admin pages. Each one is a public POST endpoint, so each one
// authenticates (requireUser), checks the ADMIN role itself, builds the actor from the session
// only (never from the form), and hands the form's fields to the data layer, which parses them
// with a strict schema and checks the role again. The returned cache tags are expired at once.

type Translate = (key: string, values?: Record<string, string | number>) => string;
type Write = (db: Db, actor: admin.AdminActor, input: unknown) => Promise<{ tags: string[] }>;

async function run(returnTo: string, write: Write, input: unknown): Promise<FormState> {
  const t = getT() as unknown as Translate;
  const user = await requireUser(returnTo);
  const actor: admin.AdminActor = { id: user.id, role: user.role };
  try {
    if (actor.role !== "ADMIN") throw new admin.AdminError("FORBIDDEN");
    const result = await write(db, actor, input);
    for (const tag of result.tags) updateTag(tag);
    refresh();
    return { status: "success", message: t("admin.saved") };
  } catch (error) {
    if (!admin.isAdminError(error)) {
      logger.error({ err: error }, "admin action failed");
      throw error;
    }
    const fieldErrors = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, keys]) => [
        field,
        keys.map((k) => t(k, { max: ADMIN_TEXT_MAX[field] ?? 0 })),
      ]),
    );
    const message = error.code === "INVALID" ? t("admin.errors.invalid") : t(error.messageKey);
    return { status: "error", message, fieldErrors };
  }
}

const fields = (formData: FormData) => formFields(formData);

export async function setUserRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run("/admin/users", admin.setUserRole, fields(formData));
}

export async function disableUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run("/admin/users", admin.disableUser, fields(formData));
}

export async function enableUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run("/admin/users", admin.enableUser, fields(formData));
}

export async function createCategoryAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run("/admin/categories", admin.createCategory, fields(formData));
}

export async function renameCategoryAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run("/admin/categories", admin.renameCategory, fields(formData));
}

export async function moveCategoryAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run("/admin/categories", admin.moveCategory, fields(formData));
}

export async function deleteCategoryAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run("/admin/categories", admin.deleteCategory, fields(formData));
}

/** The slot list as posted: `bookIds` repeated in order (hidden fields, plus an added id). */
export async function setFeaturedAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const input: Record<string, unknown> = fields(formData);
  input.bookIds = formData.getAll("bookIds").map((v) => (typeof v === "string" ? v.trim() : ""));
  return run("/admin/featured", admin.setFeatured, input);
}

export async function setSiteNoticeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run("/admin/notice", admin.setSiteNotice, fields(formData));
}

export async function hideBookAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run("/admin/books", admin.hideBook, fields(formData));
}

export async function unhideBookAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return run("/admin/books", admin.unhideBook, fields(formData));
}
