import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { ownScriptVariant } from "@/lib/i18n/messages";
import { convertDocument } from "@/lib/i18n/script-convert";
import { hasVariants, type ScriptVariant, splitVariant, variantHref } from "@/lib/i18n/script-variants";

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

type Converted = { body: Buffer; gzip: Buffer };

export type ScriptVariantPass = {
  /** Answers a request for a variant address (/zh-hant/…, /zh-hans/…) of a Next page; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
};

const CONVERTED_TYPES = /^text\/(html|x-component)\b/;

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
 * The 繁體 / 简体 addresses of Next's pages: the request goes to Next for the page as written
 * (from its page cache, like any other request), and the answer is converted on its way out
 * (lib/i18n/script-variants.ts). A converted page is kept by the ETag Next gave the page as
 * written, so a cached page is converted once until it changes; a browser's revalidation is
 * passed to Next with that ETag, and a 304 from Next is a 304 here.
 */
export function createScriptVariantPass(opts: {
  next: Handler;
  siteUrl: string;
  maxBytes: number;
  /** False on a site whose UI is not Chinese: the variant addresses are then Next's (404). */
  enabled: boolean;
}): ScriptVariantPass {
  const cache = new LRUCache<string, Converted>({
    maxSize: Math.max(1, opts.maxBytes),
    sizeCalculation: (c) => c.body.byteLength + c.gzip.byteLength + 200,
  });
  const etagOf = (variant: ScriptVariant, source: string) => source.replace(/^(W\/)?"/, `$1"${variant.key}-`);
  const sourceEtag = (variant: ScriptVariant, ours: string) =>
    ours
      .split(",")
      .map((tag) => tag.trim().replace(new RegExp(`^(W/)?"${variant.key}-`), '$1"'))
      .join(", ");

  function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? "/";
    const [pathname, query = ""] = url.split(/\?(.*)/s, 2) as [string, string?];
    const split = opts.enabled ? splitVariant(pathname) : null;
    if (!split) return false;
    const { variant, path } = split;
    const search = query ? `?${query}` : "";
    if (!hasVariants(path)) {
      // A page without variants (the account pages, an API, a file): the address as written.
      if (req.method === "GET" || req.method === "HEAD") {
        res.writeHead(308, { Location: `${path}${search}`, "Cache-Control": "public, max-age=3600" }).end();
      } else {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      }
      return true;
    }
    const gzip = acceptsGzip(req);
    req.url = `${path}${search}`;
    // Next answers uncompressed (the conversion reads the text); this pass compresses.
    delete req.headers["accept-encoding"];
    const ifNoneMatch = req.headers["if-none-match"];
    if (typeof ifNoneMatch === "string") req.headers["if-none-match"] = sourceEtag(variant, ifNoneMatch);
    capture(res, (status, body) => {
      const type = String(res.getHeader("content-type") ?? "");
      // A redirect to another page of the catalogue stays in the variant.
      const location = res.getHeader("location");
      if (typeof location === "string" && hasVariants(location))
        res.setHeader("Location", variantHref(variant, location));
      if (status === 304 || !CONVERTED_TYPES.test(type)) {
        const etag = res.getHeader("etag");
        if (typeof etag === "string" && status === 304) res.setHeader("ETag", etagOf(variant, etag));
        return { status, body };
      }
      const source = res.getHeader("etag");
      const key = typeof source === "string" && status === 200 ? `${variant.key} ${type} ${url} ${source}` : null;
      let converted = key ? cache.get(key) : undefined;
      if (!converted) {
        const text = convertDocument(body.toString("utf8"), variant, {
          siteUrl: opts.siteUrl,
          kind: type.startsWith("text/html") ? "html" : "flight",
          noindex: variant.key === ownScriptVariant,
        });
        const bytes = Buffer.from(text);
        converted = { body: bytes, gzip: gzipSync(bytes, { level: 6 }) };
        if (key) cache.set(key, converted);
      }
      if (typeof source === "string") res.setHeader("ETag", etagOf(variant, source));
      res.setHeader("Vary", varyWithEncoding(res.getHeader("vary")));
      res.setHeader("Content-Language", variant.lang);
      if (gzip) res.setHeader("Content-Encoding", "gzip");
      return { status, body: gzip ? converted.gzip : converted.body };
    });
    opts.next(req, res);
    return true;
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
    return endWith.call(this, this.req.method === "HEAD" ? undefined : out.body, done);
  } as ServerResponse["end"];
}
