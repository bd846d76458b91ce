import type { z } from "zod";
import { authoringFieldErrors, type AuthoringFieldErrors } from "@/lib/validation/authoring";

/**
 * NOT_FOUND  the record does not exist, or is not the actor's (never disclosed apart);
 * FORBIDDEN  the actor may see it but not do this;
 * CONFLICT   the record's state forbids it now (in the trash, already published, a stale order);
 * INVALID    the input failed validation: `fieldErrors` holds i18n keys per field.
 */
export type AuthoringErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID";

/** i18n key (under `authoring.errors`) of the default message of each code. */
const DEFAULT_KEYS: Record<AuthoringErrorCode, string> = {
  NOT_FOUND: "authoring.errors.notFound",
  FORBIDDEN: "authoring.errors.forbidden",
  CONFLICT: "authoring.errors.conflict",
  INVALID: "authoring.errors.invalid",
};

export class AuthoringError extends Error {
  readonly code: AuthoringErrorCode;
  /** i18n key of a message for the whole form. */
  readonly messageKey: string;
  readonly fieldErrors: AuthoringFieldErrors;

  constructor(code: AuthoringErrorCode, opts: { messageKey?: string; fieldErrors?: AuthoringFieldErrors } = {}) {
    const messageKey = opts.messageKey ?? DEFAULT_KEYS[code];
    super(`${code}: ${messageKey}`);
    this.name = "AuthoringError";
    this.code = code;
    this.messageKey = messageKey;
    this.fieldErrors = opts.fieldErrors ?? {};
  }
}

export function isAuthoringError(error: unknown): error is AuthoringError {
  return error instanceof AuthoringError;
}

/** Parses an input with its schema; a failure becomes INVALID with the field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AuthoringError("INVALID", { fieldErrors: authoringFieldErrors(parsed.error) });
  return parsed.data;
}

/** INVALID with one field error. */
export function invalidField(field: string, key: string, values?: Record<string, string | number>): AuthoringError {
  return new AuthoringError("INVALID", { fieldErrors: { [field]: [values ? { key, values } : { key }] } });
}
