import type { z } from "zod";
import { REQUEST_ID_FIELD } from "./create-request";

// The one reading of a failed parse for a form: i18n keys (with the values their messages name)
// grouped by the form field they are about. Every write's schema writes its messages as keys of
// one message scope (`authoring.errors.*`, `admin.errors.*`); an issue without such a key (zod's
// own wording) becomes the scope's `invalid`.

export type FieldError = { key: string; values?: Record<string, string | number> };
/** Errors by field name; `_form` holds those of the whole input (the hidden request id's). */
export type FieldErrors = Record<string, FieldError[]>;

/** The message catalogue section a domain's errors live in: `<scope>.errors.<name>`. */
export type ErrorScope = "authoring" | "admin" | "auth" | "comments" | "reviews";

/** An i18n key of some domain's errors, as a schema writes it. */
const MESSAGE_KEY = /^[a-z]+\.errors\.[A-Za-z_]+$/;

/** Field errors of a failed parse, grouped by top-level field, each key once per field. */
export function zodFieldErrors(error: z.ZodError, scope: ErrorScope, except?: z.core.$ZodIssue): FieldErrors {
  const prefix = `${scope}.errors.`;
  // A Map, then own properties: a form field named `constructor` or `__proto__` is a field
  // like any other, not a property every object already has.
  const fields = new Map<string, FieldError[]>();
  const add = (field: string, e: FieldError) => {
    const list = fields.get(field) ?? [];
    if (!list.some((known) => known.key === e.key)) list.push(e);
    fields.set(field, list);
  };
  for (const issue of error.issues) {
    if (issue === except) continue;
    // The request id is a hidden field: its error is about the whole form.
    const field = typeof issue.path[0] === "string" && issue.path[0] !== REQUEST_ID_FIELD ? issue.path[0] : "_form";
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(key, { key: `${prefix}unknownField` });
      continue;
    }
    // A schema may name another domain's message (a cover form's "no such book").
    const key =
      issue.message.startsWith(prefix) || MESSAGE_KEY.test(issue.message) ? issue.message : `${prefix}invalid`;
    const values: Record<string, string | number> = {};
    if (issue.code === "too_big") values.max = Number(issue.maximum);
    if (issue.code === "too_small") values.min = Number(issue.minimum);
    if (issue.code === "custom" && issue.params) {
      for (const [k, v] of Object.entries(issue.params)) {
        if (typeof v === "string" || typeof v === "number") values[k] = v;
      }
    }
    add(field, Object.keys(values).length > 0 ? { key, values } : { key });
  }
  return Object.fromEntries(fields);
}
