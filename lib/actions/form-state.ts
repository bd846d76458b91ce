/** State of an account form for useActionState: translated messages per field, and values to refill. */
export interface FormState {
  status: "idle" | "error" | "success";
  /** A message about the whole form (wrong credentials, too many attempts, saved). */
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** Non-secret values to put back into the form after an error. */
  values?: Record<string, string>;
}

export const initialFormState: FormState = { status: "idle" };

// Reading a posted form: every action reads its FormData through these. React adds its own
// `$ACTION_…` fields to progressively enhanced forms; they are never a form's own. Everything else
// is passed on for the zod schema, whose `.strict()` refuses a field the form does not have.

/** The form's own fields, in order, each name with every value it was posted with. */
export function formEntries(formData: FormData): Map<string, FormDataEntryValue[]> {
  const out = new Map<string, FormDataEntryValue[]>();
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION_")) continue;
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

/** One value per field (the last of a repeated one), files kept: for forms that upload. */
export function formValues(formData: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries([...formEntries(formData)].map(([key, values]) => [key, values.at(-1)!]));
}

/**
 * One text value per field (the last of a repeated one). A file where text is expected becomes
 * an empty string, which the schema rejects.
 */
export function formFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(formValues(formData))) out[key] = typeof value === "string" ? value : "";
  return out;
}

/** The named text fields, to give back to the form after a refusal (never a password). */
export function textValues(formData: FormData, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const v = formData.get(key);
    if (typeof v === "string") out[key] = v;
  }
  return out;
}
