import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Logger } from "pino";
import { onTagsExpired } from "@/lib/cache/tag-events.mjs";
import { chapterHref } from "@/lib/chapter-links";
import { TAGS } from "@/lib/data/cache-tags";
import { securityHeadersWithScripts } from "@/lib/http/security-headers.mjs";
import type { UnavailableAnswer } from "@/lib/server/database-down";
import { env } from "@/lib/env";
import { ownScriptVariant, siteLocale, variantsEnabled } from "@/lib/i18n/messages";
import { convertDocument } from "@/lib/i18n/script-convert";
import { splitVariant, variantHref, type ScriptVariant } from "@/lib/i18n/script-variants";
import { parseId } from "@/lib/validation/ids";
import { ASSET_PREFIX, type Asset, type ReaderAssets } from "./assets";
import type { ReaderData } from "./data";
import { PAGE_INLINE_SCRIPTS, renderChapterPage, renderNotFoundPage, renderUnavailablePage, type Shell } from "./page";
import { PageCache, type CachedPage } from "./page-cache";

/**
 * /book/<id>/<chapterId>, /book/<id>/<chapterId>/<page> and the whole chapter on one page,
 * /book/<id>/<chapterId>/all: every other /book/ path is Next's, the chapter's comments page
 * (/book/<id>/<chapterId>/comments) among them.
 */
const CHAPTER_PATH = /^\/book\/([^/]+)\/(\d+)(?:\/(?!comments$)([^/]+))?$/;

/** `page`: a sub-page (1-based), or "all" for the whole chapter on one page. */
type ChapterRoute = { bookId: number; chapterId: number; page: number | "all" };
type Route = ChapterRoute | { notFound: true } | { redirect: string };

/** Which chapter page a path names; null for paths that are not chapter pages at all. */
export function chapterRoute(pathname: string): Route | null {
  const match = CHAPTER_PATH.exec(pathname);
  if (!match) return null;
  const bookId = parseId(match[1]!);
  const chapterId = parseId(match[2]!);
  const page = match[3] === undefined ? 1 : match[3] === "all" ? "all" : parseId(match[3]);
  if (bookId === null || chapterId === null || page === null) return { notFound: true };
  // Sub-page 1 lives at the chapter's own address.
  if (match[3] !== undefined && page === 1) return { redirect: chapterHref(bookId, chapterId) };
  return { bookId, chapterId, page };
}

// Shared caches may keep a page for a second and serve it stale for half a minute while they
// fetch it again (the shipped nginx config keeps it one second); browsers revalidate with the ETag.
const PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-while-revalidate=30";
const ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable";
// The site's usual headers, with a script-src that allows only this origin's files and the pages'
// own inline scripts (lib/http/security-headers.mjs says why Next's pages cannot have one).
const SECURITY_HEADERS = securityHeadersWithScripts(PAGE_INLINE_SCRIPTS);

function acceptsGzip(req: IncomingMessage): boolean {
  const accept = req.headers["accept-encoding"];
  return typeof accept === "string" && /\bgzip\b(?!;\s*q=0(\.0+)?\s*(,|$))/.test(accept);
}

function etagMatches(req: IncomingMessage, etag: string): boolean {
  const header = req.headers["if-none-match"];
  if (!header) return false;
  return header === "*" || header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag.replace(/^W\//, ""));
}

function sendBytes(
  req: IncomingMessage,
  res: ServerResponse,
  body: { status: number; type: string; gzip: Buffer; etag: string; cacheControl: string; cache?: string },
): void {
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  res.setHeader("Content-Type", body.type);
  res.setHeader("Cache-Control", body.cacheControl);
  res.setHeader("ETag", body.etag);
  res.setHeader("Vary", "Accept-Encoding");
  if (body.cache) res.setHeader("X-Shuhai-Cache", body.cache);
  if (body.status === 200 && etagMatches(req, body.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const gzip = acceptsGzip(req);
  const bytes = gzip ? body.gzip : gunzipSync(body.gzip);
  res.statusCode = body.status;
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", bytes.byteLength);
  res.end(req.method === "HEAD" ? undefined : bytes);
}

function pageOf(status: number, html: string, tags: readonly string[], storedAt: number): CachedPage {
  const etag = `W/"${createHash("sha1").update(html).digest("base64url")}"`;
  return { status, gzip: exactCopy(gzipSync(html, { level: 6 })), etag, tags, storedAt };
}

/**
 * The bytes in a buffer of their own. zlib returns a view of its whole output chunk (16 KiB and
 * up): kept as it is, a 5 KiB page would hold three times its size, outside the cache's bound.
 */
function exactCopy(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.byteLength);
  bytes.copy(copy);
  return copy;
}

export type ReaderOptions = {
  data: ReaderData;
  assets: ReaderAssets;
  maxBytes: number;
  /** Pages older than this render again in the background (their recommendation blocks age). */
  refreshAfterMs: number;
  log: Logger;
};

export type Reader = {
  /** Answers the request when it is the reader's (a chapter page or one of its assets); false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** The 503 answer with the site's "try again" page (the database is away). */
  unavailable: UnavailableAnswer;
  cache: PageCache;
  close(): void;
};

/**
 * The reading pages (/book/<id>/<chapterId>[/<page>]), served by the site's server before Next
 * sees the request: from the page cache when it holds the page, else rendered from the database
 * (lib/reader/page.ts) and kept. README "How it is built" says why they are not Next pages.
 */
export function createReader({ data, assets, maxBytes, refreshAfterMs, log }: ReaderOptions): Reader {
  const cache = new PageCache({ maxBytes, refreshAfterMs });
  /** Renders in progress, so concurrent requests for one page render it once. */
  const rendering = new Map<string, Promise<CachedPage>>();
  const stop = onTagsExpired((tags, durations) => {
    cache.tagsExpired(tags, durations);
    data.tagsExpired(tags);
    // A render that started before the expiry may hold what it expired: later requests start anew.
    rendering.clear();
  });

  async function shell(variant: ScriptVariant | null): Promise<Shell> {
    const js = variant ? assets.jsIn(variant) : assets.js;
    return { lang: siteLocale, categories: await data.categories(), assets: { css: assets.css.href, js: js.href } };
  }

  /** A page as written, or in a 繁體 / 简体 variant (converted as a whole, links and canonical address included). */
  function inVariant(html: string, variant: ScriptVariant | null): string {
    if (!variant) return html;
    return convertDocument(html, variant, {
      siteUrl: env.SITE_URL,
      kind: "html",
      noindex: variant.key === ownScriptVariant,
    });
  }

  async function render(route: ChapterRoute, variant: ScriptVariant | null): Promise<CachedPage> {
    // Before the reads: an expiry that lands while rendering makes the page out of date at once.
    const startedAt = Date.now();
    const chapter = await data.chapter(route.bookId, route.chapterId);
    const tags = [TAGS.chapter(route.chapterId), TAGS.book(route.bookId), TAGS.categories];
    if (!chapter || (route.page !== "all" && route.page > chapter.pages.length)) {
      return pageOf(404, inVariant(renderNotFoundPage(await shell(variant)), variant), tags, startedAt);
    }
    const [site, recommended] = await Promise.all([shell(variant), data.recommendations(chapter.book)]);
    return pageOf(200, inVariant(renderChapterPage(site, chapter, route.page, recommended), variant), tags, startedAt);
  }

  function renderOnce(key: string, route: ChapterRoute, variant: ScriptVariant | null): Promise<CachedPage> {
    const running = rendering.get(key);
    if (running) return running;
    const done = render(route, variant).then((page) => {
      cache.set(key, page);
      return page;
    });
    rendering.set(key, done);
    const forget = () => {
      if (rendering.get(key) === done) rendering.delete(key);
    };
    done.then(forget, forget);
    return done;
  }

  function send(req: IncomingMessage, res: ServerResponse, page: CachedPage, cacheState: string) {
    sendBytes(req, res, {
      status: page.status,
      type: "text/html; charset=utf-8",
      gzip: page.gzip,
      etag: page.etag,
      cacheControl: PAGE_CACHE_CONTROL,
      cache: cacheState,
    });
  }

  async function serveChapter(
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    variant: ScriptVariant | null,
  ): Promise<void> {
    if ("redirect" in route) {
      const location = variant ? variantHref(variant, route.redirect) : route.redirect;
      res.writeHead(308, { Location: location, "Cache-Control": PAGE_CACHE_CONTROL }).end();
      return;
    }
    if ("notFound" in route) {
      const page = pageOf(
        404,
        inVariant(renderNotFoundPage(await shell(variant)), variant),
        [TAGS.categories],
        Date.now(),
      );
      send(req, res, page, "miss");
      return;
    }
    // A variant is cached beside the page as written, under the same tags.
    const key = `${variant ? `${variant.key}:` : ""}${route.bookId}/${route.chapterId}/${route.page}`;
    const found = cache.get(key);
    if (found) {
      send(req, res, found.page, found.state === "fresh" ? "hit" : "stale");
      if (found.state === "stale") {
        renderOnce(key, route, variant).catch((error: unknown) =>
          log.warn({ err: error, key }, "refreshing a page failed"),
        );
      }
      return;
    }
    send(req, res, await renderOnce(key, route, variant), "miss");
  }

  function serveAsset(req: IncomingMessage, res: ServerResponse, asset: Asset | undefined): void {
    if (!asset) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    sendBytes(req, res, {
      status: 200,
      type: asset.type,
      gzip: asset.gzip,
      etag: `"${asset.href.split(".").at(-2)}"`,
      cacheControl: ASSET_CACHE_CONTROL,
    });
  }

  // The database is away (or a render failed): a 503 page, never cached, with the site's header
  // (without the category links, which come from the database).
  const unavailable = Buffer.from(
    renderUnavailablePage({ lang: siteLocale, categories: [], assets: { css: assets.css.href, js: assets.js.href } }),
  );

  const unavailableAnswer: UnavailableAnswer = {
    headers: {
      ...Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key, value])),
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": "5",
      "Cache-Control": "no-store",
    },
    body: unavailable,
  };

  function fail(res: ServerResponse, error: unknown, path: string): void {
    log.error({ err: error, path }, "reading page failed");
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(503, unavailableAnswer.headers).end(unavailable);
  }

  return {
    cache,
    unavailable: unavailableAnswer,
    handle(req, res) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const url = req.url ?? "/";
      const pathname = url.split("?", 1)[0]!;
      if (pathname.startsWith(ASSET_PREFIX)) {
        serveAsset(req, res, assets.find(pathname));
        return true;
      }
      const split = variantsEnabled ? splitVariant(pathname) : null;
      const route = chapterRoute(split ? split.path : pathname);
      if (!route) return false;
      serveChapter(req, res, route, split?.variant ?? null).catch((error: unknown) => fail(res, error, pathname));
      return true;
    },
    close: stop,
  };
}
