import "server-only";
import { refresh, updateTag } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { hasRole, requireUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/data/authoring/actor";
import { DomainError, isDomainError, parseInput, refusalMessages } from "@/lib/data/errors";
import type { Role } from "@/lib/generated/prisma/client";
import { translate } from "@/lib/i18n/messages";
import { logger } from "@/lib/log";
import type { ErrorScope } from "@/lib/validation/field-errors";
import { formObject, type FormObject } from "@/lib/validation/form";
import type { FormState } from "./form-state";

// The one way a form reaches a write. Every server action of the site is built here: a public
// POST endpoint that
//   1. refuses a call whose argument is not a form (a hand-made request to the action's id);
//   2. authenticates (requireUser: a signed-out visitor is sent to sign in, and back), except the
//      account forms a signed-out visitor uses (`publicFormAction`: sign in, register, reset);
//   3. checks the least role the action needs (the data layer checks role and ownership again,
//      inside its transaction; the actor comes from the session only, never from the form);
//   4. parses the form with the action's zod schema (`form`): the posted fields as they are
//      (lib/validation/form.ts), coerced by the schema's preprocessors, never reshaped by hand;
//      a field the form does not have, a malformed value: INVALID with field errors;
//   5. runs the write and expires the cache tags it returns (updateTag), so the author and a
//      logged-out reader see the change at once;
//   6. maps a DomainError to the form's state (translated message, field messages, the values to
//      refill); any other error is logged and rethrown (Next's error page: a bug, not input).
// A new write adds a schema, a data-layer function returning { tags } and one formAction.

export type { Actor };

/** A refusal's state: every form's state type has room for it. */
export type RefusalState = FormState & { status: "error" };

interface Definition<S extends z.ZodType, R, St = FormState> {
  /** Whose messages a refusal uses by default (`authoring.errors.*`, `admin.errors.*`, `auth.errors.*`). */
  scope?: ErrorScope;
  /** The form's schema: the posted fields in, the write's input out. */
  form: S;
  /** The form's values to give back after a refusal (never a password). */
  values?: (fields: FormObject, error: DomainError) => Record<string, string>;
  /** A form of one control (a file and a button): a refusal is one message, never per field. */
  messageOnly?: boolean;
  /**
   * Called with a refusal before its state is returned: may redirect instead (a form posted
   * without JavaScript on a page Next renders in parts, which cannot show a returned state).
   */
  refused?: (error: DomainError, fields: FormObject) => Promise<void>;
  /** The state after success (or a redirect: Next redirects by throwing). By default `saved()`. */
  done?: (result: R) => NoInfer<St> | Promise<NoInfer<St>>;
}

export interface FormActionDefinition<
  S extends z.ZodType,
  R extends { tags: string[] },
  St = FormState,
> extends Definition<S, R, St> {
  /** The least role the action needs: READER for a signed-in visitor (a first book), else AUTHOR or ADMIN. */
  role: Role;
  /** Where a signed-out visitor comes back to after signing in. */
  returnTo: string | ((fields: FormObject) => string);
  /** The write. Returns the cache tags it changed. */
  run: (actor: Actor, input: z.output<S>) => Promise<R>;
}

export interface PublicFormActionDefinition<S extends z.ZodType, R> extends Definition<S, R> {
  /** The write, for whoever posts the form (a signed-in visitor is not needed). */
  run: (input: z.output<S>) => Promise<R>;
}

/** The form state of a refusal. */
export function refusal(error: DomainError, values?: Record<string, string>, messageOnly = false): RefusalState {
  let { message, fieldErrors } = refusalMessages(error);
  const first = Object.values(fieldErrors)[0]?.[0];
  if (messageOnly && first !== undefined) [message, fieldErrors] = [first, {}];
  const state: RefusalState = { status: "error", message, fieldErrors };
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

/** Steps 4–6 for a visitor already let in: parse, write, expire, answer. */
async function submit<S extends z.ZodType, R, St>(
  def: Definition<S, R, St>,
  fields: FormObject,
  write: (input: z.output<S>) => Promise<R>,
): Promise<St | FormState> {
  let result: R;
  try {
    result = await write(parseInput(def.form, fields, def.scope));
  } catch (error) {
    if (!isDomainError(error)) {
      logger.error({ err: error }, "form action failed");
      throw error;
    }
    await def.refused?.(error, fields);
    return refusal(error, def.values?.(fields, error), def.messageOnly);
  }
  const tags = (result as { tags?: unknown } | undefined)?.tags;
  if (Array.isArray(tags)) for (const tag of tags) if (typeof tag === "string") updateTag(tag);
  // Outside the try: `done` may redirect, which Next does by throwing.
  return def.done ? def.done(result) : saved();
}

/** A server action for `useActionState` from its definition (see the top of this file). */
export function formAction<S extends z.ZodType, R extends { tags: string[] }, St = FormState>(
  // A form's own state type (the import's preview) must have room for a refusal.
  def: FormActionDefinition<S, R, St> & (RefusalState extends St ? unknown : never),
): (prev: St, formData: FormData) => Promise<St> {
  const answer = async (formData: FormData): Promise<St | FormState> => {
    // A hand-made call can send anything as the argument (Next decodes the request first).
    if (!isForm(formData)) return refusal(new DomainError("INVALID", { scope: def.scope }));
    const fields = formObject(formData);
    const user = await requireUser(typeof def.returnTo === "string" ? def.returnTo : def.returnTo(fields));
    const actor: Actor = { id: user.id, role: user.role };
    if (!hasRole(actor, def.role)) return refusal(new DomainError("FORBIDDEN", { scope: def.scope }));
    return submit(def, fields, (input) => def.run(actor, input));
  };
  // The one cast of the pipeline: a refusal is an St (the constraint above), and `saved()` is
  // returned only by forms without `done`, whose St is the default FormState.
  return async (_prev, formData) => (await answer(formData)) as St;
}

/** A server action of a form a signed-out visitor posts (sign in, register, a reset link). */
export function publicFormAction<S extends z.ZodType, R>(
  def: PublicFormActionDefinition<S, R>,
): (prev: FormState, formData: FormData) => Promise<FormState> {
  return async (_prev, formData) => {
    if (!isForm(formData)) return refusal(new DomainError("INVALID", { scope: def.scope }));
    return submit(def, formObject(formData), def.run);
  };
}

/**
 * A server action for a plain `<form action>` that shows no state (a button on a list, sign out):
 * the form action, then back to `back`, also after a refusal (which changes nothing; logged).
 */
export function postAction(
  action: (prev: FormState, formData: FormData) => Promise<FormState>,
  back: string,
): (formData: FormData) => Promise<void> {
  return async (formData) => {
    const state = await action({ status: "idle" }, formData);
    if (state.status === "error") logger.info({ message: state.message }, "form post refused");
    redirect(back);
  };
}
