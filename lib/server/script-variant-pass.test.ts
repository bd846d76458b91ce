import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpGet } from "@/lib/test/http-get";
import { createScriptVariantPass } from "./script-variant-pass";

// The 繁體 / 简体 pass in front of a stand-in for Next that answers the way Next's server writes
// (headers set one by one or with writeHead, the body in chunks): what a browser gets back.

type Seen = { url: string; ifNoneMatch?: string; acceptEncoding?: string };

const SITE = "https://novels.example";
let seen: Seen[] = [];
let pages: Record<string, { type: string; etag?: string; body: string }> = {};

function fakeNext(req: IncomingMessage, res: ServerResponse) {
  seen.push({
    url: req.url!,
    ifNoneMatch: req.headers["if-none-match"],
    acceptEncoding: req.headers["accept-encoding"],
  });
  if (req.url === "/book/12/") {
    res.writeHead(308, { Location: "/book/12" }).end();
    return;
  }
  if (req.url === "/book/12/review") {
    res.writeHead(307, { Location: "/login?next=%2Fbook%2F12%2Freview" }).end();
    return;
  }
  const page = pages[req.url!.split("?")[0]!];
  if (!page) {
    res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" }).end("<p>找不到</p>");
    return;
  }
  if (page.etag && req.headers["if-none-match"] === page.etag) {
    res.statusCode = 304;
    res.setHeader("ETag", page.etag);
    res.end();
    return;
  }
  res.setHeader("Content-Type", page.type);
  res.setHeader("Vary", "RSC, Next-Router-State-Tree");
  if (page.etag) res.setHeader("ETag", page.etag);
  res.writeHead(200, { "Cache-Control": "s-maxage=1800", "Content-Length": String(Buffer.byteLength(page.body)) });
  // In two chunks, split inside a character.
  const bytes = Buffer.from(page.body);
  res.write(bytes.subarray(0, 7));
  res.end(bytes.subarray(7));
}

let server: http.Server;
let port: number;

beforeAll(async () => {
  const pass = createScriptVariantPass({ next: fakeNext, siteUrl: SITE, maxBytes: 1024 * 1024, enabled: true });
  server = http.createServer((req, res) => {
    if (!pass.handle(req, res)) fakeNext(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  httpGet(port, path, headers, method);

const BOOK = `<html lang="zh-CN"><head><link rel="canonical" href="${SITE}/book/7"></head><body><h1>剑来后传</h1><a href="/book/7/toc">目录</a></body></html>`;

describe("a variant of one of Next's pages", () => {
  it("is the page as written, converted, with its links, address and validator in the variant", async () => {
    seen = [];
    pages = { "/book/7": { type: "text/html; charset=utf-8", etag: '"abc"', body: BOOK } };
    const got = await get("/zh-hant/book/7?from=x", { "accept-encoding": "gzip" });
    expect(got.status).toBe(200);
    expect(got.text).toBe(
      `<html lang="zh-Hant"><head><link rel="canonical" href="${SITE}/zh-hant/book/7"></head><body><h1>劍來後傳</h1><a href="/zh-hant/book/7/toc">目錄</a></body></html>`,
    );
    expect(got.headers["content-encoding"]).toBe("gzip");
    expect(got.headers["content-language"]).toBe("zh-Hant");
    expect(got.headers.etag).toBe('"hant-abc"');
    expect(got.headers.vary).toBe("RSC, Next-Router-State-Tree, Accept-Encoding");
    expect(got.headers["cache-control"]).toBe("s-maxage=1800");
    // Next was asked for the page as written, uncompressed.
    expect(seen).toEqual([{ url: "/book/7?from=x", ifNoneMatch: undefined, acceptEncoding: undefined }]);

    const plain = await get("/zh-hans/book/7");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(Buffer.byteLength(plain.text));
    expect(plain.text).toContain('<a href="/zh-hans/book/7/toc">目录</a>');
  });

  it("is converted once per version of the page: kept by Next's ETag, made again when it changes", async () => {
    pages = { "/book/8": { type: "text/html; charset=utf-8", etag: '"v1"', body: "<p>后来</p>" } };
    expect((await get("/zh-hant/book/8")).text).toBe("<p>後來</p>");
    // Same ETag, so the kept conversion (a stand-in whose body changes without its ETag shows it).
    pages["/book/8"]!.body = "<p>后来又变了</p>";
    expect((await get("/zh-hant/book/8")).text).toBe("<p>後來</p>");
    pages["/book/8"] = { type: "text/html; charset=utf-8", etag: '"v2"', body: "<p>后来又变了</p>" };
    expect((await get("/zh-hant/book/8")).text).toBe("<p>後來又變了</p>");
  });

  it("revalidates with Next's own validator and answers 304", async () => {
    pages = { "/book/9": { type: "text/html; charset=utf-8", etag: 'W/"q9"', body: "<p>书</p>" } };
    const first = await get("/zh-hant/book/9");
    expect(first.headers.etag).toBe('W/"hant-q9"');
    seen = [];
    const again = await get("/zh-hant/book/9", { "if-none-match": 'W/"hant-q9"' });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.etag).toBe('W/"hant-q9"');
    expect(seen[0]!.ifNoneMatch).toBe('W/"q9"');
  });

  it("converts a client-side navigation's flight data, and passes other answers through untouched", async () => {
    pages = {
      "/book/10/toc": {
        type: "text/x-component",
        body: '1:["$","a",null,{"href":"/book/10/1","children":"第一章 后来"}]\n',
      },
      "/book/10/data": { type: "application/json", body: '{"title":"后来","href":"/book/10"}' },
    };
    expect((await get("/zh-hant/book/10/toc?_rsc=abc", { rsc: "1" })).text).toBe(
      '1:["$","a",null,{"href":"/zh-hant/book/10/1","children":"第一章 後來"}]\n',
    );
    expect((await get("/zh-hant/book/10/data")).text).toBe('{"title":"后来","href":"/book/10"}');
    const missing = await get("/zh-hant/book/11");
    expect(missing.status).toBe(404);
    expect(missing.text).toBe("<p>找不到</p>");
  });

  it("keeps a redirect to another page of the catalogue in the variant", async () => {
    expect((await get("/zh-hant/book/12/")).headers.location).toBe("/zh-hant/book/12");
    expect((await get("/zh-hant/book/12/review")).headers.location).toBe("/login?next=%2Fbook%2F12%2Freview");
  });

  it("sends addresses without variants back to the page as written", async () => {
    for (const path of ["/zh-hant/dashboard", "/zh-hans/login?next=/book/1", "/zh-hant/book/7/cover.svg"]) {
      const got = await get(path);
      expect(got.status, path).toBe(308);
      expect(got.headers.location, path).toBe(path.replace(/^\/zh-han[st]/, ""));
    }
    expect((await get("/zh-hant/api/shelf", {}, "POST")).status).toBe(404);
  });

  it("is off on a site whose UI is not Chinese", async () => {
    const pass = createScriptVariantPass({ next: fakeNext, siteUrl: SITE, maxBytes: 1024, enabled: false });
    const req = { url: "/zh-hant/book/7", headers: {}, method: "GET" } as IncomingMessage;
    expect(pass.handle(req, {} as ServerResponse)).toBe(false);
  });
});
