import { z } from "zod";
import { findInvalidCharacter, normalizeTitle } from "@/lib/text/normalize";
import { formList, withCheckboxes } from "./form";
import { formIdValue, idSchema } from "./ids";

/**
 * Inputs of the admin tools. Every object is `.strict()`: a field the form does not have (an
 * actor id, a role on a rename, …) is refused, not ignored. Messages are i18n keys under
 * `admin.errors`; lib/validation/field-errors.ts turns a ZodError into field errors for a form.
 */

export const SITE_NOTICE_MAX = 500;
export const HIDE_REASON_MAX = 500;
export const SEARCH_QUERY_MAX = 100;
export const CATEGORY_NAME_MAX = 40;
export const CATEGORY_NAME_EN_MAX = 60;
export const CATEGORY_SLUG_MAX = 40;
const CATEGORY_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether a string can be a category's slug (the address `/category/<slug>`). */
export function isCategorySlug(slug: string): boolean {
  return slug.length <= CATEGORY_SLUG_MAX && CATEGORY_SLUG.test(slug);
}
/** Books one featured slot list may hold (the home page shows at most 12). */
export const FEATURED_MAX = 12;
export const ADMIN_PAGE_SIZE = 20;
export const ROLES = ["READER", "AUTHOR", "ADMIN"] as const;
export const FEATURED_KINDS = ["EDITOR_PICK", "NEW_BOOK"] as const;

const K = (key: string) => `admin.errors.${key}`;

const id = z.preprocess(formIdValue, idSchema(K("invalidId")));

/** One line of user text: no NUL or lone surrogates, normalised, then length-checked. */
function line(max: number, opts: { required: boolean }) {
  return (
    z
      .string({ error: K("required") })
      // Far past the cap: refused before any work on it, naming the field's real maximum.
      .refine((s) => s.length <= max * 4, { error: K("tooLong"), params: { max }, abort: true })
      .refine((s) => findInvalidCharacter(s) === null, { error: K("invalidCharacter") })
      .transform((s) => normalizeTitle(s))
      .pipe(
        z
          .string()
          .min(opts.required ? 1 : 0, { error: K("required") })
          .max(max, { error: K("tooLong") }),
      )
  );
}

export const userSearchSchema = z
  .object({
    q: line(SEARCH_QUERY_MAX, { required: false }).default(""),
    page: z.coerce.number().int().min(1).max(1000).default(1),
  })
  .strict();

export const userRefSchema = z.object({ userId: id }).strict();

export const setUserRoleSchema = z.object({ userId: id, role: z.enum(ROLES, { error: K("invalidRole") }) }).strict();

export const categoryCreateSchema = z
  .object({
    slug: z
      .string({ error: K("required") })
      .trim()
      .toLowerCase()
      .regex(CATEGORY_SLUG, { error: K("invalidSlug") })
      .max(CATEGORY_SLUG_MAX, { error: K("tooLong") }),
    name: line(CATEGORY_NAME_MAX, { required: true }),
    nameEn: line(CATEGORY_NAME_EN_MAX, { required: true }),
  })
  .strict();

export const categoryRenameSchema = z
  .object({
    categoryId: id,
    name: line(CATEGORY_NAME_MAX, { required: true }),
    nameEn: line(CATEGORY_NAME_EN_MAX, { required: true }),
  })
  .strict();

export const categoryMoveSchema = z
  .object({ categoryId: id, direction: z.enum(["up", "down"], { error: K("invalid") }) })
  .strict();

export const categoryRefSchema = z.object({ categoryId: id }).strict();

/** The slot list as it should become: `bookIds` in order (a form posts them repeated). */
export const setFeaturedSchema = z
  .object({
    kind: z.enum(FEATURED_KINDS, { error: K("invalid") }),
    bookIds: formList(
      z
        .array(id)
        .max(FEATURED_MAX, { error: K("tooManyFeatured") })
        .refine((ids) => new Set(ids).size === ids.length, { error: K("duplicateBook") }),
    ),
  })
  .strict();

/** The featured page's form: the last book removed posts no `bookIds`, an empty list. */
export const setFeaturedForm = withCheckboxes(["bookIds"], setFeaturedSchema);

export const siteNoticeSchema = z.object({ text: line(SITE_NOTICE_MAX, { required: false }) }).strict();

export const bookSearchSchema = z.object({ q: line(SEARCH_QUERY_MAX, { required: false }).default("") }).strict();

export const bookRefSchema = z.object({ bookId: id }).strict();

export const hideBookSchema = z.object({ bookId: id, reason: line(HIDE_REASON_MAX, { required: true }) }).strict();
