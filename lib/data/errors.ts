import type { z } from "zod";
import { translate } from "@/lib/i18n/messages";
import { zodFieldErrors, type ErrorScope, type FieldErrors } from "@/lib/validation/field-errors";

/**
 * Why the data layer refused a write (or a non-public read), the one error type every domain
 * throws and every server action maps to a form state (lib/actions/client.ts):
 *
 * NOT_FOUND  the record does not exist, or is not the actor's (never disclosed apart);
 * FORBIDDEN  the actor may see it but not do this (a role, or themselves);
 * CONFLICT   the record's state forbids it now (in the trash, already published, a stale order);
 * INVALID    the input failed validation: `fieldErrors` holds i18n keys per field.
 */
export type DomainErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID";

/** The message for the whole form of each code, by scope; an INVALID form points at its fields. */
const DEFAULT_KEYS: Record<ErrorScope, Record<DomainErrorCode, string>> = {
  authoring: {
    NOT_FOUND: "authoring.errors.notFound",
    FORBIDDEN: "authoring.errors.forbidden",
    CONFLICT: "authoring.errors.conflict",
    INVALID: "dashboard.fixErrors",
  },
  admin: {
    NOT_FOUND: "admin.errors.notFound",
    FORBIDDEN: "admin.errors.forbidden",
    CONFLICT: "admin.errors.conflict",
    INVALID: "admin.errors.invalid",
  },
  comments: {
    NOT_FOUND: "comments.errors.notFound",
    FORBIDDEN: "comments.errors.forbidden",
    CONFLICT: "comments.errors.conflict",
    INVALID: "comments.errors.fixErrors",
  },
  reviews: {
    NOT_FOUND: "reviews.errors.notFound",
    FORBIDDEN: "reviews.errors.forbidden",
    CONFLICT: "reviews.errors.conflict",
    INVALID: "reviews.errors.fixErrors",
  },
  // The account forms: a refusal other than INVALID always names its own message.
  auth: {
    NOT_FOUND: "auth.fixErrors",
    FORBIDDEN: "auth.fixErrors",
    CONFLICT: "auth.fixErrors",
    INVALID: "auth.fixErrors",
  },
};

export interface DomainErrorOptions {
  /** Whose default messages: `authoring.errors.notFound`, `admin.errors.notFound`, … */
  scope?: ErrorScope;
  /** i18n key of a message for the whole form, instead of the code's default. */
  messageKey?: string;
  fieldErrors?: FieldErrors;
  /** The values the message names (a size and a limit). */
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** i18n key of a message for the whole form. */
  readonly messageKey: string;
  readonly fieldErrors: FieldErrors;
  readonly params: Record<string, string | number>;

  constructor(code: DomainErrorCode, opts: DomainErrorOptions = {}) {
    const messageKey = opts.messageKey ?? DEFAULT_KEYS[opts.scope ?? "authoring"][code];
    super(`${code}: ${messageKey}`);
    this.name = "DomainError";
    this.code = code;
    this.messageKey = messageKey;
    this.fieldErrors = opts.fieldErrors ?? {};
    this.params = opts.params ?? {};
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/**
 * Parses an input with its schema; a failure becomes INVALID with the field errors. An issue of
 * the whole input (a schema's own check with an empty path: an option no page offers) is the
 * form's message instead.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  scope: ErrorScope = "authoring",
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const whole = parsed.error.issues.find((issue) => issue.path.length === 0 && issue.message.startsWith(`${scope}.`));
  const fieldErrors = zodFieldErrors(parsed.error, scope, whole);
  throw new DomainError("INVALID", { scope, fieldErrors, messageKey: whole?.message });
}

/** INVALID with one field error. */
export function invalidField(field: string, key: string, values?: Record<string, string | number>): DomainError {
  return new DomainError("INVALID", { fieldErrors: { [field]: [values ? { key, values } : { key }] } });
}

/** A refusal in words: the message for the whole form or request, and the messages per field. */
export function refusalMessages(error: DomainError): { message: string; fieldErrors: Record<string, string[]> } {
  return {
    message: translate(error.messageKey, error.params),
    fieldErrors: Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, list]) => [field, list.map((e) => translate(e.key, e.values))]),
    ),
  };
}
