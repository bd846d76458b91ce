import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSessionToken, SESSION_COOKIE } from "@/lib/auth/session-token";
import { settleForwardedHeaders, trustedProxies } from "./forwarded";
import { createWriteCounter, createWriteGuard } from "./write-limit";

const MINUTE = 60_000;

describe("write counter", () => {
  it("allows maxPerWindow writes per key in a window, then refuses until the window ends", () => {
    const counter = createWriteCounter({ maxPerWindow: 3, windowMs: MINUTE, maxKeys: 100 });
    for (let i = 0; i < 3; i++) expect(counter.take(["a"], 1000 + i)).toEqual({ allowed: true });
    expect(counter.take(["a"], 2000)).toEqual({ allowed: false, retryAfterMs: MINUTE - 1000 });
    expect(counter.take(["b"], 2000)).toEqual({ allowed: true });
    expect(counter.take(["a"], 1000 + MINUTE)).toEqual({ allowed: true });
  });

  it("refuses when any key is over, and then counts none of them", () => {
    const counter = createWriteCounter({ maxPerWindow: 2, windowMs: MINUTE, maxKeys: 100 });
    counter.take(["account:1"], 0);
    counter.take(["account:1"], 0);
    expect(counter.take(["address:x", "account:1"], 0).allowed).toBe(false);
    // address:x was not counted by the refused write: two more pass.
    expect(counter.take(["address:x"], 0).allowed).toBe(true);
    expect(counter.take(["address:x"], 0).allowed).toBe(true);
    expect(counter.take(["address:x"], 0).allowed).toBe(false);
  });

  it("keeps at most maxKeys counters, forgetting the oldest windows first", () => {
    const counter = createWriteCounter({ maxPerWindow: 1, windowMs: MINUTE, maxKeys: 2 });
    counter.take(["a"], 0);
    counter.take(["b"], 1);
    counter.take(["c"], 2);
    // a was forgotten, so it may write again; b and c are still counted.
    expect(counter.take(["a"], 3).allowed).toBe(true);
    expect(counter.take(["c"], 3).allowed).toBe(false);
  });
});

// The guard on a real server, behind the site's own forwarding rules: this test talks from
// 127.0.0.1, a trusted proxy, so its X-Forwarded-For names the client as nginx would.
describe("write guard", () => {
  let server: http.Server;
  let origin: string;
  let handled = 0;

  beforeAll(async () => {
    const trusted = trustedProxies(undefined);
    const writes = createWriteGuard({ maxPerMinute: 5 });
    server = http.createServer((req, res) => {
      settleForwardedHeaders(req, trusted);
      writes.pass(req, res, (_req, answer) => {
        handled++;
        answer.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (path: string, headers: Record<string, string>, method = "POST") =>
    fetch(origin + path, { method, headers, body: method === "GET" ? undefined : "{}" });

  it("answers the sixth write a minute from one address 429, with Retry-After and a message, before the handler", async () => {
    const from = { "x-forwarded-for": "203.0.113.7" };
    const before = handled;
    for (let i = 0; i < 5; i++) expect((await send("/api/views", from)).status).toBe(204);
    const refused = await send("/api/views", from);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("cache-control")).toBe("private, no-store");
    expect(refused.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await refused.json()) as unknown).toEqual({ error: expect.stringMatching(/\d/) });
    expect(handled - before).toBe(5);

    // A server action (a POST to a page) is refused in plain text; PUT, PATCH, DELETE count too.
    const action = await send("/dashboard/books/new", from);
    expect([action.status, action.headers.get("content-type")]).toEqual([429, "text/plain; charset=utf-8"]);
    for (const method of ["PUT", "PATCH", "DELETE"]) expect((await send("/api/shelf", from, method)).status).toBe(429);
  });

  it("leaves other addresses and every read alone", async () => {
    const from = { "x-forwarded-for": "203.0.113.8" };
    for (let i = 0; i < 5; i++) await send("/api/progress", from);
    expect((await send("/api/progress", from)).status).toBe(429);
    expect((await send("/api/progress", { "x-forwarded-for": "203.0.113.9" })).status).toBe(204);
    for (let i = 0; i < 20; i++) expect((await send("/book/1", from, "GET")).status).toBe(204);
  });

  it("counts a signed-in account across addresses; a forged session cookie counts only the address", async () => {
    const token = await encodeSessionToken({
      id: 4242,
      name: "读者",
      email: "r@x.test",
      role: "READER",
      sessionVersion: 0,
    });
    const signedIn = (i: number) => ({ "x-forwarded-for": `198.51.100.${i}`, cookie: `${SESSION_COOKIE}=${token}` });
    for (let i = 1; i <= 5; i++) expect((await send("/api/shelf", signedIn(i))).status).toBe(204);
    expect((await send("/api/shelf", signedIn(6))).status).toBe(429);

    const forged = (i: number) => ({ "x-forwarded-for": `192.0.2.${i}`, cookie: `${SESSION_COOKIE}=not-a-token` });
    for (let i = 1; i <= 10; i++) expect((await send("/api/shelf", forged(i))).status).toBe(204);
  });
});
