import { z } from "zod";
import { normalizeBody, normalizeTitle } from "@/lib/text/normalize";
import { requestIdSchema } from "./create-request";
import { emptyAs, formId, formList } from "./form";
import { textField, type TextOptions } from "./text";
import { idSchema } from "./ids";

/**
 * Inputs of the author tools (books, volumes, chapters). Every object is `.strict()`: a field a
 * user must not set (author, role, counters, status of someone else's book, …) is refused, not
 * ignored. The cover is not a book field here: it is set only by uploading an image, which
 * lib/data/covers.ts checks and re-encodes, so a posted `coverUrl` is refused too. Messages are
 * i18n keys under `authoring.errors`; lib/validation/field-errors.ts turns a ZodError into
 * `{ field: [{ key, values }] }` for a form.
 */

export const BOOK_TITLE_MAX = 100;
export const VOLUME_TITLE_MAX = 100;
export const CHAPTER_TITLE_MAX = 200;
export const INTRO_MAX = 5000;
export const AUTHOR_NOTE_MAX = 2000;
export const BODY_MAX = 100_000;
/** UTF-8 bytes of a body (256 KiB): binds before the character cap for 3- and 4-byte scripts. */
export const BODY_MAX_BYTES = 262_144;
export const TAGS_MAX = 10;
/** Chapters one bulk action may touch. */
export const BULK_MAX = 500;
/** Longest stats series, in days. */
export const STATS_DAYS_MAX = 366;
/** Latest a chapter may be scheduled, from now. */
export const SCHEDULE_MAX_AHEAD_MS = 366 * 86_400_000;

export const BOOK_STATUSES = ["ONGOING", "COMPLETED", "HIATUS"] as const;
export const CHAPTER_INTENTS = ["save", "publish", "schedule"] as const;
/** An edit may also take a scheduled chapter back to a draft. */
export const CHAPTER_UPDATE_INTENTS = [...CHAPTER_INTENTS, "unschedule"] as const;
export type ChapterUpdateIntent = (typeof CHAPTER_UPDATE_INTENTS)[number];
export const BULK_ACTIONS = ["publish", "schedule", "trash"] as const;

const K = (key: string) => `authoring.errors.${key}`;

const text = (opts: Omit<TextOptions, "key">) => textField({ ...opts, key: K });

// Ids and lists of ids are read as a caller passes them (numbers) or as a form posts them (text,
// a repeated field): lib/validation/form.ts. The schemas are the forms' schemas too.
const id = formId(idSchema(K("invalid")));
/** A choice of record that may be none: a form's empty option is null. */
const idOrNone = emptyAs(null, id.nullable());

const idList = (max: number) =>
  formList(
    z
      .array(id, { error: K("invalid") })
      .max(max, { error: K("tooMany") })
      .refine((ids) => new Set(ids).size === ids.length, { error: K("duplicate") }),
  );

/** A point in time: a Date, or an ISO 8601 string with an explicit offset (never a local time). */
const instant = z
  .union([z.date(), z.iso.datetime({ offset: true, error: K("invalidDate") })], { error: K("invalidDate") })
  .transform((v) => (v instanceof Date ? v : new Date(v)))
  .refine((d) => !Number.isNaN(d.getTime()), { error: K("invalidDate") });

/** The book's category: a choice left empty says so, rather than "this value is not valid". */
const categoryId = formId(
  z
    .number({
      error: (issue) => (issue.input === "" || issue.input === undefined ? K("categoryRequired") : K("invalid")),
    })
    .pipe(idSchema(K("invalid"))),
);

const bookTitle = text({ normalize: normalizeTitle, max: BOOK_TITLE_MAX, required: true });
const intro = text({ normalize: normalizeBody, max: INTRO_MAX });
const language = z
  .string({ error: K("invalid") })
  .max(16, { error: K("invalidLanguage") })
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && canonical.length <= 16) return canonical;
    } catch {
      // Not a BCP 47 tag: reported below.
    }
    ctx.addIssue({ code: "custom", message: K("invalidLanguage") });
    return z.NEVER;
  });
const bookFields = {
  title: bookTitle,
  intro,
  categoryId,
  tagIds: idList(TAGS_MAX),
  status: z.enum(BOOK_STATUSES, { error: K("invalidOption") }),
  language,
};

export const bookCreateSchema = z
  .object({
    ...bookFields,
    intro: intro.default(""),
    tagIds: bookFields.tagIds.default([]),
    status: bookFields.status.default("ONGOING"),
    language: language.default("zh-CN"),
    requestId: requestIdSchema.optional(),
  })
  .strict();

export const bookUpdateSchema = z
  .object({
    bookId: id,
    title: bookFields.title.optional(),
    intro: bookFields.intro.optional(),
    categoryId: bookFields.categoryId.optional(),
    tagIds: bookFields.tagIds.optional(),
    status: bookFields.status.optional(),
    language: bookFields.language.optional(),
    // Whether readers may download the book as TXT and EPUB (lib/downloads).
    downloadsEnabled: z.boolean({ error: K("invalid") }).optional(),
  })
  .strict();

export const bookRefSchema = z.object({ bookId: id }).strict();

const volumeTitle = text({ normalize: normalizeTitle, max: VOLUME_TITLE_MAX, required: true });

export const volumeCreateSchema = z
  .object({ bookId: id, title: volumeTitle, requestId: requestIdSchema.optional() })
  .strict();
export const volumeRenameSchema = z.object({ volumeId: id, title: volumeTitle }).strict();
export const volumeReorderSchema = z.object({ bookId: id, volumeIds: idList(10_000) }).strict();
/**
 * `moveChaptersTo`: the volume that receives the deleted volume's chapters; null (a form's
 * "none") keeps them without a volume; missing (a form's empty choice) means the neighbouring one.
 */
export const volumeDeleteSchema = z
  .object({
    volumeId: id,
    moveChaptersTo: emptyAs(undefined, z.preprocess((v) => (v === "none" ? null : v), id.nullable()).optional()),
  })
  .strict();

const chapterTitle = text({ normalize: normalizeTitle, max: CHAPTER_TITLE_MAX, required: true });
const body = text({ normalize: normalizeBody, max: BODY_MAX, maxBytes: BODY_MAX_BYTES });
const authorNote = text({ normalize: normalizeBody, max: AUTHOR_NOTE_MAX });
const intent = z.enum(CHAPTER_INTENTS, { error: K("invalidOption") });
// A number only: no form of the editor has a place field (a posted one is forged); the chapter
// list's row form reads its move into a number (lib/validation/authoring-forms.ts).
const position = z
  .number({ error: K("invalid") })
  .int({ error: K("invalid") })
  .min(1, { error: K("invalid") })
  .max(1_000_000, { error: K("invalid") });

function scheduleNeedsDate(v: { intent?: string; publishAt?: Date }, ctx: z.RefinementCtx) {
  if (v.intent === "schedule" && !v.publishAt) {
    ctx.addIssue({ code: "custom", path: ["publishAt"], message: K("publishAtRequired") });
  }
  if (v.intent !== "schedule" && v.publishAt) {
    ctx.addIssue({ code: "custom", path: ["publishAt"], message: K("publishAtOnlyWhenScheduling") });
  }
}

/**
 * A new chapter: saved as a draft (`intent: "save"`), published now or scheduled. `position`
 * inserts it before the chapter now at that place; by default it is appended.
 */
export const chapterCreateSchema = z
  .object({
    bookId: id,
    volumeId: idOrNone.default(null),
    title: chapterTitle,
    body: body.default(""),
    authorNote: authorNote.default(""),
    position: position.optional(),
    intent: intent.default("save"),
    publishAt: instant.optional(),
    requestId: requestIdSchema.optional(),
  })
  .strict()
  .superRefine(scheduleNeedsDate);

/**
 * An edit: only the fields given change; `intent: "save"` keeps the chapter's status,
 * "unschedule" turns a scheduled chapter back into a draft.
 */
export const chapterUpdateSchema = z
  .object({
    chapterId: id,
    volumeId: idOrNone.optional(),
    title: chapterTitle.optional(),
    body: body.optional(),
    authorNote: authorNote.optional(),
    intent: z.enum(CHAPTER_UPDATE_INTENTS, { error: K("invalidOption") }).default("save"),
    publishAt: instant.optional(),
  })
  .strict()
  .superRefine(scheduleNeedsDate);

export const chapterRefSchema = z.object({ chapterId: id }).strict();
export const chapterMoveSchema = z.object({ chapterId: id, position }).strict();
/** The complete new order of a book's chapters (every chapter not in the trash, once). */
export const chapterReorderSchema = z.object({ bookId: id, chapterIds: idList(100_000) }).strict();
export const chapterScheduleSchema = z.object({ chapterId: id, publishAt: instant }).strict();

export const chapterBulkSchema = z
  .object({
    bookId: id,
    chapterIds: idList(BULK_MAX).refine((ids) => ids.length > 0, { error: K("required") }),
    action: z.enum(BULK_ACTIONS, { error: K("invalidOption") }),
    publishAt: instant.optional(),
  })
  .strict()
  .superRefine((v, ctx) =>
    scheduleNeedsDate({ intent: v.action === "schedule" ? "schedule" : v.action, publishAt: v.publishAt }, ctx),
  );

export type BookCreateInput = z.input<typeof bookCreateSchema>;
export type BookCreate = z.output<typeof bookCreateSchema>;
export type BookUpdateInput = z.input<typeof bookUpdateSchema>;
export type BookRefInput = z.input<typeof bookRefSchema>;
export type VolumeCreateInput = z.input<typeof volumeCreateSchema>;
export type VolumeRenameInput = z.input<typeof volumeRenameSchema>;
export type VolumeReorderInput = z.input<typeof volumeReorderSchema>;
export type VolumeDeleteInput = z.input<typeof volumeDeleteSchema>;
export type ChapterCreateInput = z.input<typeof chapterCreateSchema>;
export type ChapterUpdateInput = z.input<typeof chapterUpdateSchema>;
export type ChapterRefInput = z.input<typeof chapterRefSchema>;
export type ChapterMoveInput = z.input<typeof chapterMoveSchema>;
export type ChapterReorderInput = z.input<typeof chapterReorderSchema>;
export type ChapterScheduleInput = z.input<typeof chapterScheduleSchema>;
export type ChapterBulkInput = z.input<typeof chapterBulkSchema>;
