import { describe, expect, it, vi } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { getCurrentUser } from "@/lib/auth/session";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { getT } from "@/lib/i18n/messages";
import { AUTH_MESSAGE_VALUES } from "@/lib/validation/auth";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { createUser } from "@/lib/test/fixtures";
import { changePasswordAction, registerAction, signInAction, signOutAction, signOutEverywhereAction } from "./auth";
import { initialFormState } from "./form-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

const request = setUpActionRequests();
const t = getT();
const error = (key: string) => t(`auth.errors.${key}` as never, AUTH_MESSAGE_VALUES as never);
const PASSWORD = "correct horse 书海";

let sequence = 0;
async function accountWithPassword(data: { disabledAt?: Date; role?: "READER" | "AUTHOR" | "ADMIN" } = {}) {
  const email = `reader${++sequence}@example.test`;
  const user = await createUser(request.db, { role: "READER", ...data });
  return request.db.user.update({
    where: { id: user.id },
    data: { email, passwordHash: await hashPassword(PASSWORD) },
  });
}

async function sessionUserId(): Promise<number | null> {
  return (await decodeSessionToken(request.sessionCookie()))?.userId ?? null;
}

describe("registerAction", () => {
  const valid = {
    email: "New.Reader@Example.test",
    name: "  新  读者 ",
    password: "密码是八个字符吗",
    passwordConfirm: "密码是八个字符吗",
    next: "/book/1",
  };

  it("creates a READER with an argon2id hash, signs them in and goes to `next`", async () => {
    expect(await redirectOf(registerAction(initialFormState, formOf(valid)))).toBe("/book/1");
    const user = await request.db.user.findUniqueOrThrow({
      where: { email: "new.reader@example.test" },
      omit: { passwordHash: false },
    });
    expect(user).toMatchObject({ name: "新 读者", role: "READER", sessionVersion: 0 });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, valid.password)).toBe(true);
    expect(await sessionUserId()).toBe(user.id);
    expect((await getCurrentUser())?.id).toBe(user.id);
  });

  it("refuses an address taken in another letter case, and creates nothing", async () => {
    const before = await request.db.user.count();
    const state = await registerAction(
      initialFormState,
      formOf({ ...valid, email: "NEW.READER@example.TEST", name: "另一个" }),
    );
    expect(state).toMatchObject({ status: "error", fieldErrors: { email: [error("emailTaken")] } });
    expect(state.values).toEqual({ email: "NEW.READER@example.TEST", name: "另一个", next: "/book/1" });
    expect(await request.db.user.count()).toBe(before);
    expect(request.sessionCookie()).toBeUndefined();
  });

  it("ignores no forged field: a `role` field refuses the whole form", async () => {
    const state = await registerAction(
      initialFormState,
      formOf({ ...valid, email: "forger@example.test", role: "ADMIN" }),
    );
    expect(state).toMatchObject({ status: "error", fieldErrors: { role: [error("unknownField")] } });
    expect(await request.db.user.findUnique({ where: { email: "forger@example.test" } })).toBeNull();
  });

  it.each([
    ["a zero-width-only name", { name: "\u200B\u200B" }, "name", "nameRequired"],
    ["a name of 31 characters", { name: "书".repeat(31) }, "name", "nameTooLong"],
    ["NUL in the name", { name: "作\u0000者" }, "name", "invalidCharacter"],
    [
      "a 7-character password",
      { password: "密码七个字符了", passwordConfirm: "密码七个字符了" },
      "password",
      "passwordTooShort",
    ],
    [
      "a password of 129 characters",
      { password: "a".repeat(129), passwordConfirm: "a".repeat(129) },
      "password",
      "passwordTooLong",
    ],
    [
      "a password over the byte cap",
      { password: "书".repeat(200), passwordConfirm: "书".repeat(200) },
      "password",
      "passwordTooManyBytes",
    ],
    ["a confirmation that differs", { passwordConfirm: "密码是九个字符吗？" }, "passwordConfirm", "passwordMismatch"],
    ["an address that is not one", { email: "not-an-address" }, "email", "emailInvalid"],
  ])("refuses %s with a message on that field", async (_, change, field, key) => {
    const before = await request.db.user.count();
    const state = await registerAction(
      initialFormState,
      formOf({ ...valid, email: `x${++sequence}@example.test`, ...change }),
    );
    expect(state.status).toBe("error");
    expect(state.fieldErrors?.[field]).toContain(error(key));
    expect(await request.db.user.count()).toBe(before);
  });

  it("strips bidi controls and zero-width characters from the display name", async () => {
    const form = formOf({ ...valid, email: "bidi@example.test", name: "evil\u202Egnp\u200B.exe" });
    expect(await redirectOf(registerAction(initialFormState, form))).toBe("/book/1");
    const user = await request.db.user.findUniqueOrThrow({
      where: { email: "bidi@example.test" },
      omit: { passwordHash: false },
    });
    expect(user.name).toBe("evilgnp.exe");
  });

  it("cannot receive a lone surrogate: a form post carries U+FFFD in its place, consistently", async () => {
    const form = formOf({
      ...valid,
      email: "surrogate@example.test",
      password: "abc\uD800defgh",
      passwordConfirm: "abc\uD800defgh",
    });
    expect(form.get("password")).toBe("abc\uFFFDdefgh");
    expect(await redirectOf(registerAction(initialFormState, form))).toBe("/book/1");
    request.signOut();
    const again = formOf({ email: "surrogate@example.test", password: "abc\uD800defgh" });
    expect(await redirectOf(signInAction(initialFormState, again))).toBe("/");
  });

  it("never redirects off the site after registering", async () => {
    const to = await redirectOf(
      registerAction(initialFormState, formOf({ ...valid, email: "next@example.test", next: "//evil.example/" })),
    );
    expect(to).toBe("/");
  });
});

describe("signInAction", () => {
  it("signs in with the right password (address in any case) and goes to `next`", async () => {
    const user = await accountWithPassword();
    const to = await redirectOf(
      signInAction(initialFormState, formOf({ email: user.email.toUpperCase(), password: PASSWORD, next: "/shelf" })),
    );
    expect(to).toBe("/shelf");
    expect(await sessionUserId()).toBe(user.id);
  });

  it("gives a wrong password, an unknown address and a disabled account the same answer", async () => {
    const user = await accountWithPassword();
    const disabled = await accountWithPassword({ disabledAt: new Date() });
    const answers = await Promise.all([
      signInAction(initialFormState, formOf({ email: user.email, password: "wrong password" })),
      signInAction(initialFormState, formOf({ email: "nobody@example.test", password: PASSWORD })),
      signInAction(initialFormState, formOf({ email: disabled.email, password: PASSWORD })),
    ]);
    for (const state of answers)
      expect(state).toMatchObject({ status: "error", message: t("auth.invalidCredentials") });
    expect(request.sessionCookie()).toBeUndefined();
  });

  it("limits attempts per account with a clear message, even for the right password", async () => {
    const user = await accountWithPassword();
    for (let i = 0; i < 5; i++) {
      const state = await signInAction(initialFormState, formOf({ email: user.email, password: `wrong ${i}` }));
      expect(state.message).toBe(t("auth.invalidCredentials"));
    }
    const state = await signInAction(initialFormState, formOf({ email: user.email, password: PASSWORD }));
    expect(state).toMatchObject({ status: "error", message: t("auth.tooManyAttempts", { minutes: 15 }) });
    expect(request.sessionCookie()).toBeUndefined();
  });

  it("refuses forged fields and malformed input without touching the limiter", async () => {
    const user = await accountWithPassword();
    const forged = await signInAction(
      initialFormState,
      formOf({ email: user.email, password: PASSWORD, userId: String(user.id) }),
    );
    expect(forged.fieldErrors?.userId).toEqual([error("unknownField")]);
    const nul = await signInAction(initialFormState, formOf({ email: user.email, password: "pass\u0000word" }));
    expect(nul.fieldErrors?.password).toEqual([error("invalidCharacter")]);
    const file = await signInAction(
      initialFormState,
      formOf({ email: user.email, password: new File(["x"], "password.txt") }),
    );
    expect(file.status).toBe("error");
    // None of these counted as attempts: the right password still works.
    expect(await redirectOf(signInAction(initialFormState, formOf({ email: user.email, password: PASSWORD })))).toBe(
      "/",
    );
  });
});

describe("changePasswordAction", () => {
  const form = (current: string, next = "a new password 新") =>
    formOf({ currentPassword: current, newPassword: next, newPasswordConfirm: next });

  it("sends a signed-out visitor to sign in", async () => {
    expect(await redirectOf(changePasswordAction(initialFormState, form(PASSWORD)))).toBe("/login?next=%2Faccount");
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await accountWithPassword();
    await request.signInAs(user);
    const state = await changePasswordAction(initialFormState, form("not my password"));
    expect(state.fieldErrors?.currentPassword).toEqual([error("currentPasswordWrong")]);
    const after = await request.db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(after.sessionVersion).toBe(user.sessionVersion);
    expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(true);
  });

  it("changes the password, ends every other session and keeps this one", async () => {
    const user = await accountWithPassword();
    await request.signInAs(user);
    const otherDevice = request.sessionCookie()!;

    const state = await changePasswordAction(initialFormState, form(PASSWORD));
    expect(state).toMatchObject({ status: "success", message: t("auth.passwordChanged") });
    const after = await request.db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(after.passwordHash, "a new password 新")).toBe(true);
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect((await decodeSessionToken(request.sessionCookie()))?.sessionVersion).toBe(after.sessionVersion);

    // The old cookie (another device) no longer signs anyone in.
    request.setCookie("next-auth.session-token", otherDevice);
    expect(await getCurrentUser()).toBeNull();
  });

  it("limits guesses of the current password like sign-in attempts", async () => {
    const user = await accountWithPassword();
    await request.signInAs(user);
    for (let i = 0; i < 5; i++) {
      const state = await changePasswordAction(initialFormState, form(`guess ${i}`));
      expect(state.fieldErrors?.currentPassword).toEqual([error("currentPasswordWrong")]);
    }
    const state = await changePasswordAction(initialFormState, form(PASSWORD));
    expect(state).toMatchObject({ status: "error", message: t("auth.tooManyAttempts", { minutes: 15 }) });
    const after = await request.db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(true);
  });

  it("refuses a forged userId field: only the session says whose password changes", async () => {
    const victim = await accountWithPassword();
    const user = await accountWithPassword();
    await request.signInAs(user);
    const form = formOf({
      currentPassword: PASSWORD,
      newPassword: "taken over 12345",
      newPasswordConfirm: "taken over 12345",
      userId: String(victim.id),
    });
    const state = await changePasswordAction(initialFormState, form);
    expect(state.fieldErrors?.userId).toEqual([error("unknownField")]);
    const after = await request.db.user.findUniqueOrThrow({ where: { id: victim.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(true);
  });
});

describe("signing out", () => {
  it("signOutAction clears this browser's cookie only", async () => {
    const user = await accountWithPassword();
    await request.signInAs(user);
    expect(await redirectOf(signOutAction(formOf({})))).toBe("/");
    expect(request.sessionCookie()).toBeUndefined();
    const after = await request.db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(after.sessionVersion).toBe(user.sessionVersion);
  });

  it("signOutEverywhereAction ends every session of the account at once", async () => {
    const user = await accountWithPassword();
    await request.signInAs(user);
    const elsewhere = request.sessionCookie()!;
    expect(await redirectOf(signOutEverywhereAction(formOf({})))).toBe("/login");
    expect(request.sessionCookie()).toBeUndefined();
    request.setCookie("next-auth.session-token", elsewhere);
    expect(await getCurrentUser()).toBeNull();
  });

  it("a disabled account's open session stops working", async () => {
    const user = await accountWithPassword({ role: "AUTHOR" });
    await request.signInAs(user);
    expect((await getCurrentUser())?.id).toBe(user.id);
    await request.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await getCurrentUser()).toBeNull();
  });
});
