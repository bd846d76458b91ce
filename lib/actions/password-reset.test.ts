import type { ParsedMail } from "mailparser";
import { headers } from "next/headers";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createResetLimiter } from "@/lib/auth/rate-limit";
import { getCurrentUser } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/messages";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { createUser } from "@/lib/test/fixtures";
import { startSmtpSink, type SmtpSink } from "@/lib/test/smtp-sink";
import { AUTH_MESSAGE_VALUES } from "@/lib/validation/auth";
import { requestPasswordResetAction, resetPasswordAction, signInAction } from "./auth";
import { initialFormState } from "./form-state";

// Password reset by e-mail, through the real actions, a real database and a real SMTP server
// started here (smtp-server): the mail that arrives is parsed and its link followed.

const SMTP_PORT = vi.hoisted(() => {
  // Below Linux's ephemeral ports (32768 and up), and apart from notices.test.ts's range.
  const port = 20_000 + (process.pid % 10_000);
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.SITE_URL = "https://books.example";
  return port;
});

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

const request = setUpActionRequests();
// As the hydrated page calls the actions (a plain post is answered with a redirect, tested below).
beforeEach(() => request.setHeader("next-action", "password-reset"));
const t = getT();
const error = (key: string) => t(`auth.errors.${key}` as never, AUTH_MESSAGE_VALUES as never);
const OLD = "old password 书海";
const NEW = "新的密码 brand new";

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink(SMTP_PORT);
});
afterAll(() => smtp.close());

let sequence = 0;
async function account(data: { disabledAt?: Date } = {}) {
  const user = await createUser(request.db, { role: "READER", ...data });
  return request.db.user.update({
    where: { id: user.id },
    data: { email: `forgetful${++sequence}-${process.pid}@example.test`, passwordHash: await hashPassword(OLD) },
    omit: { passwordHash: false },
  });
}

const mailsTo = (to: string, atLeast = 1) => smtp.mailsTo(to, atLeast);

function tokenOf(mail: ParsedMail): string {
  const link = /https:\/\/books\.example\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
  expect(link, mail.text).not.toBeNull();
  return link![1]!;
}

const ask = (email: string) => requestPasswordResetAction(initialFormState, formOf({ email }));
const reset = (token: string, password = NEW, passwordConfirm = password) =>
  resetPasswordAction(initialFormState, formOf({ token, password, passwordConfirm }));
const passwordHashOf = async (id: number) =>
  (await request.db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } })).passwordHash;

describe("password reset by e-mail", () => {
  it("mails a link that sets a new password once, and ends every session of the account", async () => {
    const user = await account();
    const state = await ask(user.email.toUpperCase());
    expect(state).toEqual({ status: "success", message: t("auth.forgotSent") });
    const [mail, ...more] = await mailsTo(user.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(t("mail.passwordReset.subject", { site: t("site.name") }));
    expect(mail!.html).toContain("https://books.example/reset-password?token=");
    const token = tokenOf(mail!);
    // A session the account has elsewhere (an intruder's, say).
    await request.signInAs(user);
    const elsewhere = request.sessionCookie()!;
    request.signOut();

    expect(await redirectOf(reset(token))).toBe("/login?reset=1");
    const after = await request.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    request.setCookie("next-auth.session-token", elsewhere);
    expect(await getCurrentUser()).toBeNull();
    request.signOut();
    expect(await verifyPassword(await passwordHashOf(user.id), NEW)).toBe(true);
    expect(await verifyPassword(await passwordHashOf(user.id), OLD)).toBe(false);

    // The same link again: refused, and the password stays the new one.
    expect(await reset(token, "a third password!")).toMatchObject({ status: "error", message: t("auth.resetInvalid") });
    expect(await verifyPassword(await passwordHashOf(user.id), NEW)).toBe(true);
  });

  it("a reader who locked themselves out with wrong passwords signs in with the new one at once", async () => {
    const user = await account();
    const signIn = (password: string) => signInAction(initialFormState, formOf({ email: user.email, password }));
    for (let i = 0; i < 5; i++) expect((await signIn(`guess ${i}`)).message).toBe(t("auth.invalidCredentials"));
    expect((await signIn(OLD)).message).toBe(t("auth.tooManyAttempts", { minutes: 15 }));
    await ask(user.email);
    expect(await redirectOf(reset(tokenOf((await mailsTo(user.email))[0]!)))).toBe("/login?reset=1");
    expect(await redirectOf(signIn(NEW))).toBe("/");
  });

  it("answers a form posted without JavaScript with the page that says the link is on its way", async () => {
    const user = await account();
    // A plain form post has no Next-Action header at all.
    (await headers()).delete("next-action");
    expect(await redirectOf(ask(user.email))).toBe("/forgot-password?sent=1");
    expect((await mailsTo(user.email)).length).toBe(1);
  });

  it("answers an unknown or disabled address exactly like a known one, and sends nothing", async () => {
    const disabled = await account({ disabledAt: new Date() });
    const before = smtp.inbox.length;
    for (const email of ["nobody-here@example.test", disabled.email]) {
      expect(await ask(email)).toEqual({ status: "success", message: t("auth.forgotSent") });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.inbox.length).toBe(before);
    expect(await request.db.passwordResetToken.count({ where: { userId: disabled.id } })).toBe(0);
  });

  it("a newer link replaces the older one; an expired link does not work", async () => {
    const user = await account();
    await ask(user.email);
    const first = tokenOf((await mailsTo(user.email, 1))[0]!);
    await ask(user.email);
    const second = tokenOf((await mailsTo(user.email, 2))[1]!);
    expect(second).not.toBe(first);
    expect(await reset(first)).toMatchObject({ status: "error", message: t("auth.resetInvalid") });
    await request.db.passwordResetToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await reset(second)).toMatchObject({ status: "error", message: t("auth.resetInvalid") });
    expect(await verifyPassword(await passwordHashOf(user.id), OLD)).toBe(true);
  });

  it("refuses bad input field by field and changes nothing", async () => {
    const user = await account();
    await ask(user.email);
    const token = tokenOf((await mailsTo(user.email))[0]!);
    const cases: [Record<string, string>, string, string][] = [
      [{ email: "" }, "email", "emailInvalid"],
      [{ email: "not-an-address" }, "email", "emailInvalid"],
      [{ email: `a\u0000b@example.test` }, "email", "invalidCharacter"],
      [{ email: `${"a".repeat(100_000)}@example.test` }, "email", "emailTooLong"],
    ];
    for (const [fields, field, key] of cases) {
      const state = await requestPasswordResetAction(initialFormState, formOf(fields));
      expect(state.status).toBe("error");
      expect(state.fieldErrors?.[field]).toContain(error(key));
    }
    expect((await reset(token, "short")).fieldErrors?.password).toEqual([error("passwordTooShort")]);
    expect((await reset(token, NEW, `${NEW}!`)).fieldErrors?.passwordConfirm).toEqual([error("passwordMismatch")]);
    // A token cut, padded, huge or missing is a link that does not work: said so, with a way to ask again.
    const spent = { status: "error", message: t("auth.resetInvalid"), fieldErrors: {}, values: { token: "" } };
    for (const bad of ["x".repeat(300), "x".repeat(100_000), "not-a-token-at-all", `${token}\u0000`, token.slice(1)]) {
      expect(await reset(bad)).toEqual(spent);
    }
    expect(await resetPasswordAction(initialFormState, formOf({ password: NEW, passwordConfirm: NEW }))).toEqual(spent);
    expect((await reset(token, "")).fieldErrors?.password).toEqual([error("passwordRequired")]);
    expect((await reset(token, "x".repeat(100_000))).fieldErrors?.password).toBeDefined();
    expect((await reset(token, "new\u0000password")).fieldErrors?.password).toEqual([error("invalidCharacter")]);
    expect(await verifyPassword(await passwordHashOf(user.id), OLD)).toBe(true);
    // The link still works after all that.
    expect(await redirectOf(reset(token))).toBe("/login?reset=1");
  });

  it("two posts of the same link at once: one sets the password, the other is told the link is spent", async () => {
    const user = await account();
    await ask(user.email);
    const token = tokenOf((await mailsTo(user.email))[0]!);
    const outcomes = await Promise.allSettled([reset(token, "第一个新密码 one"), reset(token, "第二个新密码 two")]);
    const redirected = outcomes.filter((o) => o.status === "rejected");
    const refused = outcomes.filter((o) => o.status === "fulfilled");
    expect(redirected.length).toBe(1);
    expect(refused.map((o) => (o as PromiseFulfilledResult<{ message?: string }>).value.message)).toEqual([
      t("auth.resetInvalid"),
    ]);
    const hash = await passwordHashOf(user.id);
    expect(
      [await verifyPassword(hash, "第一个新密码 one"), await verifyPassword(hash, "第二个新密码 two")].sort(),
    ).toEqual([false, true]);
  });

  it("limits requests for one address: the fourth within the hour is refused and sends nothing", async () => {
    const user = await account();
    for (let i = 0; i < 3; i++) expect((await ask(user.email)).status).toBe("success");
    await mailsTo(user.email, 3);
    const refused = await ask(user.email);
    expect(refused.status).toBe("error");
    expect(refused.message).toMatch(/\d/);
    await new Promise((r) => setTimeout(r, 300));
    expect((await mailsTo(user.email, 3)).length).toBe(3);
  });

  it("limits requests from one client address across e-mail addresses, and only that client address", async () => {
    const pool = new pg.Pool({ connectionString: request.url, max: 1 });
    const fileLimiter = (globalThis as { shuhaiResetLimiter?: unknown }).shuhaiResetLimiter;
    Object.assign(globalThis, {
      shuhaiResetLimiter: createResetLimiter(pool, { maxPerIp: 2, maxPerEmail: 3, windowMinutes: 60 }),
    });
    try {
      request.setHeader("x-forwarded-for", "198.51.100.9");
      for (const n of [1, 2]) expect((await ask(`spray${n}-${process.pid}@example.test`)).status).toBe("success");
      expect(await ask(`spray3-${process.pid}@example.test`)).toMatchObject({
        status: "error",
        message: t("auth.tooManyAttempts", { minutes: 60 }),
      });
      request.setHeader("x-forwarded-for", "198.51.100.10");
      expect((await ask(`spray3-${process.pid}@example.test`)).status).toBe("success");
    } finally {
      Object.assign(globalThis, { shuhaiResetLimiter: fileLimiter });
      await pool.end();
    }
  });
});
