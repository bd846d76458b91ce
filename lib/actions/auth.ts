"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { changePassword, invalidateSessions, registerAccount } from "@/lib/auth/accounts";
import { signInWithPassword, type SessionUser } from "@/lib/auth/credentials";
import { createPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { clientIp, loginLimiter, registerLimiter, resetLimiter } from "@/lib/auth/rate-limit";
import { getCurrentUser } from "@/lib/auth/session";
import { encodeSessionToken, SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import { getT } from "@/lib/i18n/messages";
import { passwordResetMail } from "@/lib/mail/password-reset";
import { mailConfigured, sendMailLater } from "@/lib/mail/send";
import {
  AUTH_MESSAGE_VALUES,
  changePasswordSchema,
  fieldErrors,
  forgotPasswordSchema,
  loginSchema,
  registerSchema,
  resetPasswordSchema,
  type AuthErrorKey,
} from "@/lib/validation/auth";
import { formFields, type FormState } from "./form-state";

// Server actions of the account pages. Each is a public POST endpoint: it parses its input with
// a strict schema and takes the user only from the session, never from the form.

function translate(errors: Record<string, AuthErrorKey[]>): Record<string, string[]> {
  const t = getT();
  return Object.fromEntries(
    Object.entries(errors).map(([field, keys]) => [field, keys.map((k) => t(`auth.errors.${k}`, AUTH_MESSAGE_VALUES))]),
  );
}

function invalid(error: z.ZodError, values: Record<string, string>): FormState {
  return { status: "error", message: getT()("auth.fixErrors"), fieldErrors: translate(fieldErrors(error)), values };
}

function tooManyAttempts(retryAfterMs: number): string {
  return getT()("auth.tooManyAttempts", { minutes: Math.max(1, Math.ceil(retryAfterMs / 60_000)) });
}

async function startSession(user: SessionUser): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, await encodeSessionToken(user), sessionCookieOptions);
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const fields = formFields(formData);
  const values = { email: fields.email ?? "", next: fields.next ?? "" };
  const parsed = loginSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, values);
  const { email, password, next } = parsed.data;
  const ip = clientIp((await headers()).get("x-forwarded-for"));
  const result = await signInWithPassword(db, loginLimiter(), { email, password, ip });
  const t = getT();
  if (!result.ok) {
    const message =
      result.reason === "rate-limited" ? tooManyAttempts(result.retryAfterMs) : t("auth.invalidCredentials");
    return { status: "error", message, values };
  }
  await startSession(result.user);
  redirect(next);
}

export async function registerAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const fields = formFields(formData);
  const values = { email: fields.email ?? "", name: fields.name ?? "", next: fields.next ?? "" };
  const parsed = registerSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, values);
  // A few new accounts an hour from one address: enough for a family or a school behind one
  // address (REGISTER_MAX_PER_IP), not for a script making thousands.
  const attempt = await registerLimiter().consume(clientIp((await headers()).get("x-forwarded-for")));
  if (!attempt.allowed) return { status: "error", message: tooManyAttempts(attempt.retryAfterMs), values };
  const result = await registerAccount(db, parsed.data);
  if (!result.ok) {
    return {
      status: "error",
      message: getT()("auth.fixErrors"),
      fieldErrors: translate({ [result.field]: [result.error] }),
      values,
    };
  }
  // A new account is signed in straight away.
  await startSession(result.user);
  redirect(parsed.data.next);
}

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await getCurrentUser();
  if (!user) redirect("/login?next=/account");
  const parsed = changePasswordSchema.safeParse(formFields(formData));
  if (!parsed.success) return invalid(parsed.error, {});
  // Guessing the current password counts against the same limits as signing in.
  const limiter = loginLimiter();
  const ip = clientIp((await headers()).get("x-forwarded-for"));
  const attempt = await limiter.consume(user.email, ip);
  if (!attempt.allowed) return { status: "error", message: tooManyAttempts(attempt.retryAfterMs) };
  const result = await changePassword(db, user.id, parsed.data);
  if (result.ok) await limiter.succeeded(user.email, ip);
  if (!result.ok) {
    return {
      status: "error",
      message: getT()("auth.fixErrors"),
      fieldErrors: translate({ [result.field]: [result.error] }),
    };
  }
  // Every other session ended with the version bump; this one continues at the new version.
  await startSession(result.user);
  return { status: "success", message: getT()("auth.passwordChanged") };
}

// A __Secure- cookie is only replaced by one that is Secure too: deleted with the options it was set with.
async function endSession(): Promise<void> {
  const { httpOnly, sameSite, path, secure } = sessionCookieOptions;
  (await cookies()).delete({ name: SESSION_COOKIE, httpOnly, sameSite, path, secure });
}

export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/");
}

export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await invalidateSessions(db, user.id);
  await endSession();
  redirect("/login");
}

/**
 * The forgot-password form: a reset link to the address when it has an active account. The answer
 * is the same sentence, in the same time, whether or not it has one: the account lookup, the new
 * token and the mail all happen after the answer, so the form tells nobody which addresses have
 * accounts. Limited per client address and per e-mail address (counted before, for every address).
 */
export async function requestPasswordResetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const t = getT();
  if (!mailConfigured()) return { status: "error", message: t("auth.forgotNotConfigured") };
  const fields = formFields(formData);
  const values = { email: fields.email ?? "" };
  const parsed = forgotPasswordSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error, values);
  const { email } = parsed.data;
  const attempt = await resetLimiter().consume(email, clientIp((await headers()).get("x-forwarded-for")));
  if (!attempt.allowed) return { status: "error", message: tooManyAttempts(attempt.retryAfterMs), values };
  sendMailLater("password reset", async () => {
    const request = await createPasswordReset(db, email);
    return request && passwordResetMail(request);
  });
  // A form posted without JavaScript is answered with a page that says so (the hydrated form,
  // which sends Next-Action, shows the state instead).
  if (!(await headers()).has("next-action")) redirect("/forgot-password?sent=1");
  return { status: "success", message: t("auth.forgotSent") };
}

/**
 * The new-password form of a reset link: sets the password, ends every session, then sign in anew.
 * A token that is missing or malformed is a link that does not work, like an unknown one: the
 * visitor is told so and offered a new link, whatever the password fields hold.
 */
export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const spent: FormState = { status: "error", message: getT()("auth.resetInvalid"), values: { token: "" } };
  const fields = formFields(formData);
  const parsed = resetPasswordSchema.safeParse(fields);
  if (!parsed.success) {
    return parsed.error.issues.some((issue) => issue.path[0] === "token")
      ? spent
      : invalid(parsed.error, { token: fields.token ?? "" });
  }
  const user = await resetPassword(db, parsed.data.token, parsed.data.password);
  if (!user) return spent;
  // Whoever holds the mailbox is the owner: sign-in attempts of this account from this address
  // start afresh, so someone who locked themselves out with wrong guesses can sign in at once.
  // (Counters of other addresses stay: they are keyed on the pair, and hashed.)
  await loginLimiter().succeeded(user.email, clientIp((await headers()).get("x-forwarded-for")));
  // Signed out everywhere, this browser included: the new password signs in.
  await endSession();
  redirect("/login?reset=1");
}
