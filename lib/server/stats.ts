import type { IncomingMessage, ServerResponse } from "node:http";
import { pageMemoryStats } from "@/lib/cache/isr-cache-handler.mjs";
import type { PageCache } from "@/lib/reader/page-cache";

export const STATS_PATH = "/_shuhai/stats";

/**
 * GET /_shuhai/stats: what this process holds in its caches and memory, as JSON, for operators'
 * monitoring and the benchmarks (scripts/bench-live.ts). Asked directly on loopback only: a
 * request that came through a proxy (X-Forwarded-For) or from another machine gets a 404.
 */
export function serveStats(req: IncomingMessage, res: ServerResponse, reader: PageCache): void {
  const address = req.socket.remoteAddress ?? "";
  const loopback = address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
  if (!loopback || req.headers["x-forwarded-for"] !== undefined) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
    return;
  }
  const memory = process.memoryUsage();
  const body = {
    at: new Date().toISOString(),
    process: { rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external },
    readerPages: reader.stats(),
    nextPages: pageMemoryStats(),
  };
  res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(JSON.stringify(body));
}
