import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COOKIE_CACHE_CONTROL, keepCookiesPrivate } from "./private-cookies";

// A real server: each path answers the way one of the site's handlers does (Next sets headers
// one by one and lets Node write them; the reader and next-auth's responses pass them to writeHead).
const answers: Record<string, (res: http.ServerResponse) => void> = {
  "/set-then-end": (res) => {
    res.setHeader("Cache-Control", "s-maxage=3600, stale-while-revalidate");
    res.setHeader("Set-Cookie", ["a=1; Path=/", "b=2; Path=/"]);
    res.end("ok");
  },
  "/write-head-object": (res) => {
    res.writeHead(200, { "cache-control": "public, max-age=60", "set-cookie": "a=1; Path=/" }).end("ok");
  },
  "/write-head-reason": (res) => {
    res.setHeader("Cache-Control", "public, s-maxage=1");
    res.writeHead(302, "Found", { Location: "/", "Set-Cookie": "a=1" }).end();
  },
  "/write-head-pairs": (res) => {
    res.writeHead(200, [
      ["Cache-Control", "public, max-age=60"],
      ["Set-Cookie", "a=1"],
      ["Set-Cookie", "b=2"],
    ]);
    res.end("ok");
  },
  "/write-head-flat": (res) => {
    res.writeHead(200, ["Cache-Control", "public, max-age=60", "Set-Cookie", "a=1"]).end("ok");
  },
  "/streamed": (res) => {
    res.setHeader("Cache-Control", "s-maxage=3600");
    res.setHeader("Set-Cookie", "a=1");
    res.write("first");
    res.end("second");
  },
  "/no-cookie": (res) => {
    res.writeHead(200, { "Cache-Control": "public, s-maxage=1" }).end("ok");
  },
  "/no-cookie-set-header": (res) => {
    res.setHeader("Cache-Control", "public, max-age=0, s-maxage=1");
    res.end("ok");
  },
};

let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    keepCookiesPrivate(res);
    answers[req.url ?? ""]!(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(path: string) {
  const res = await fetch(origin + path, { redirect: "manual" });
  await res.arrayBuffer();
  return { status: res.status, cacheControl: res.headers.get("cache-control"), cookies: res.headers.getSetCookie() };
}

describe("keepCookiesPrivate", () => {
  it.each(["/set-then-end", "/write-head-object", "/write-head-pairs", "/write-head-flat", "/streamed"])(
    "a response setting a cookie (%s) is private, no-store, with one Cache-Control, and keeps its cookies",
    async (path) => {
      const answer = await get(path);
      expect(answer.status).toBe(200);
      expect(answer.cacheControl).toBe(COOKIE_CACHE_CONTROL);
      expect(answer.cookies.length).toBeGreaterThan(0);
    },
  );

  it("keeps both cookies of a list, and a redirect's status, reason and location", async () => {
    expect((await get("/set-then-end")).cookies).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect((await get("/write-head-pairs")).cookies).toEqual(["a=1", "b=2"]);
    const res = await fetch(`${origin}/write-head-reason`, { redirect: "manual" });
    expect([res.status, res.statusText, res.headers.get("location")]).toEqual([302, "Found", "/"]);
    expect(res.headers.get("cache-control")).toBe(COOKIE_CACHE_CONTROL);
  });

  it("leaves a response without a cookie as its handler said", async () => {
    expect((await get("/no-cookie")).cacheControl).toBe("public, s-maxage=1");
    expect((await get("/no-cookie-set-header")).cacheControl).toBe("public, max-age=0, s-maxage=1");
  });
});
