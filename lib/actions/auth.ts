"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { changePassword, invalidateSessions, registerAccount, type AccountResult } from "@/lib/auth/accounts";
import { signInWithPassword, type SessionUser } from "@/lib/auth/credentials";
import { createPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { clientIp, loginLimiter, registerLimiter, resetLimiter } from "@/lib/auth/rate-limit";
import { getCurrentUser } from "@/lib/auth/session";
import { encodeSessionToken, SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-token";
import { DomainError } from "@/lib/data/errors";
import { db } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import { passwordResetMail } from "@/lib/mail/password-reset";
import { mailConfigured, sendMailLater } from "@/lib/mail/send";
import {
  AUTH_MESSAGE_VALUES,
  changePasswordSchema,
  forgotPasswordSchema,
  loginSchema,
  registerSchema,
  resetPasswordSchema,
} from "@/lib/validation/auth";
import { formAction, postAction, publicFormAction } from "./client";
import { textValues } from "./form-state";

// Server actions of the account pages, built like every other action (lib/actions/client.ts): a
// strict schema parses the form; the user comes only from the session, never from the form;
// a refusal is a DomainError of the "auth" scope. Sign in, register and a reset link are posted by
// signed-out visitors (publicFormAction).

const scope = "auth";
const RESET_INVALID = "auth.resetInvalid";

/** A form of one button: no fields of its own. */
const emptyForm = z.object({}).strict();

function tooManyAttempts(retryAfterMs: number): DomainError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return new DomainError("FORBIDDEN", { scope, messageKey: "auth.tooManyAttempts", params: { minutes } });
}

/** An account write's refusal of one field ("this address is taken", "the current password is wrong"). */
function accountError(result: Extract<AccountResult, { ok: false }>): DomainError {
  const fieldErrors = { [result.field]: [{ key: `auth.errors.${result.error}`, values: AUTH_MESSAGE_VALUES }] };
  return new DomainError("INVALID", { scope, fieldErrors });
}

/** The address the request came from, as every limiter reads it. */
async function requestIp(): Promise<string> {
  return clientIp((await headers()).get("x-forwarded-for"));
}

async function startSession(user: SessionUser): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, await encodeSessionToken(user), sessionCookieOptions);
}

export const signInAction = publicFormAction({
  scope,
  form: loginSchema,
  values: (fields) => ({ email: "", next: "", ...textValues(fields, ["email", "next"]) }),
  run: async ({ email, password, next }) => {
    const result = await signInWithPassword(db, loginLimiter(), { email, password, ip: await requestIp() });
    if (!result.ok) {
      throw result.reason === "rate-limited"
        ? tooManyAttempts(result.retryAfterMs)
        : new DomainError("INVALID", { scope, messageKey: "auth.invalidCredentials" });
    }
    await startSession(result.user);
    return next;
  },
  done: (next) => redirect(next),
});

export const registerAction = publicFormAction({
  scope,
  form: registerSchema,
  values: (fields) => ({ email: "", name: "", next: "", ...textValues(fields, ["email", "name", "next"]) }),
  run: async (input) => {
    // A few new accounts an hour from one address: enough for a family or a school behind one
    // address (REGISTER_MAX_PER_IP), not for a script making thousands.
    const attempt = await registerLimiter().consume(await requestIp());
    if (!attempt.allowed) throw tooManyAttempts(attempt.retryAfterMs);
    const result = await registerAccount(db, input);
    if (!result.ok) throw accountError(result);
    // A new account is signed in straight away.
    await startSession(result.user);
    return input.next;
  },
  done: (next) => redirect(next),
});

export const changePasswordAction = formAction({
  role: "READER",
  scope,
  returnTo: "/account",
  form: changePasswordSchema,
  run: async (actor, input) => {
    // Guessing the current password counts against the same limits as signing in.
    const user = await getCurrentUser();
    if (!user) throw new DomainError("FORBIDDEN", { scope });
    const limiter = loginLimiter();
    const ip = await requestIp();
    const attempt = await limiter.consume(user.email, ip);
    if (!attempt.allowed) throw tooManyAttempts(attempt.retryAfterMs);
    const result = await changePassword(db, actor.id, input);
    if (!result.ok) throw accountError(result);
    await limiter.succeeded(user.email, ip);
    // Every other session ended with the version bump; this one continues at the new version.
    await startSession(result.user);
    return { tags: [] };
  },
  done: () => ({ status: "success" as const, message: translate("auth.passwordChanged") }),
});

// A __Secure- cookie is only replaced by one that is Secure too: deleted with the options it was set with.
async function endSession(): Promise<void> {
  const { httpOnly, sameSite, path, secure } = sessionCookieOptions;
  (await cookies()).delete({ name: SESSION_COOKIE, httpOnly, sameSite, path, secure });
}

/** The header's sign-out button: this browser's session ends. */
export const signOutAction = postAction(
  publicFormAction({
    scope,
    form: emptyForm,
    run: endSession,
    done: () => redirect("/"),
  }),
  "/",
);

/** The account page's "sign out everywhere": every session of the account ends, this one too. */
export const signOutEverywhereAction = postAction(
  formAction({
    role: "READER",
    scope,
    returnTo: "/account",
    form: emptyForm,
    run: async (actor) => {
      await invalidateSessions(db, actor.id);
      await endSession();
      return { tags: [] };
    },
    done: () => redirect("/login"),
  }),
  "/login",
);

/**
 * The forgot-password form: a reset link to the address when it has an active account. The answer
 * is the same sentence, in the same time, whether or not it has one: the account lookup, the new
 * token and the mail all happen after the answer, so the form tells nobody which addresses have
 * accounts. Limited per client address and per e-mail address (counted before, for every address).
 */
export const requestPasswordResetAction = publicFormAction({
  scope,
  form: forgotPasswordSchema,
  values: (fields) => ({ email: "", ...textValues(fields, ["email"]) }),
  run: async ({ email }) => {
    if (!mailConfigured()) throw new DomainError("CONFLICT", { scope, messageKey: "auth.forgotNotConfigured" });
    const attempt = await resetLimiter().consume(email, await requestIp());
    if (!attempt.allowed) throw tooManyAttempts(attempt.retryAfterMs);
    sendMailLater("password reset", async () => {
      const request = await createPasswordReset(db, email);
      return request && passwordResetMail(request);
    });
    // A form posted without JavaScript is answered with a page that says so (the hydrated form,
    // which sends Next-Action, shows the state instead).
    return (await headers()).has("next-action");
  },
  done: (hydrated) =>
    hydrated ? { status: "success", message: translate("auth.forgotSent") } : redirect("/forgot-password?sent=1"),
});

/**
 * The new-password form of a reset link: sets the password, ends every session, then sign in anew.
 * A token that is missing, malformed or unknown is a link that does not work: the visitor is told
 * so and offered a new link.
 */
export const resetPasswordAction = publicFormAction({
  scope,
  form: resetPasswordSchema,
  values: (fields, error) => ({
    token: error.messageKey === RESET_INVALID ? "" : (textValues(fields, ["token"]).token ?? ""),
  }),
  run: async ({ token, password }) => {
    const user = await resetPassword(db, token, password);
    if (!user) throw new DomainError("NOT_FOUND", { scope, messageKey: RESET_INVALID });
    // Whoever holds the mailbox is the owner: sign-in attempts of this account from this address
    // start afresh, so someone who locked themselves out with wrong guesses can sign in at once.
    // (Counters of other addresses stay: they are keyed on the pair, and hashed.)
    await loginLimiter().succeeded(user.email, await requestIp());
    // Signed out everywhere, this browser included: the new password signs in.
    await endSession();
    return { tags: [] };
  },
  done: () => redirect("/login?reset=1"),
});
