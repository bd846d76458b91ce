import http from "node:http";
import { fileURLToPath } from "node:url";
import next from "next";
import { relayTagExpiries } from "@/lib/cache/redis-store.mjs";
import { createPrismaClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import { isCrossSiteAction, settleForwardedHeaders, trustedProxies } from "@/lib/http/forwarded";
import { keepCookiesPrivate } from "@/lib/http/private-cookies";
import { createWriteGuard } from "@/lib/http/write-limit";
import { variantsEnabled } from "@/lib/i18n/messages";
import { logger } from "@/lib/log";
import { buildReaderAssets } from "@/lib/reader/assets";
import { readerData, RECOMMENDATIONS_MAX_AGE_MS } from "@/lib/reader/data";
import { createReader } from "@/lib/reader/handler";
import { refuseOversizedBody } from "./body-limit";
import { replaceServerErrorWhenDatabaseIsDown } from "./database-down";
import { createPagePass } from "./page-pass";
import { beginShutdown } from "./shutdown";
import { serveStats, STATS_PATH } from "./stats";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MB = 1024 * 1024;

/**
 * The site's HTTP server: one port, two handlers. The reading pages (lib/reader) answer first;
 * every other request goes to Next (pages, routes, server actions, static files). Run by
 * scripts/serve.ts, which scripts/start.ts starts in place of `next start`.
 */
export async function startSiteServer(opts: { dev: boolean; port: number }): Promise<{ close(): Promise<void> }> {
  const app = next({ dev: opts.dev, dir: ROOT, port: opts.port, hostname: "localhost" });
  const handleByNext = app.getRequestHandler();
  const [assets] = await Promise.all([buildReaderAssets({ minify: !opts.dev }), app.prepare()]);
  // The reader's own database client: Next's bundles keep theirs (lib/db.ts).
  const db = createPrismaClient();
  const reader = createReader({
    data: readerData(db, env.CHAPTER_PAGE_CHARS, (error) => logger.warn({ err: error }, "reader data refresh failed")),
    assets,
    maxBytes: env.READER_CACHE_MB * MB,
    refreshAfterMs: RECOMMENDATIONS_MAX_AGE_MS,
    log: logger,
  });
  // Expiries made by other instances reach this one's chapter page cache through Redis.
  if (env.REDIS_URL) relayTagExpiries(env.REDIS_URL);

  // A probe of the database when Next fails a request: a second, as the readiness check gives it.
  const databaseIsDown = () =>
    Promise.race([
      db.$queryRaw`SELECT 1`.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 1000).unref()),
    ]).catch(() => true);

  const trusted = trustedProxies(env.TRUSTED_PROXIES);
  const writes = createWriteGuard({ maxPerMinute: env.WRITE_MAX_PER_MINUTE });
  const toNext = (req: http.IncomingMessage, res: http.ServerResponse) => {
    replaceServerErrorWhenDatabaseIsDown(res, databaseIsDown, reader.unavailable);
    writes.pass(req, res, handleByNext);
  };
  // /zh-hant/… and /zh-hans/…: Next's pages converted on their way out (the reader converts its
  // own); home, books and contents without Next's scripts, with the reader's.
  const pages = createPagePass({
    next: toNext,
    siteUrl: env.SITE_URL,
    maxBytes: env.VARIANT_CACHE_MB * MB,
    variants: variantsEnabled,
    leanScript: (variant) => (variant ? assets.jsIn(variant) : assets.js).href,
  });
  const server = http.createServer((req, res) => {
    settleForwardedHeaders(req, trusted);
    keepCookiesPrivate(res);
    if (isCrossSiteAction(req)) {
      logger.info({ url: req.url, origin: req.headers.origin }, "a server action from another site was refused");
      res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      res.end("Cross-origin request refused\n");
      return;
    }
    if (refuseOversizedBody(req, res)) return;
    if (req.url === STATS_PATH) serveStats(req, res, reader.cache);
    else if (!reader.handle(req, res) && !pages.handle(req, res)) toNext(req, res);
  });
  if (opts.dev) server.on("upgrade", app.getUpgradeHandler());
  // keepAliveTimeout stays Node's 5 s: deploy/nginx lets idle upstream connections go after 4 s,
  // so it never reuses one this server is closing.

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, () => resolve());
  });

  return {
    async close() {
      // Work in flight that can stop part-way and be resumed (an import) stops at its next batch.
      beginShutdown();
      reader.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await app.close();
      await db.$disconnect();
    },
  };
}
