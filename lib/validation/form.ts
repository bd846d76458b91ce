import { z } from "zod";
import { formIdValue } from "./ids";

// A posted form as the schemas read it. The one generic step is `formObject`: a field posted
// once is its value, a field posted several times is the list of its values, files are kept.
// Everything a particular form means by its text (an id, a list of checked boxes, "" for none, a
// local time) is said by its schema with the preprocessors below, so no action reshapes a form
// by hand and nothing is cast: the schema's output is the write's input.

/** A form's own fields: one value, or the values of a repeated field in order. */
export type FormObject = Record<string, FormDataEntryValue | FormDataEntryValue[]>;

/**
 * The form's own fields. React adds `$ACTION_…` fields to progressively enhanced forms; they are
 * never a form's own. Every other field is kept, so a strict schema refuses one the form has not.
 * Built on a null-prototype object: a field named `__proto__` or `constructor` is a field.
 */
export function formObject(formData: FormData): FormObject {
  const out: FormObject = Object.create(null) as FormObject;
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION_")) continue;
    const known = out[key];
    out[key] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
  }
  return { ...out };
}

/** An id as a form posts it (text) or as a caller passes it (a number): the number, or the value for the schema to refuse. */
export function formId<S extends z.ZodType>(schema: S) {
  return z.preprocess(formIdValue, schema);
}

/** A repeated field: one value posted is a list of one. */
export function formList<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (typeof value === "string" ? [value] : value), schema);
}

/** An optional choice whose empty option ("") means the given value (null: none, undefined: the default). */
export function emptyAs<S extends z.ZodType>(empty: null | undefined, schema: S) {
  return z.preprocess((value) => (value === "" ? empty : value), schema);
}

/**
 * A form with checkboxes: a box left unticked posts nothing, so a list the form always shows is
 * empty when absent, not "unchanged".
 */
export function withCheckboxes<S extends z.ZodType>(lists: readonly string[], schema: S) {
  return z.preprocess((value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const out: Record<string, unknown> = { ...value };
    for (const list of lists) if (!Object.hasOwn(out, list)) out[list] = [];
    return out;
  }, schema);
}
