import "server-only";
import { refresh, updateTag } from "next/cache";
import { hasRole, requireUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/data/authoring/actor";
import { DomainError, isDomainError } from "@/lib/data/errors";
import type { Role } from "@/lib/generated/prisma/client";
import { translate } from "@/lib/i18n/messages";
import { logger } from "@/lib/log";
import type { ErrorScope, FieldErrors } from "@/lib/validation/field-errors";
import type { FormState } from "./form-state";

export { formFields, textValues } from "./form-state";

// The one way a form reaches a write. Every server action of the dashboard and the admin pages is
// a `formAction`: a public POST endpoint that
//   1. refuses a call whose argument is not a form (a hand-made request to the action's id);
//   2. authenticates (requireUser: a signed-out visitor is sent to sign in, and back);
//   3. checks the least role the action needs (the data layer checks role and ownership again,
//      inside its transaction; the actor comes from the session only, never from the form);
//   4. turns the form into the write's input (`input`), which the data layer parses with its
//      strict schema (an unknown field, a malformed value: INVALID with field errors);
//   5. runs the write and expires the cache tags it returns (updateTag), so the author and a
//      logged-out reader see the change at once;
//   6. maps a DomainError to the form's state (translated message, field messages, the values to
//      refill); any other error is logged and rethrown (Next's error page: a bug, not input).
// A new write adds a data-layer function returning { tags } and one formAction; nothing else.

export type { Actor };

export interface FormActionDefinition<I, R extends { tags: string[] }> {
  /** The least role the action needs: READER for a signed-in visitor (a first book), else AUTHOR or ADMIN. */
  role: Role;
  /** Whose messages a refusal uses by default (`authoring.errors.*`, `admin.errors.*`). */
  scope?: ErrorScope;
  /** Where a signed-out visitor comes back to after signing in. */
  returnTo: string | ((formData: FormData) => string);
  /** The write's input from the posted form; may throw a DomainError (a forged or malformed form). */
  input: (formData: FormData) => I;
  /** The form's values to give back after a refusal (never a password). */
  values?: (formData: FormData) => Record<string, string>;
  /** The write. Returns the cache tags it changed. */
  run: (actor: Actor, input: I) => Promise<R>;
  /**
   * The state after success: by default the saved message (`dashboard.saved`) after a refresh of
   * the page's data. May redirect instead (to the record just created).
   */
  done?: (result: R) => FormState;
}

/** Field errors in words. */
export function fieldMessages(errors: FieldErrors): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, list]) => [field, list.map((e) => translate(e.key, e.values))]),
  );
}

/** The form state of a refusal. */
export function refusal(error: DomainError, values?: Record<string, string>): FormState {
  const state: FormState = {
    status: "error",
    message: translate(error.messageKey, error.params),
    fieldErrors: fieldMessages(error.fieldErrors),
  };
  if (values) state.values = values;
  return state;
}

/** The success state most forms show: their page's data read again, and a message. */
export function saved(key: "dashboard.saved" | "dashboard.done" | "admin.saved" = "dashboard.saved"): FormState {
  refresh();
  return { status: "success", message: translate(key) };
}

/** Whether an action's argument is a form (what Next decodes a posted form to, or a test's stand-in). */
function isForm(value: unknown): value is FormData {
  const form = value as Partial<FormData> | null;
  return (
    typeof form === "object" &&
    form !== null &&
    typeof form.entries === "function" &&
    typeof form.get === "function" &&
    typeof form.getAll === "function"
  );
}

/** A server action for `useActionState` from its definition (see the top of this file). */
export function formAction<I, R extends { tags: string[] }>(
  def: FormActionDefinition<I, R>,
): (prev: FormState, formData: FormData) => Promise<FormState> {
  return async (_prev, formData) => {
    // A hand-made call can send anything as the argument (Next decodes the request first).
    if (!isForm(formData)) {
      return refusal(new DomainError("INVALID", { scope: def.scope }));
    }
    const user = await requireUser(typeof def.returnTo === "string" ? def.returnTo : def.returnTo(formData));
    const actor: Actor = { id: user.id, role: user.role };
    let result: R;
    try {
      if (!hasRole(actor, def.role)) throw new DomainError("FORBIDDEN", { scope: def.scope });
      result = await def.run(actor, def.input(formData));
    } catch (error) {
      if (!isDomainError(error)) {
        logger.error({ err: error }, "form action failed");
        throw error;
      }
      return refusal(error, def.values?.(formData));
    }
    for (const tag of result.tags) updateTag(tag);
    // Outside the try: `done` may redirect, which Next does by throwing.
    return def.done ? def.done(result) : saved();
  };
}
