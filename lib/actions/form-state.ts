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

/** The named text fields of a posted form, to give back to it after a refusal (never a password). */
export function textValues(fields: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const v = fields[key];
    if (typeof v === "string") out[key] = v;
  }
  return out;
}
