import { zonedLocalToIso } from "@/lib/i18n/time";
import { formEntries } from "./form-state";
import { formIdValue } from "@/lib/validation/ids";

// Pure conversions from the dashboard's forms (FormData) to the inputs of the authoring data
// layer. They only reshape: numbers for ids, arrays for repeated fields, an instant for a local
// date and time (lib/i18n/time.ts). They claim no type: the data layer takes its input as
// unknown and parses it with its strict zod schema, so an unknown field or a malformed value is
// passed through and refused there, never dropped.

type Fields = Map<string, string[]>;

/** A form reshaped for the data layer, not yet checked. */
export type FormInput = Record<string, unknown>;

/** The form's text fields, repeated names kept; a file where text is expected becomes "". */
function textEntries(formData: FormData): Fields {
  const out: Fields = new Map();
  for (const [key, values] of formEntries(formData)) {
    out.set(
      key,
      values.map((v) => (typeof v === "string" ? v : "")),
    );
  }
  return out;
}

function single(fields: Fields, key: string): string | undefined {
  const v = fields.get(key);
  return v === undefined ? undefined : v.length === 1 ? v[0] : v.join("\n");
}

/** Every field not consumed by a conversion, passed on so that `.strict()` reports it. */
function rest(fields: Fields, used: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, values] of fields) if (!used.includes(key)) out[key] = values.join("\n");
  return out;
}

function defined<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

const BOOK_FIELDS = ["bookId", "title", "intro", "categoryId", "tagIds", "status", "language"] as const;

function bookFields(fields: Fields) {
  return defined({
    title: single(fields, "title"),
    intro: single(fields, "intro"),
    categoryId: formIdValue(single(fields, "categoryId")),
    tagIds: (fields.get("tagIds") ?? []).map((v) => formIdValue(v)),
    status: single(fields, "status"),
    language: single(fields, "language"),
  });
}

/** The new-book form. Unchecked tag boxes send nothing, so no tags is an empty list. */
export function bookCreateInput(formData: FormData): FormInput {
  const fields = textEntries(formData);
  return { ...rest(fields, BOOK_FIELDS.slice(1)), ...bookFields(fields) };
}

/** The edit-book form: the same fields plus the book's id; every field is sent, so all change. */
export function bookUpdateInput(formData: FormData): FormInput {
  const fields = textEntries(formData);
  return {
    ...rest(fields, BOOK_FIELDS),
    ...bookFields(fields),
    bookId: formIdValue(single(fields, "bookId")),
  };
}

/** A form that names one record by id (`bookId`, `chapterId`, `volumeId`), with optional text fields. */
export function refInput<K extends string>(formData: FormData, idKeys: readonly K[]): Record<string, unknown> {
  const fields = textEntries(formData);
  const out: Record<string, unknown> = rest(fields, idKeys);
  for (const key of idKeys) {
    const v = single(fields, key);
    if (v !== undefined) out[key] = formIdValue(v);
  }
  return out;
}

/** Deleting a volume: `moveChaptersTo` empty means "the default" (the neighbouring volume). */
export function volumeDeleteInput(formData: FormData): FormInput {
  const fields = textEntries(formData);
  const target = single(fields, "moveChaptersTo");
  return defined({
    ...rest(fields, ["volumeId", "moveChaptersTo"]),
    volumeId: formIdValue(single(fields, "volumeId")),
    moveChaptersTo: target === undefined || target === "" ? undefined : target === "none" ? null : formIdValue(target),
  });
}

/**
 * A volume's move-up / move-down form: `bookId`, `volumeId`, `direction` and the book's whole
 * current order (`order`, repeated), as the page showed it. Gives the reorder input with the
 * volume one place further (unchanged at either end), or null when `direction` is not "up" or
 * "down" or the volume is not in the order. Ids are read like every other id and any other
 * field is passed on, so the schema refuses a malformed id or a forged field.
 */
export function volumeMoveInput(formData: FormData): FormInput | null {
  const fields = textEntries(formData);
  const order = (fields.get("order") ?? []).map((v) => formIdValue(v));
  const volumeId = formIdValue(single(fields, "volumeId"));
  const direction = single(fields, "direction");
  const i = typeof volumeId === "number" ? order.indexOf(volumeId) : -1;
  if (i < 0 || (direction !== "up" && direction !== "down")) return null;
  const j = direction === "up" ? i - 1 : i + 1;
  if (j >= 0 && j < order.length) [order[i], order[j]] = [order[j], order[i]];
  return {
    ...rest(fields, ["bookId", "volumeId", "direction", "order"]),
    bookId: formIdValue(single(fields, "bookId")),
    volumeIds: order,
  };
}

const CHAPTER_FIELDS = ["volumeId", "title", "body", "authorNote", "intent", "publishAt"] as const;

function chapterFields(fields: Fields, timeZone: string) {
  const volume = single(fields, "volumeId");
  const intent = single(fields, "intent");
  return defined({
    volumeId: volume === undefined ? undefined : volume === "" ? null : formIdValue(volume),
    title: single(fields, "title"),
    body: single(fields, "body"),
    authorNote: single(fields, "authorNote"),
    intent,
    // The date field is always in the form; it counts only when scheduling.
    publishAt: intent === "schedule" ? zonedLocalToIso(single(fields, "publishAt"), timeZone) : undefined,
  });
}

/** The chapter editor for a new chapter; the pressed button is `intent` (save, publish, schedule). */
export function chapterCreateInput(formData: FormData, timeZone: string): FormInput {
  const fields = textEntries(formData);
  return {
    ...rest(fields, [...CHAPTER_FIELDS, "bookId"]),
    ...chapterFields(fields, timeZone),
    bookId: formIdValue(single(fields, "bookId")),
  };
}

/** The chapter editor for an existing chapter. */
export function chapterUpdateInput(formData: FormData, timeZone: string): FormInput {
  const fields = textEntries(formData);
  return {
    ...rest(fields, [...CHAPTER_FIELDS, "chapterId"]),
    ...chapterFields(fields, timeZone),
    chapterId: formIdValue(single(fields, "chapterId")),
  };
}

/** The chapter list's bulk form: checked `chapterIds`, the pressed button is `action`. */
export function chapterBulkInput(formData: FormData, timeZone: string): FormInput {
  const fields = textEntries(formData);
  const action = single(fields, "action");
  return defined({
    ...rest(fields, ["bookId", "chapterIds", "action", "publishAt"]),
    bookId: formIdValue(single(fields, "bookId")),
    chapterIds: (fields.get("chapterIds") ?? []).map((v) => formIdValue(v)),
    action,
    publishAt: action === "schedule" ? zonedLocalToIso(single(fields, "publishAt"), timeZone) : undefined,
  });
}
