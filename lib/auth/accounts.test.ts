import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { registerSchema } from "@/lib/validation/auth";
import { changePassword, invalidateSessions, registerAccount } from "./accounts";
import { verifyCredentials } from "./credentials";
import { encodeSessionToken } from "./session-token";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

// authOptions reads the app's Prisma singleton: point it at this file's database.
vi.mock("@/lib/db", () => ({
  get db() {
    return t.db;
  },
}));

const input = (email: string, name = "读者") =>
  registerSchema.parse({ email, name, password: "书海书海书海书海", passwordConfirm: "书海书海书海书海" });

describe("the password hash", () => {
  it("leaves the database only when a query names it: a user read or listed comes without it", async () => {
    await registerAccount(t.db, input("hash@example.com"));
    const row = await t.db.user.findUniqueOrThrow({ where: { email: "hash@example.com" } });
    expect(row).not.toHaveProperty("passwordHash");
    expect((await t.db.user.findMany()).some((u) => "passwordHash" in u)).toBe(false);
    const asked = await t.db.user.findUniqueOrThrow({ where: { id: row.id }, select: { passwordHash: true } });
    expect(asked.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe("registerAccount", () => {
  it("creates a reader with an argon2id hash, whatever the form claimed", async () => {
    const r = await registerAccount(t.db, input("First@Example.com", "\u202Efirst\u200B"));
    expect(r.ok).toBe(true);
    const row = await t.db.user.findUniqueOrThrow({
      where: { email: "first@example.com" },
      omit: { passwordHash: false },
    });
    expect(row).toMatchObject({ name: "first", role: "READER", sessionVersion: 0 });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("refuses the same address in another letter case as a field error", async () => {
    expect(await registerAccount(t.db, input("FIRST@example.COM"))).toEqual({
      ok: false,
      field: "email",
      error: "emailTaken",
    });
  });
});

describe("changePassword and sessionVersion", () => {
  it("checks the current password, then bumps the version", async () => {
    const r = await registerAccount(t.db, input("mover@example.com"));
    if (!r.ok) throw new Error("setup");
    expect(await changePassword(t.db, r.user.id, { currentPassword: "wrong", newPassword: "new password" })).toEqual({
      ok: false,
      field: "currentPassword",
      error: "currentPasswordWrong",
    });
    const changed = await changePassword(t.db, r.user.id, {
      currentPassword: "书海书海书海书海",
      newPassword: "new password",
    });
    expect(changed.ok && changed.user.sessionVersion).toBe(1);
    expect(await verifyCredentials(t.db, "mover@example.com", "书海书海书海书海")).toBeNull();
    expect(await verifyCredentials(t.db, "mover@example.com", "new password")).toMatchObject({ sessionVersion: 1 });
  });

  it("makes a session issued at an older version useless at once", async () => {
    const { authOptions } = await import("./options");
    const jwt = authOptions.callbacks!.jwt!;
    const r = await registerAccount(t.db, input("session@example.com", "会话"));
    if (!r.ok) throw new Error("setup");
    const token = { userId: r.user.id, role: r.user.role, sessionVersion: r.user.sessionVersion, name: "会话" };
    // A current session is accepted (and refreshed from the database).
    await expect(jwt({ token, trigger: undefined } as never)).resolves.toMatchObject({ userId: r.user.id });
    expect(await encodeSessionToken(r.user)).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/);

    await invalidateSessions(t.db, r.user.id);
    await expect(jwt({ token } as never)).rejects.toThrow("stale session");

    // Disabling the account ends it too, even at the current version.
    const fresh = { ...token, sessionVersion: 1 };
    await expect(jwt({ token: fresh } as never)).resolves.toBeTruthy();
    await t.db.user.update({ where: { id: r.user.id }, data: { disabledAt: new Date() } });
    await expect(jwt({ token: fresh } as never)).rejects.toThrow("stale session");
  });
});
