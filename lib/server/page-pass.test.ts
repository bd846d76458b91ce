import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpGet } from "@/lib/test/http-get";
import { scriptHashSource } from "@/lib/http/security-headers.mjs";
import { createPagePass } from "./page-pass";

// The pass (繁體 / 简体 addresses, pages without React) in front of a stand-in for Next that answers
// the way Next's server writes (headers set one by one or with writeHead, the body in chunks):
// what a browser gets back.

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
  // A HEAD gets the headers only, as Next's send-payload.js does it.
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  // In two chunks, split inside a character.
  const bytes = Buffer.from(page.body);
  res.write(bytes.subarray(0, 7));
  res.end(bytes.subarray(7));
}

let server: http.Server;
let port: number;

beforeAll(async () => {
  const pass = createPagePass({
    next: fakeNext,
    siteUrl: SITE,
    maxBytes: 1024 * 1024,
    variants: true,
    leanScript: (variant) => `/_shuhai/reader${variant ? `-${variant.key}` : ""}.abc.js`,
  });
  server = http.createServer((req, res) => {
    if (!pass.handle(req, res)) fakeNext(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  httpGet(port, path, headers, method);

const BOOK = `<html lang="zh-CN"><head><link rel="canonical" href="${SITE}/author/7"></head><body><h1>剑来后传</h1><a href="/book/7/toc">目录</a></body></html>`;

describe("a variant of one of Next's pages", () => {
  it("is the page as written, converted, with its links, address and validator in the variant", async () => {
    seen = [];
    pages = { "/author/7": { type: "text/html; charset=utf-8", etag: '"abc"', body: BOOK } };
    const got = await get("/zh-hant/author/7?from=x", { "accept-encoding": "gzip" });
    expect(got.status).toBe(200);
    expect(got.text).toBe(
      `<html lang="zh-Hant"><head><link rel="canonical" href="${SITE}/zh-hant/author/7"></head><body><h1>劍來後傳</h1><a href="/zh-hant/book/7/toc">目錄</a></body></html>`,
    );
    expect(got.headers["content-encoding"]).toBe("gzip");
    expect(got.headers["content-language"]).toBe("zh-Hant");
    expect(got.headers.etag).toBe('"hant-abc"');
    expect(got.headers.vary).toBe("RSC, Next-Router-State-Tree, Accept-Encoding");
    expect(got.headers["cache-control"]).toBe("s-maxage=1800");
    // Next was asked for the page as written, uncompressed.
    expect(seen).toEqual([{ url: "/author/7?from=x", ifNoneMatch: undefined, acceptEncoding: undefined }]);

    const plain = await get("/zh-hans/author/7");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(Buffer.byteLength(plain.text));
    expect(plain.text).toContain('<a href="/zh-hans/book/7/toc">目录</a>');
  });

  it("is converted once per version of the page: kept by Next's ETag, made again when it changes", async () => {
    pages = { "/author/8": { type: "text/html; charset=utf-8", etag: '"v1"', body: "<p>后来</p>" } };
    expect((await get("/zh-hant/author/8")).text).toBe("<p>後來</p>");
    // Same ETag, so the kept conversion (a stand-in whose body changes without its ETag shows it).
    pages["/author/8"]!.body = "<p>后来又变了</p>";
    expect((await get("/zh-hant/author/8")).text).toBe("<p>後來</p>");
    pages["/author/8"] = { type: "text/html; charset=utf-8", etag: '"v2"', body: "<p>后来又变了</p>" };
    expect((await get("/zh-hant/author/8")).text).toBe("<p>後來又變了</p>");
  });

  it("revalidates with Next's own validator and answers 304", async () => {
    pages = { "/author/9": { type: "text/html; charset=utf-8", etag: 'W/"q9"', body: "<p>书</p>" } };
    const first = await get("/zh-hant/author/9");
    expect(first.headers.etag).toBe('W/"hant-q9"');
    seen = [];
    const again = await get("/zh-hant/author/9", { "if-none-match": 'W/"hant-q9"' });
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
    const pass = createPagePass({
      next: fakeNext,
      siteUrl: SITE,
      maxBytes: 1024,
      variants: false,
      leanScript: () => "",
    });
    const req = { url: "/zh-hant/author/7", headers: {}, method: "GET" } as IncomingMessage;
    expect(pass.handle(req, {} as ServerResponse)).toBe(false);
  });
});

// A book page as Next 16 writes it (shortened): its chunks, their preload, the inline scripts that
// carry the React payload, the site's settings script, JSON-LD.
const SETTINGS = '(function(){var d=document.documentElement;d.dataset.theme="sepia"})()';
const NEXT_PAGE =
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/>' +
  '<link rel="stylesheet" href="/_next/static/chunks/2go0.css" data-precedence="next"/>' +
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/05pa.js"/>' +
  '<script src="/_next/static/chunks/turbopack-077.js" async=""></script>' +
  '<script src="/_next/static/chunks/0cz1.js" noModule=""></script>' +
  `<script>${SETTINGS}</script>` +
  '<link rel="canonical" href="https://novels.example/book/5"/></head>' +
  '<body><h1>剑来后传</h1><a href="/book/5/toc">目录</a>' +
  '<script type="application/ld+json">{"@type":"Book","name":"剑来后传"}</script>' +
  '<script>(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]})</script>' +
  "<script>(self.__next_f=self.__next_f||[]).push([0])</script>" +
  '<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])</script>' +
  '<script src="/_next/static/chunks/05pa.js" id="_R_" async=""></script></body></html>';
const LEAN_PAGE =
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/>' +
  '<link rel="stylesheet" href="/_next/static/chunks/2go0.css" data-precedence="next"/>' +
  `<script>${SETTINGS}</script>` +
  '<link rel="canonical" href="https://novels.example/book/5"/><script src="/_shuhai/reader.abc.js" defer></script></head>' +
  '<body><h1>剑来后传</h1><a href="/book/5/toc">目录</a>' +
  '<script type="application/ld+json">{"@type":"Book","name":"剑来后传"}</script></body></html>';

describe("home, a book and its contents", () => {
  const html = "text/html; charset=utf-8";
  const POLICY = `script-src 'self' ${scriptHashSource(SETTINGS)}; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'`;

  it("reach a browser without Next's scripts, with the reader's, under a policy that allows only what is left", async () => {
    seen = [];
    pages = { "/book/5": { type: html, etag: '"b5"', body: NEXT_PAGE } };
    const got = await get("/book/5", { "accept-encoding": "gzip" });
    expect(got.status).toBe(200);
    expect(got.text).toBe(LEAN_PAGE);
    expect(got.headers["content-encoding"]).toBe("gzip");
    // Next's validator, named for what was made of it and for the version of the script it loads.
    expect(got.headers.etag).toMatch(/^"lean\.[\w-]{8}-b5"$/);
    expect(got.headers.vary).toBe("RSC, Next-Router-State-Tree, Accept-Encoding");
    expect(got.headers["content-security-policy"]).toBe(POLICY);
    expect(seen).toEqual([{ url: "/book/5", ifNoneMatch: undefined, acceptEncoding: undefined }]);

    // A revalidation is Next's, and its 304 carries the page's own policy (a browser keeps a 304's headers).
    seen = [];
    const again = await get("/book/5", { "if-none-match": got.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.headers["content-security-policy"]).toBe(POLICY);
    expect(again.headers.etag).toBe(got.headers.etag);
    expect(seen[0]!.ifNoneMatch).toBe('"b5"');
  });

  it("answer a revalidation of a page no longer kept with a 304 of their own, and a HEAD like the GET", async () => {
    pages = { "/book/15": { type: html, etag: '"b15"', body: NEXT_PAGE } };
    const head = await get("/book/15", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expect(Number(head.headers["content-length"])).toBe(Buffer.byteLength(LEAN_PAGE));
    expect(head.headers["content-security-policy"]).toBe(POLICY);
    // The HEAD kept the whole page, not its empty body.
    expect((await get("/book/15")).text).toBe(LEAN_PAGE);

    // A pass that never made this page (another instance, a restart): Next is asked for the page.
    const other = createPagePass({
      next: fakeNext,
      siteUrl: SITE,
      maxBytes: 1024 * 1024,
      variants: true,
      leanScript: () => "/_shuhai/reader.abc.js",
    });
    const fresh = http.createServer((req, res) => void other.handle(req, res));
    await new Promise<void>((resolve) => fresh.listen(0, "127.0.0.1", resolve));
    try {
      const freshPort = (fresh.address() as AddressInfo).port;
      seen = [];
      const revalidated = await httpGet(freshPort, "/book/15", { "if-none-match": head.headers.etag! });
      expect(seen[0]!.ifNoneMatch).toBeUndefined();
      expect(revalidated.status).toBe(304);
      expect(revalidated.headers["content-security-policy"]).toBe(POLICY);
    } finally {
      await new Promise<void>((resolve) => fresh.close(() => resolve()));
    }
  });

  it("are made again when the reader's script changes", async () => {
    pages = { "/book/16": { type: html, etag: '"b16"', body: NEXT_PAGE } };
    const made = (script: string) =>
      createPagePass({ next: fakeNext, siteUrl: SITE, maxBytes: 1024, variants: true, leanScript: () => script });
    const tagWith = async (script: string) => {
      const pass = made(script);
      const server = http.createServer((req, res) => void pass.handle(req, res));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        return (await httpGet((server.address() as AddressInfo).port, "/book/16")).headers.etag;
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    };
    expect(await tagWith("/_shuhai/reader.aaa.js")).not.toBe(await tagWith("/_shuhai/reader.bbb.js"));
  });

  it("in 繁體 load the reader's converted script", async () => {
    pages = { "/book/5": { type: html, etag: '"b5"', body: NEXT_PAGE } };
    const got = await get("/zh-hant/book/5");
    expect(got.headers.etag).toMatch(/^"hant-lean\.[\w-]{8}-b5"$/);
    expect(got.text).toContain('<script src="/_shuhai/reader-hant.abc.js" defer></script></head>');
    expect(got.text).toContain('<h1>劍來後傳</h1><a href="/zh-hant/book/5/toc">目錄</a>');
    expect(got.text).not.toContain("/_next/static/chunks/05pa.js");
  });

  it("stay Next's for the client-side router, for other pages, and when the page streamed a part", async () => {
    pages = {
      "/book/5": { type: html, etag: '"b5"', body: NEXT_PAGE },
      "/book/5/toc": { type: html, body: NEXT_PAGE.replace("<h1>", '<template id="B:1"></template><h1>') },
      "/books": { type: html, body: NEXT_PAGE },
    };
    expect((await get("/book/5", { rsc: "1" })).text).toBe(NEXT_PAGE);
    expect((await get("/book/5?_rsc=x1")).text).toBe(NEXT_PAGE);
    expect((await get("/books")).text).toBe(NEXT_PAGE);
    const streamed = await get("/book/5/toc");
    expect(streamed.text).toContain('<template id="B:1">');
    expect(streamed.text).toContain("self.__next_f.push");
    expect(streamed.headers["content-security-policy"]).toBeUndefined();
    const missing = await get("/book/6");
    expect(missing.status).toBe(404);
    expect(missing.text).toBe("<p>找不到</p>");
  });
});
