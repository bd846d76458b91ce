import { z } from "zod";

// Record ids, the one way they are read: from a route segment, a form field or a JSON body.
// Every id column is a PostgreSQL `integer`, so an id is a whole number from 1 to MAX_INT_ID;
// anything else names no record (a route answers 404, a form says which field is wrong) and
// never reaches a query, where a value past the column's range would be a database error.

/** The largest value PostgreSQL's `integer` holds: the largest id there can be. */
export const MAX_INT_ID = 2_147_483_647;

/** ASCII digits without a leading zero, at most ten of them: the only spelling of an id in text. */
const ID_TEXT = /^[1-9][0-9]{0,9}$/;

/** An id in text ("12") as a number, or null when the text is not one (a route answers 404). */
export function parseId(raw: unknown): number | null {
  if (typeof raw !== "string" || !ID_TEXT.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_INT_ID ? id : null;
}

/** A route id such as `[id]` or `[chapterId]`, parsed by a schema (a string in, a number out). */
export const routeIdSchema = z
  .string()
  .refine((raw) => parseId(raw) !== null)
  .transform((raw) => Number(raw));

/** An id already a number (a JSON body, a data-layer input): whole, 1 … MAX_INT_ID. */
export function idSchema(error?: string) {
  const opts = error === undefined ? undefined : { error };
  return z.number(opts).int(opts).min(1, opts).max(MAX_INT_ID, opts);
}

/**
 * A form field that holds an id: text that spells one becomes the number; anything else
 * (letters, "0", "012", too large, a file, several values) is passed on unchanged for the
 * schema to refuse with its message. Surrounding spaces are forgiven, as a form might add them.
 */
export function formIdValue(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const id = parseId(value.trim());
  return id ?? value;
}

/** Whether a value is an id already (a number in range): a data-layer read given anything else finds nothing. */
export function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_INT_ID;
}
