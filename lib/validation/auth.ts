import { z } from "zod";
import { findInvalidCharacter, hasVisibleText, normalizeTitle, withoutBlankLetters } from "@/lib/text/normalize";

/**
 * Account forms: register, sign in, change password, reset. Issue messages are keys of
 * `auth.errors` in messages/*.json with the values they name (lib/validation/field-errors.ts
 * reads them like every other form's), so the schemas stay language-neutral and tests can assert
 * exact reasons.
 */

import {
  AUTH_MESSAGE_VALUES,
  EMAIL_MAX_LENGTH,
  NAME_MAX_CHARS,
  NAME_MAX_CODE_POINTS,
  PASSWORD_MAX_BYTES,
  PASSWORD_MAX_CHARS,
  PASSWORD_MIN_CHARS,
} from "./auth-limits";

export * from "./auth-limits";

export type AuthErrorKey =
  | "emailInvalid"
  | "emailTooLong"
  | "emailTaken"
  | "nameRequired"
  | "nameTooLong"
  | "nameInvalid"
  | "passwordRequired"
  | "passwordTooShort"
  | "passwordTooLong"
  | "passwordTooManyBytes"
  | "passwordMismatch"
  | "currentPasswordWrong"
  | "invalidCharacter"
  | "unknownField";

/** The message key of a reason. */
const E = (key: AuthErrorKey) => ({ error: `auth.errors.${key}` });
/** The message key of a reason, with the values its message names, for a check of ours. */
const withValues = (key: AuthErrorKey) => ({ ...E(key), params: AUTH_MESSAGE_VALUES, abort: true });

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Characters as a reader counts them: one per grapheme, so 汉字 is 2 and é (e + ◌́) is 1. */
export function countCharacters(text: string): number {
  return Array.from(segmenter.segment(text)).length;
}

const utf8 = new TextEncoder();
export const utf8Length = (text: string): number => utf8.encode(text).length;

type Ctx = z.RefinementCtx;
const fail = (ctx: Ctx, key: AuthErrorKey) => {
  ctx.addIssue({ code: "custom", message: `auth.errors.${key}`, params: AUTH_MESSAGE_VALUES });
  return z.NEVER;
};

// The string is rejected early when even UTF-16 length rules it out, before any normalisation.
const rawText = (max: number, tooLong: AuthErrorKey) =>
  z.string(E("passwordRequired")).refine((raw) => raw.length <= max, withValues(tooLong));

export const emailSchema = z
  .string(E("emailInvalid"))
  .refine((raw) => raw.length <= EMAIL_MAX_LENGTH * 2, withValues("emailTooLong"))
  .transform((raw, ctx) => {
    if (findInvalidCharacter(raw)) return fail(ctx, "invalidCharacter");
    const email = raw.normalize("NFC").trim().toLowerCase();
    if (email.length > EMAIL_MAX_LENGTH) return fail(ctx, "emailTooLong");
    if (!z.email().safeParse(email).success) return fail(ctx, "emailInvalid");
    return email;
  });

/** A display name: NFC, no bidi controls or zero-width characters, spaces collapsed, 1–30 characters. */
export const displayNameSchema = z
  .string(E("nameRequired"))
  .refine((raw) => raw.length <= NAME_MAX_CODE_POINTS * 8, withValues("nameTooLong"))
  .transform((raw, ctx) => {
    if (findInvalidCharacter(raw)) return fail(ctx, "invalidCharacter");
    // Letters that render as nothing are dropped from a name: it would look empty, or like
    // someone else's.
    const name = withoutBlankLetters(normalizeTitle(raw)).replace(/ {2,}/g, " ").trim();
    if (!hasVisibleText(name)) return fail(ctx, "nameRequired");
    // Other control and format characters (tabs are already spaces) have no place in a name.
    // (normalizeTitle has kept only the ZWJ that joins pictographs into one emoji.)
    if (/(?!\u200D)[\p{Cc}\p{Cf}]/u.test(name)) return fail(ctx, "nameInvalid");
    if (countCharacters(name) > NAME_MAX_CHARS || [...name].length > NAME_MAX_CODE_POINTS) {
      return fail(ctx, "nameTooLong");
    }
    return name;
  });

// Checks shared by every password field: clean Unicode, NFC (so the same password typed with
// another input method still matches), and the byte cap.
function passwordText(ctx: Ctx, raw: string): string | typeof z.NEVER {
  if (findInvalidCharacter(raw)) return fail(ctx, "invalidCharacter");
  const password = raw.normalize("NFC");
  if (utf8Length(password) > PASSWORD_MAX_BYTES) return fail(ctx, "passwordTooManyBytes");
  return password;
}

/** A new password: 8–128 characters (a CJK character is one), at most 512 UTF-8 bytes. */
export const newPasswordSchema = rawText(PASSWORD_MAX_BYTES, "passwordTooManyBytes").transform((raw, ctx) => {
  const password = passwordText(ctx, raw);
  if (password === z.NEVER) return z.NEVER;
  if (password.length === 0) return fail(ctx, "passwordRequired");
  const chars = countCharacters(password);
  if (chars < PASSWORD_MIN_CHARS) return fail(ctx, "passwordTooShort");
  if (chars > PASSWORD_MAX_CHARS) return fail(ctx, "passwordTooLong");
  return password;
});

/** A password being checked (sign in, current password): no policy, only the safety caps. */
export const givenPasswordSchema = rawText(PASSWORD_MAX_BYTES, "passwordTooManyBytes").transform((raw, ctx) => {
  if (raw.length === 0) return fail(ctx, "passwordRequired");
  return passwordText(ctx, raw);
});

/** Where to go after signing in: a path on this site only (no `//host`, no `/\host`). */
export const nextPathSchema = z
  .string()
  .max(2000)
  .optional()
  .transform((raw) => (raw && /^\/(?![/\\])[^\s]*$/.test(raw) ? raw : "/"));

export const registerSchema = z
  .object({
    email: emailSchema,
    name: displayNameSchema,
    password: newPasswordSchema,
    passwordConfirm: z.string(E("passwordMismatch")).max(PASSWORD_MAX_BYTES * 2, E("passwordMismatch")),
    next: nextPathSchema,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.passwordConfirm.normalize("NFC") !== v.password) {
      ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "auth.errors.passwordMismatch" });
    }
  });
export type RegisterInput = z.input<typeof registerSchema>;

export const loginSchema = z
  .object({ email: emailSchema, password: givenPasswordSchema, next: nextPathSchema })
  .strict();
export type LoginInput = z.input<typeof loginSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: givenPasswordSchema,
    newPassword: newPasswordSchema,
    newPasswordConfirm: z.string(E("passwordMismatch")).max(PASSWORD_MAX_BYTES * 2, E("passwordMismatch")),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.newPasswordConfirm.normalize("NFC") !== v.newPassword) {
      ctx.addIssue({ code: "custom", path: ["newPasswordConfirm"], message: "auth.errors.passwordMismatch" });
    }
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

export const forgotPasswordSchema = z.object({ email: emailSchema }).strict();

/** The new-password form a reset link opens: the link's token (checked by the data layer) and the password twice. */
export const resetPasswordSchema = z
  .object({
    // A missing, foreign or huge token is a link that does not work, like an unknown one: the
    // action answers so, whatever the password fields hold.
    token: z.preprocess((token) => (typeof token === "string" && token.length <= 200 ? token : ""), z.string()),
    password: newPasswordSchema,
    passwordConfirm: z.string(E("passwordMismatch")).max(PASSWORD_MAX_BYTES * 2, E("passwordMismatch")),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.passwordConfirm.normalize("NFC") !== v.password) {
      ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "auth.errors.passwordMismatch" });
    }
  });
