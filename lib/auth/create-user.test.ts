import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createUser, setUserPassword } from "./create-user";
import { verifyCredentials } from "./credentials";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

function runUserCreate(
  args: string[],
  stdin: string,
  script = "scripts/user-create.ts",
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), script, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.url, NODE_ENV: "test" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.stdin.end(stdin);
    child.on("exit", (code) => resolve({ code: code ?? 1, out }));
  });
}

describe("user:create", () => {
  it("creates an administrator with the password read from stdin", async () => {
    const r = await runUserCreate(["--email", "Ops@Example.com", "--role", "admin"], "管理员的密码 2026\n");
    expect(r.out).toContain("created ADMIN ops@example.com");
    expect(r.code).toBe(0);
    expect(await verifyCredentials(t.db, "ops@example.com", "管理员的密码 2026")).toMatchObject({
      role: "ADMIN",
      name: "Ops",
    });
  }, 60_000);

  it("refuses a short password, a taken address and an unknown role", async () => {
    expect(
      await createUser(t.db, { email: "x@example.com", name: "x", password: "short", role: "ADMIN" }),
    ).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^password: /)],
    });
    expect(
      await createUser(t.db, { email: "OPS@example.com", name: "x", password: "long enough", role: "ADMIN" }),
    ).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^email: /)],
    });
    const bad = await runUserCreate(["--email", "y@example.com", "--role", "root"], "long enough\n");
    expect(bad.code).toBe(2);
  }, 60_000);
});

describe("user:set-password", () => {
  it("sets the password and ends the account's sessions", async () => {
    const created = await createUser(t.db, {
      email: "forgot@example.com",
      name: "健忘",
      password: "the old password",
      role: "AUTHOR",
    });
    if (!created.ok) throw new Error(created.errors.join());
    const r = await runUserCreate(["--email", "Forgot@Example.com"], "新的密码 2026\n", "scripts/user-set-password.ts");
    expect(r.out).toContain("new password for forgot@example.com");
    expect(r.code).toBe(0);
    expect(await verifyCredentials(t.db, "forgot@example.com", "the old password")).toBeNull();
    expect(await verifyCredentials(t.db, "forgot@example.com", "新的密码 2026")).toMatchObject({
      role: "AUTHOR",
      sessionVersion: created.user.sessionVersion + 1,
    });
  }, 60_000);

  it("refuses an unknown address and a weak password, changing nothing", async () => {
    expect(await setUserPassword(t.db, { email: "nobody@example.com", password: "long enough" })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^email: /)],
    });
    expect(await setUserPassword(t.db, { email: "forgot@example.com", password: "short" })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^password: /)],
    });
    expect(await verifyCredentials(t.db, "forgot@example.com", "新的密码 2026")).not.toBeNull();
    const usage = await runUserCreate([], "x\n", "scripts/user-set-password.ts");
    expect(usage.code).toBe(2);
  }, 60_000);
});
