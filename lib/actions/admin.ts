"use server";

import * as admin from "@/lib/data/admin";
import { db } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { type Actor, formAction, formFields, saved } from "./client";

// Server actions of the admin pages, each a formAction (lib/actions/client.ts) that needs the
// ADMIN role; the admin data layer checks the role again and parses the fields with its strict
// schemas. The returned cache tags are expired at once. (A "use server" module may export only
// async functions: formAction returns one, and Next checks each export when it loads the module.)

type Write = (db: Db, actor: Actor, input: unknown) => Promise<{ tags: string[] }>;

function adminAction(returnTo: string, write: Write, input: (formData: FormData) => unknown = formFields) {
  return formAction({
    role: "ADMIN",
    scope: "admin",
    returnTo,
    input,
    run: (actor, fields) => write(db, actor, fields),
    done: () => saved("admin.saved"),
  });
}

export const setUserRoleAction = adminAction("/admin/users", admin.setUserRole);
export const disableUserAction = adminAction("/admin/users", admin.disableUser);
export const enableUserAction = adminAction("/admin/users", admin.enableUser);
export const createCategoryAction = adminAction("/admin/categories", admin.createCategory);
export const renameCategoryAction = adminAction("/admin/categories", admin.renameCategory);
export const moveCategoryAction = adminAction("/admin/categories", admin.moveCategory);
export const deleteCategoryAction = adminAction("/admin/categories", admin.deleteCategory);
/** The slot list as posted: `bookIds` repeated in order (hidden fields, plus an added id). */
export const setFeaturedAction = adminAction("/admin/featured", admin.setFeatured, (formData) => ({
  ...formFields(formData),
  bookIds: formData.getAll("bookIds").map((v) => (typeof v === "string" ? v.trim() : "")),
}));
export const setSiteNoticeAction = adminAction("/admin/notice", admin.setSiteNotice);
export const hideBookAction = adminAction("/admin/books", admin.hideBook);
export const unhideBookAction = adminAction("/admin/books", admin.unhideBook);
