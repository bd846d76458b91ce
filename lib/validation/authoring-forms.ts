import { z } from "zod";
import { env } from "@/lib/env";
import { zonedLocalToIso } from "@/lib/i18n/time";
import {
  bookUpdateSchema,
  chapterBulkSchema,
  chapterCreateSchema,
  chapterRefSchema,
  chapterUpdateSchema,
} from "./authoring";
import { formList, withCheckboxes } from "./form";
import { formIdValue } from "./ids";

// The dashboard's forms where a form means more than its fields say: what the author sees on the
// page (a local time, unticked boxes, a step button, an up arrow) read into the write's input by
// the schema, before the data layer's strict schema checks it. Every other form posts exactly a
// write's input, so its schema is the write's own (lib/validation/authoring.ts).

const K = (key: string) => `authoring.errors.${key}`;

type Fields = Record<string, unknown>;
const isFields = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The chapter editor's date field counts only when scheduling (`intent` or `action` is
 * "schedule"); then it is the wall-clock time of `timeZone`, as a `datetime-local` field posts it.
 */
export function scheduledAt(fields: unknown, step: "intent" | "action", timeZone: string): unknown {
  if (!isFields(fields)) return fields;
  const { publishAt, ...rest } = fields;
  if (rest[step] !== "schedule") return rest;
  // Anything but one text value (a file, a repeated field) is left for the schema to refuse.
  const instant = typeof publishAt === "string" ? zonedLocalToIso(publishAt, timeZone) : publishAt;
  return instant === undefined ? rest : { ...rest, publishAt: instant };
}

const atSiteTime = (step: "intent" | "action") => (fields: unknown) => scheduledAt(fields, step, env.SITE_TIME_ZONE);

/**
 * The edit-book form: every field is sent, so no ticked tag means none, and an unticked
 * "downloads" box (which posts nothing) means off.
 */
export const bookUpdateForm = withCheckboxes(
  ["tagIds"],
  z.preprocess((fields) => {
    if (!isFields(fields)) return fields;
    const { downloadsEnabled = "", ...rest } = fields;
    return {
      ...rest,
      downloadsEnabled: downloadsEnabled === "on" ? true : downloadsEnabled === "" ? false : downloadsEnabled,
    };
  }, bookUpdateSchema),
);

/** The chapter editor for a new chapter; the pressed button is `intent` (save, publish, schedule). */
export const chapterCreateForm = z.preprocess(atSiteTime("intent"), chapterCreateSchema);

/** The chapter editor for an existing chapter. */
export const chapterUpdateForm = z.preprocess(atSiteTime("intent"), chapterUpdateSchema);

/** The chapter list's bulk form: the checked `chapterIds` (none ticked: refused), the pressed `action`. */
export const chapterBulkForm = withCheckboxes(["chapterIds"], z.preprocess(atSiteTime("action"), chapterBulkSchema));

/**
 * A volume's move-up / move-down form: `bookId`, `volumeId`, `direction` and the book's whole
 * current order (`order`, repeated) as the page showed it. Read as the reorder with the volume one
 * place further (unchanged at either end). A direction other than up or down, or a volume not in
 * the order, is an option the page does not offer. Ids are checked by the reorder's schema.
 */
export const volumeMoveForm = z
  .object({
    bookId: z.unknown(),
    volumeId: z.unknown(),
    direction: z.unknown(),
    order: formList(z.array(z.unknown())).default([]),
  })
  .strict()
  .transform(({ bookId, volumeId, direction, order }, ctx) => {
    const volumeIds = order.map(formIdValue);
    const id = formIdValue(volumeId);
    const i = typeof id === "number" ? volumeIds.indexOf(id) : -1;
    if (i < 0 || (direction !== "up" && direction !== "down")) {
      ctx.addIssue({ code: "custom", path: [], message: K("invalidOption") });
      return z.NEVER;
    }
    const j = direction === "up" ? i - 1 : i + 1;
    if (j >= 0 && j < volumeIds.length) [volumeIds[i], volumeIds[j]] = [volumeIds[j], volumeIds[i]];
    return { bookId, volumeIds };
  });

export const CHAPTER_STEPS = ["publish", "unpublish", "trash", "restore"] as const;
const ROW_MOVES = { up: -1, down: 1, move: 0 } as const;
type ChapterStep = (typeof CHAPTER_STEPS)[number];
const isStep = (step: unknown): step is ChapterStep => CHAPTER_STEPS.some((s) => s === step);
const isMove = (step: unknown): step is keyof typeof ROW_MOVES =>
  typeof step === "string" && Object.hasOwn(ROW_MOVES, step);

/**
 * The one form of a row of the chapter list: its buttons name the step (`step`: publish,
 * unpublish, trash, restore, or up / down / move), the form carries the chapter's current
 * `position` and the place typed in `to`. A move names the chapter's new place in the book's
 * whole order, so a chapter moved up from the top of a page lands at the bottom of the page before.
 */
export const chapterRowForm = z
  .object({
    chapterId: chapterRefSchema.shape.chapterId,
    step: z.unknown(),
    position: z.unknown().optional(),
    to: z.unknown().optional(),
  })
  .strict()
  .transform(({ chapterId, step, position, to }, ctx) => {
    if (isStep(step)) return { step, chapterId };
    if (!isMove(step)) {
      ctx.addIssue({ code: "custom", path: [], message: K("invalidOption") });
      return z.NEVER;
    }
    const from = formIdValue(position);
    const place = step === "move" ? formIdValue(to) : typeof from === "number" ? from + ROW_MOVES[step] : from;
    return { step: "move" as const, chapterId, position: place };
  });
