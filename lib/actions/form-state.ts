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

/**
 * The submitted text fields. React adds its own `$ACTION_…` fields to progressively enhanced
 * forms; everything else goes to the zod schema, whose `.strict()` rejects unknown fields.
 * A file where text is expected becomes an empty string, which the schema rejects.
 */
export function formFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION_")) continue;
    out[key] = typeof value === "string" ? value : "";
  }
  return out;
}
