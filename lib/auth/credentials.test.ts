import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { verifyCredentials, signInWithPassword } from "./credentials";
import { hashPassword } from "./password";
import { clientIp, createLoginLimiter, createRegisterLimiter } from "./rate-limit";

let t: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  // Dropping the test database at the end terminates connections that are still closing; that
  // late FATAL is expected then and must not surface as an unhandled error.
  pool.on("connect", (client) => client.on("error", () => {}));
  await t.db.user.create({
    data: { email: "reader@example.com", name: "读者", passwordHash: await hashPassword("right password") },
  });
  await t.db.user.create({
    data: {
      email: "gone@example.com",
      name: "停用",
      passwordHash: await hashPassword("right password"),
      disabledAt: new Date(),
    },
  });
});
afterAll(async () => {
  await pool.end();
  await t.drop();
});

async function timed<T>(run: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

describe("verifyCredentials", () => {
  it("returns the user for the right password", async () => {
    expect(await verifyCredentials(t.db, "reader@example.com", "right password")).toMatchObject({
      email: "reader@example.com",
      role: "READER",
      sessionVersion: 0,
    });
  });

  it("gives unknown account, wrong password and disabled account the same answer in about the same time", async () => {
    const unknown = () => verifyCredentials(t.db, "nobody@example.com", "right password");
    const wrong = () => verifyCredentials(t.db, "reader@example.com", "wrong password");
    const disabled = () => verifyCredentials(t.db, "gone@example.com", "right password");
    expect(await unknown()).toBeNull();
    expect(await wrong()).toBeNull();
    expect(await disabled()).toBeNull();

    // The fastest of several runs: load on the machine only ever adds time, so minimums compare
    // the work done rather than the noise.
    const fastest = async (run: () => Promise<unknown>) => {
      const times = [];
      for (let i = 0; i < 7; i++) times.push(await timed(run));
      return Math.min(...times);
    };
    const [u, w] = [await fastest(unknown), await fastest(wrong)];
    // Both do one argon2id verification (tens of ms); a skipped hash would take ~1 ms.
    expect(u).toBeGreaterThan(w / 3);
    expect(u).toBeLessThan(w * 3);
  });
});

describe("sign-in limits", () => {
  it("refuses an account from an address after N attempts and reports the wait; its owner elsewhere signs in", async () => {
    const limiter = createLoginLimiter(pool, { maxPerAccount: 3, maxPerIp: 100, windowMinutes: 15 });
    const attempt = (password: string, ip = "203.0.113.1") =>
      signInWithPassword(t.db, limiter, { email: "reader@example.com", password, ip });
    for (let i = 0; i < 3; i++) expect(await attempt("wrong password")).toEqual({ ok: false, reason: "invalid" });
    // Wrong passwords sent from one address do not lock the owner out from another.
    expect((await attempt("right password", "198.51.100.7")).ok).toBe(true);
    const refused = await attempt("right password");
    expect(refused.ok === false && refused.reason).toBe("rate-limited");
    if (refused.ok || refused.reason !== "rate-limited") throw new Error("unreachable");
    expect(refused.retryAfterMs).toBeGreaterThan(14 * 60_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(15 * 60_000);
    // Counters live in the shared table, under hashed keys only.
    const { rows } = await pool.query<{ key: string }>(`SELECT key FROM "RateLimit"`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.key.includes("reader") || r.key.includes("203.0.113"))).toBe(false);
  });

  it("refuses an address after N attempts across accounts; success resets the account", async () => {
    const limiter = createLoginLimiter(pool, { maxPerAccount: 100, maxPerIp: 3, windowMinutes: 1 });
    const ip = "192.0.2.9";
    expect(
      (await signInWithPassword(t.db, limiter, { email: "reader@example.com", password: "right password", ip })).ok,
    ).toBe(true);
    for (const email of ["a@example.com", "b@example.com", "c@example.com"]) {
      expect(await signInWithPassword(t.db, limiter, { email, password: "x", ip })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const refused = await signInWithPassword(t.db, limiter, { email: "d@example.com", password: "x", ip });
    expect(refused).toMatchObject({ ok: false, reason: "rate-limited" });
    // Another shared-store instance sees the same counters.
    const other = createLoginLimiter(pool, { maxPerAccount: 100, maxPerIp: 3, windowMinutes: 1 });
    expect(await other.consume("e@example.com", ip)).toMatchObject({ allowed: false });
  });

  it("limits new accounts per address, apart from other addresses and from sign-in", async () => {
    const limiter = createRegisterLimiter(pool, { maxPerIp: 2, windowMinutes: 60 });
    expect(await limiter.consume("203.0.113.50")).toEqual({ allowed: true });
    expect(await limiter.consume("203.0.113.50")).toEqual({ allowed: true });
    const refused = await limiter.consume("203.0.113.50");
    expect(refused.allowed).toBe(false);
    if (refused.allowed) throw new Error("unreachable");
    expect(refused.retryAfterMs).toBeGreaterThan(59 * 60_000);
    expect(await limiter.consume("203.0.113.51")).toEqual({ allowed: true });
    const signIn = createLoginLimiter(pool, { maxPerAccount: 5, maxPerIp: 5, windowMinutes: 15 });
    expect(await signIn.consume("new@example.com", "203.0.113.50")).toEqual({ allowed: true });
  });

  it("keys the address on the last X-Forwarded-For hop", () => {
    expect(clientIp("203.0.113.5")).toBe("203.0.113.5");
    expect(clientIp("10.9.9.9, 203.0.113.5")).toBe("203.0.113.5");
    expect(clientIp(null)).toBe("unknown");
  });
});
