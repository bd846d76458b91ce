"use server";

import type { z } from "zod";
import * as admin from "@/lib/data/admin";
import { db } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import * as schemas from "@/lib/validation/admin";
import { type Actor, formAction, saved } from "./client";

// Server actions of the admin pages, each a formAction (lib/actions/client.ts) that needs the
// ADMIN role; the admin data layer checks the role again and parses the input with the same strict
// schema. The returned cache tags are expired at once. (A "use server" module may export only
// async functions: formAction returns one, and Next checks each export when it loads the module.)

function adminAction<S extends z.ZodType>(
  returnTo: string,
  form: S,
  write: (db: Db, actor: Actor, input: z.output<S>) => Promise<{ tags: string[] }>,
) {
  return formAction({
    role: "ADMIN",
    scope: "admin",
    returnTo,
    form,
    run: (actor, input) => write(db, actor, input),
    done: () => saved("admin.saved"),
  });
}

export const setUserRoleAction = adminAction("/admin/users", schemas.setUserRoleSchema, admin.setUserRole);
export const disableUserAction = adminAction("/admin/users", schemas.userRefSchema, admin.disableUser);
export const enableUserAction = adminAction("/admin/users", schemas.userRefSchema, admin.enableUser);
export const createCategoryAction = adminAction(
  "/admin/categories",
  schemas.categoryCreateSchema,
  admin.createCategory,
);
export const renameCategoryAction = adminAction(
  "/admin/categories",
  schemas.categoryRenameSchema,
  admin.renameCategory,
);
export const moveCategoryAction = adminAction("/admin/categories", schemas.categoryMoveSchema, admin.moveCategory);
export const deleteCategoryAction = adminAction("/admin/categories", schemas.categoryRefSchema, admin.deleteCategory);
/** The slot list as posted: `bookIds` repeated in order (hidden fields, plus an added id). */
export const setFeaturedAction = adminAction("/admin/featured", schemas.setFeaturedForm, admin.setFeatured);
export const setSiteNoticeAction = adminAction("/admin/notice", schemas.siteNoticeSchema, admin.setSiteNotice);
export const hideBookAction = adminAction("/admin/books", schemas.hideBookSchema, admin.hideBook);
export const unhideBookAction = adminAction("/admin/books", schemas.bookRefSchema, admin.unhideBook);
