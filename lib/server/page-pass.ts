import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { ownScriptVariant } from "@/lib/i18n/messages";
import { convertDocument } from "@/lib/i18n/script-convert";
import { hasVariants, type ScriptVariant, splitVariant, variantHref } from "@/lib/i18n/script-variants";
import { securityHeadersWithScripts } from "@/lib/http/security-headers.mjs";
import { inlineScripts, leanDocument } from "./lean-document";

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

type Made = { body: Buffer; gzip: Buffer; headers: { key: string; value: string }[] };

export type PagePass = {
  /**
   * Answers a request for a variant address (/zh-hant/…, /zh-hans/…) of a Next page, or for one of
   * the pages served without Next's scripts (`LEAN_PAGES`); false for any other request.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
};

const CONVERTED_TYPES = /^text\/(html|x-component)\b/;

/**
 * The pages a browser gets without React (lib/server/lean-document.ts): home, a book and its
 * contents. Their interactive parts are the reading pages' script's (lib/reader/client/reader.ts).
 * Another page can join when every client component it renders has a counterpart in that script.
 */
export const LEAN_PAGES: readonly RegExp[] = [/^\/$/, /^\/book\/\d{1,10}$/, /^\/book\/\d{1,10}\/toc$/];

/** A browser asking for a document, not the client-side router asking for a page's flight data. */
function isDocumentRequest(req: IncomingMessage, query: string): boolean {
  return (
    (req.method === "GET" || req.method === "HEAD") &&
    req.headers.rsc === undefined &&
    req.headers["next-router-prefetch"] === undefined &&
    !/(^|&)_rsc=/.test(query)
  );
}

/** Next's Vary (RSC, Next-Router-State-Tree, …) and Accept-Encoding, which this pass adds. */
function varyWithEncoding(vary: number | string | string[] | undefined): string {
  const names = (Array.isArray(vary) ? vary.join(",") : String(vary ?? "")).split(",").map((n) => n.trim());
  const kept = names.filter((n) => n && n.toLowerCase() !== "accept-encoding");
  return [...kept, "Accept-Encoding"].join(", ");
}

function acceptsGzip(req: IncomingMessage): boolean {
  const accept = req.headers["accept-encoding"];
  return typeof accept === "string" && /\bgzip\b(?!;\s*q=0(\.0+)?\s*(,|$))/.test(accept);
}

/**
 * What the site's server does to some of Next's answers on their way out:
 * - the 繁體 / 简体 addresses of Next's pages: the request goes to Next for the page as written
 *   (from its page cache, like any other request), and the answer is converted
 *   (lib/i18n/script-variants.ts);
 * - the lean pages (`LEAN_PAGES`): a browser's document request gets the page without Next's
 *   scripts (lib/server/lean-document.ts) and with a Content-Security-Policy that allows exactly
 *   the scripts left. The client-side router's requests for the same pages are Next's as usual.
 * A page so made is kept by the ETag Next gave the page as written (never by its address: the
 * same page under any query string is one entry), so a cached page is made once until it changes.
 * A browser's revalidation is passed to Next with that ETag while the page is kept, and Next's 304
 * goes out with the kept page's headers; otherwise the page is made again and compared here. A
 * HEAD is a GET to Next (Next's HEAD has no body to make anything of).
 */
export function createPagePass(opts: {
  next: Handler;
  siteUrl: string;
  maxBytes: number;
  /** False on a site whose UI is not Chinese: the variant addresses are then Next's (404). */
  variants: boolean;
  /** The script the lean pages load, per variant (null: the page as written). */
  leanScript(variant: ScriptVariant | null): string;
}): PagePass {
  const cache = new LRUCache<string, Made>({
    maxSize: Math.max(1, opts.maxBytes),
    sizeCalculation: (c) => c.body.byteLength + c.gzip.byteLength + 400,
  });

  const versions = new Map<string, string>();
  /** A short name of the script the lean pages load in `variant`, for their validators. */
  function scriptVersion(variant: ScriptVariant | null): string {
    const href = opts.leanScript(variant);
    let version = versions.get(href);
    if (!version) {
      version = createHash("sha256").update(href).digest("base64url").slice(0, 8);
      versions.set(href, version);
    }
    return version;
  }

  function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? "/";
    const [pathname, query = ""] = url.split(/\?(.*)/s, 2) as [string, string?];
    const split = opts.variants ? splitVariant(pathname) : null;
    const variant = split?.variant ?? null;
    const path = split?.path ?? pathname;
    const search = query ? `?${query}` : "";
    if (variant && !hasVariants(path)) {
      // A page without variants (the account pages, an API, a file): the address as written.
      if (req.method === "GET" || req.method === "HEAD") {
        res.writeHead(308, { Location: `${path}${search}`, "Cache-Control": "public, max-age=3600" }).end();
      } else {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      }
      return true;
    }
    const lean = isDocumentRequest(req, query) && LEAN_PAGES.some((page) => page.test(path));
    if (!variant && !lean) return false;
    // Our validators: Next's with a prefix naming what was made of the page ("hant-", "lean.<the
    // script's version>-"), so a page made for another version of the reader's script is new.
    const prefix = [variant?.key, lean ? `lean.${scriptVersion(variant)}` : null].filter(Boolean).join("-") + "-";
    const etagOf = (source: string) => source.replace(/^(W\/)?"/, `$1"${prefix}`);
    const sourceEtag = (ours: string) =>
      ours
        .trim()
        .replace(/^(W\/)?"([^"]*)"$/, (tag, weak: string = "", value: string) =>
          value.startsWith(prefix) ? `${weak}"${value.slice(prefix.length)}"` : tag,
        );
    const keyOf = (source: string) => `${prefix}${source}`;

    const gzip = acceptsGzip(req);
    // A HEAD is answered from the whole page (its length, validator and policy are the GET's).
    const head = req.method === "HEAD";
    if (head) req.method = "GET";
    req.url = `${path}${search}`;
    // Next answers uncompressed (this pass reads the text); this pass compresses.
    delete req.headers["accept-encoding"];
    // Next may answer a revalidation 304 only while this pass keeps what it made of that version:
    // the 304 carries that page's headers (its policy above all), which a browser keeps. Otherwise
    // Next answers 200, and the page made again is a 304 here if the browser has it.
    const browserTag = req.headers["if-none-match"];
    delete req.headers["if-none-match"];
    if (typeof browserTag === "string" && cache.has(keyOf(sourceEtag(browserTag)))) {
      req.headers["if-none-match"] = sourceEtag(browserTag);
    }
    capture(res, head, (status, body) => {
      const type = String(res.getHeader("content-type") ?? "");
      // A redirect to another page of the catalogue stays in the variant.
      const location = res.getHeader("location");
      if (variant && typeof location === "string" && hasVariants(location))
        res.setHeader("Location", variantHref(variant, location));
      const etag = res.getHeader("etag");
      const html = type.startsWith("text/html");
      let made = typeof etag === "string" ? cache.get(keyOf(etag)) : undefined;
      if (status !== 304) {
        if (!CONVERTED_TYPES.test(type) || (!variant && (status !== 200 || !html))) return { status, body };
        if (!made || status !== 200) {
          made = make(body.toString("utf8"), { variant, lean: lean && status === 200 && html, html });
          if (typeof etag === "string" && status === 200) cache.set(keyOf(etag), made);
        }
      }
      if (typeof etag === "string") res.setHeader("ETag", etagOf(etag));
      for (const { key: name, value } of made?.headers ?? []) res.setHeader(name, value);
      res.setHeader("Vary", varyWithEncoding(res.getHeader("vary")));
      if (variant) res.setHeader("Content-Language", variant.lang);
      if (status === 304 || !made) return { status, body };
      if (typeof etag === "string" && status === 200 && browserTag === etagOf(etag)) {
        return { status: 304, body: Buffer.alloc(0) };
      }
      if (gzip) res.setHeader("Content-Encoding", "gzip");
      return { status, body: gzip ? made.gzip : made.body };
    });
    opts.next(req, res);
    return true;
  }

  function make(text: string, how: { variant: ScriptVariant | null; lean: boolean; html: boolean }): Made {
    const lean = how.lean ? leanDocument(text, opts.leanScript(how.variant)) : null;
    if (lean) text = lean;
    if (how.variant) {
      text = convertDocument(text, how.variant, {
        siteUrl: opts.siteUrl,
        kind: how.html ? "html" : "flight",
        noindex: how.variant.key === ownScriptVariant,
      });
    }
    // The policy names the inline scripts as they are sent (after any conversion).
    const headers = lean ? securityHeadersWithScripts(inlineScripts(text)) : [];
    const bytes = Buffer.from(text);
    return { body: bytes, gzip: gzipSync(bytes, { level: 6 }), headers };
  }

  return { handle };
}

/**
 * Holds back what a handler writes to `res` until it ends, then lets `finish` decide the status
 * and the body that are sent (the way compression middleware wraps a response). Headers are
 * set on `res` as the handler sets them and go out with the body.
 */
function capture(
  res: ServerResponse,
  head: boolean,
  finish: (status: number, body: Buffer) => { status: number; body: Buffer },
): void {
  const chunks: Buffer[] = [];
  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  // Nothing goes out before the end: the body decides the length and encoding.
  res.flushHeaders = () => {};
  const endWith = original.end as (this: ServerResponse, body?: Buffer, callback?: () => void) => ServerResponse;
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    else chunks.push(Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
  };
  const callbackOf = (...args: unknown[]) => args.find((a) => typeof a === "function") as (() => void) | undefined;
  res.writeHead = function writeHead(this: ServerResponse, status: number, ...rest: unknown[]) {
    this.statusCode = status;
    const headers = rest.at(-1);
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) this.setHeader(String(headers[i]), headers[i + 1] as string);
    } else if (headers && typeof headers === "object") {
      for (const [key, value] of Object.entries(headers as OutgoingHttpHeaders)) {
        if (value !== undefined) this.setHeader(key, value);
      }
    }
    return this;
  } as ServerResponse["writeHead"];
  res.write = function write(chunk: unknown, encoding?: unknown, callback?: unknown) {
    collect(chunk, encoding);
    const done = callbackOf(encoding, callback);
    if (done) process.nextTick(done);
    return true;
  } as ServerResponse["write"];
  res.end = function end(this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) {
    collect(chunk, encoding);
    Object.assign(this, original);
    const out = finish(this.statusCode, Buffer.concat(chunks));
    this.statusCode = out.status;
    this.removeHeader("Transfer-Encoding");
    const done = callbackOf(chunk, encoding, callback);
    if (out.status === 304) {
      this.removeHeader("Content-Length");
      return endWith.call(this, undefined, done);
    }
    this.setHeader("Content-Length", out.body.byteLength);
    return endWith.call(this, head ? undefined : out.body, done);
  } as ServerResponse["end"];
}
