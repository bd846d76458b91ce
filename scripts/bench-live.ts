// `npm run bench:live -- --data-dir .data/bench [--url http://127.0.0.1:3000] [--proxy]
//                        [--duration 300] [--readers 100] [--think-ms 500] [--crawlers 1]
//                        [--publish-per-second 1] [--unknown-ids 0] [--warmup 60] [--seed 1]`
//
// A live site in miniature, against a server already running on the bench seed
// (`npm run db:seed -- --demo --books 10000 --chapters 200`, ~2 million chapters), loopback only:
//   - readers: each picks a book by a Zipf law over the most read books, starts at its first
//     chapter (half of them), near its latest (a third) or anywhere, and reads on page after
//     page, with a pause between pages; some look at the book page first;
//   - a crawler: walks the sitemap files in a shuffled order and fetches every URL in them;
//   - a publish stream: about one new chapter a second in random books, through the site's own
//     publishing path (a chapter due now, then POST /api/cron/publish-due, which publishes it and
//     expires exactly the pages it changed);
//   - with --unknown-ids N, a bot asking for N chapter ids that do not exist;
// for `--duration` seconds. It prints, per class, req/s and latency percentiles, the readers'
// cache hit ratio (all, and after `--warmup` seconds), renders per second, the server's cache
// bytes in memory and on disk and its RSS over time, and errors; and writes it all to
// bench-results/live-<time>.json. With --proxy it starts the shipped nginx configuration
// (deploy/nginx) in front of --url and sends the traffic through it.
import { createHmac } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { embeddedUrl } from "./bench/db";
import { loopbackUrl } from "./bench/http";
import { loadCatalog, scheduleChapterNow, type Book } from "./bench/live/catalog";
import { Recorder, sourceOf } from "./bench/live/recorder";
import { mulberry32 } from "../prisma/seed/prng";
import { zipf } from "./bench/live/zipf";
import { startNginx, type Nginx } from "./lib/nginx";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    "database-url": { type: "string" },
    "data-dir": { type: "string" },
    proxy: { type: "boolean", default: false },
    duration: { type: "string", default: "300" },
    readers: { type: "string", default: "100" },
    "think-ms": { type: "string", default: "500" },
    crawlers: { type: "string", default: "1" },
    "publish-per-second": { type: "string", default: "1" },
    "unknown-ids": { type: "string", default: "0" },
    warmup: { type: "string", default: "60" },
    zipf: { type: "string", default: "1.1" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: path.join(ROOT, "bench-results") },
  },
});

const number = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: expected a number ≥ 0, got ${String(args[name])}`);
  return n;
};
const app = loopbackUrl(args.url!, "--url");
const databaseUrl = args["database-url"] ?? (args["data-dir"] ? embeddedUrl(args["data-dir"]) : undefined);
if (!databaseUrl) throw new Error("--database-url or --data-dir: the bench database (to read the catalog and publish)");
loopbackUrl(databaseUrl, "--database-url");
const duration = number("duration") * 1000;
const warmup = number("warmup") * 1000;
// Seeded, so two runs send the same traffic.
const random = mulberry32(number("seed"));
const log = (m: string) => console.error(`[bench:live] ${m}`);

// The cron route's secret is derived from the session secret (lib/scheduler/publish-due.ts).
const sessionSecret = process.env.NEXTAUTH_SECRET ?? readFileSync(path.join(ROOT, ".data", "secret"), "utf8").trim();
const cronSecret = createHmac("sha256", sessionSecret).update("shuhai:cron:publish-due").digest("base64url");

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

// A kept-alive socket the server closed just as a request went out fails with ECONNRESET; a
// browser sends an idempotent request again on a new socket, and so does this (Node's own advice
// for http.Agent keep-alive), so the race is not counted as an error of the server.
async function request(base: string, pathname: string, method = "GET", headers: Record<string, string> = {}) {
  try {
    return await send(base, pathname, method, headers);
  } catch (error) {
    if (method !== "GET" || !(error instanceof Error && "reusedSocket" in error)) throw error;
    return send(base, pathname, method, headers);
  }
}

function send(base: string, pathname: string, method: string, headers: Record<string, string>) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      new URL(pathname, base),
      { method, agent, headers: { "accept-encoding": "gzip", ...headers }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          // Only the crawler reads bodies (sitemaps); the rest need the headers.
          const wire = Buffer.concat(chunks);
          const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(wire) : wire;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body.toString("utf8") });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${pathname}: no answer in 30 s`)));
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === "ECONNRESET") Object.assign(error, { reusedSocket: true });
      reject(error);
    });
    req.end();
  });
}

// Pages any class has been answered before: a reader's request for one of them should come from
// a cache, and a render there means it was expired or evicted (what invalidation costs), not a
// first visit (which no cache can spare).
const seen = new Set<string>();

async function timed(recs: Recorder[], base: string, pathname: string): Promise<void> {
  const start = performance.now();
  const repeat = seen.has(pathname);
  try {
    const res = await request(base, pathname);
    for (const rec of recs) rec.record(performance.now() - start, res.status, sourceOf(res.headers), repeat);
    if (res.status === 200) seen.add(pathname);
  } catch (error) {
    for (const rec of recs) rec.fail(error);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- setup ---------------------------------------------------------------------------------

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
log("reading the catalog…");
const catalog: Book[] = await loadCatalog(client);
const chapterTotal = catalog.reduce((n, b) => n + b.chapters.length, 0);
log(`${catalog.length} public books, ${chapterTotal} public chapters`);
if (catalog.length === 0) throw new Error("the bench database has no public books");

let nginx: Nginx | undefined;
if (args.proxy) {
  const port = await new Promise<number>((resolve) => {
    const probe = http.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  nginx = await startNginx({ upstreamPort: Number(app.port || 80), port, cacheMaxSize: "1g" });
  log(`nginx (deploy/nginx) on ${nginx.url} in front of ${app.origin}`);
}
const target = nginx?.url ?? app.origin;

function routeCacheBytes(): number {
  const dir = path.join(ROOT, ".next", "server", "route-cache");
  if (!existsSync(dir)) return 0;
  return Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0]);
}
function dirBytes(dir: string | undefined): number | null {
  return dir && existsSync(dir) ? Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0]) : null;
}
const diskBefore = { nextRouteCache: routeCacheBytes() };

// ---- traffic ---------------------------------------------------------------------------------

const started = Date.now();
// What the latencies include besides the servers: this process's own delays (its event loop is
// late when the machine's cores are all busy), and how busy the machine's cores were.
// (The histogram holds the timer's intervals: its resolution is subtracted below.)
const LAG_RESOLUTION_MS = 10;
const clientLag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
clientLag.enable();
const cpuBefore = cpuTimes();
const deadline = started + duration;
const readers = new Recorder("readers", started);
const readersAfterWarmup = new Recorder("readers after warm-up", started);
const crawler = new Recorder("crawler", started);
const publishes = new Recorder("publish", started);
const unknown = new Recorder("unknown ids", started);
const bookRank = zipf(catalog.length, number("zipf"), random);

async function reader(): Promise<void> {
  while (Date.now() < deadline) {
    const book = catalog[bookRank()]!;
    const n = book.chapters.length;
    const roll = random();
    let chapter =
      roll < 0.5 ? 0 : roll < 0.8 ? Math.max(0, n - 1 - Math.floor(random() * 5)) : Math.floor(random() * n);
    let page = 1;
    if (random() < 0.3) await timed([readers], target, `/book/${book.id}`);
    const pagesToRead = 5 + Math.floor(random() * 25);
    for (let i = 0; i < pagesToRead && chapter < n && Date.now() < deadline; i++) {
      const id = book.chapters[chapter]!;
      const pathname = page === 1 ? `/book/${book.id}/${id}` : `/book/${book.id}/${id}/${page}`;
      await timed(Date.now() - started > warmup ? [readers, readersAfterWarmup] : [readers], target, pathname);
      if (page < book.pages[chapter]!) page++;
      else {
        chapter++;
        page = 1;
      }
      await sleep(number("think-ms") * (0.5 + random()));
    }
  }
}

async function crawl(workers: number): Promise<void> {
  const index = await request(target, "/sitemap.xml");
  const files = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  for (let i = files.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [files[i], files[j]] = [files[j]!, files[i]!];
  }
  log(`crawler: ${files.length} sitemap files`);
  const queue: string[] = [];
  let fileIndex = 0;
  async function next(): Promise<string | undefined> {
    while (queue.length === 0 && fileIndex < files.length && Date.now() < deadline) {
      const file = await request(target, files[fileIndex++]!);
      queue.push(...[...file.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname));
    }
    return queue.shift();
  }
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let url = await next(); url && Date.now() < deadline; url = await next())
        await timed([crawler], target, url);
    }),
  );
}

// A bot walking ids that do not exist (/book/<real id>/<no such chapter>): every answer is a 404,
// and none of them may be stored beyond the small not-found memory.
async function probeUnknown(count: number, workers: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count && Date.now() < deadline) {
        const n = next++;
        await timed([unknown], target, `/book/${catalog[n % catalog.length]!.id}/${900_000_000 + n}`);
      }
    }),
  );
}

async function publish(perSecond: number): Promise<void> {
  if (perSecond <= 0) return;
  const every = 1000 / perSecond;
  for (let n = 1; Date.now() < deadline; n++) {
    const tick = Date.now();
    const book = catalog[Math.floor(random() * catalog.length)]!;
    const start = performance.now();
    try {
      await scheduleChapterNow(client, book.id, `压测新章 ${n}`);
      // The cron route on the app itself (never cached; the proxy passes /api through).
      const res = await request(app.origin, "/api/cron/publish-due", "POST", { "x-shuhai-cron": cronSecret });
      publishes.record(performance.now() - start, res.status, "other", false);
    } catch (error) {
      publishes.fail(error);
    }
    await sleep(Math.max(0, every - (Date.now() - tick)));
  }
}

type Sample = { t: number; rss: number; readerCacheBytes: number; readerPages: number; nextCacheBytes: number | null };
const samples: Sample[] = [];
async function sample(): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const stats = JSON.parse((await request(app.origin, "/_shuhai/stats")).body) as {
        process: { rss: number };
        readerPages: { bytes: number; pages: number };
        nextPages: { bytes: number } | null;
      };
      samples.push({
        t: Math.round((Date.now() - started) / 1000),
        rss: stats.process.rss,
        readerCacheBytes: stats.readerPages.bytes,
        readerPages: stats.readerPages.pages,
        nextCacheBytes: stats.nextPages?.bytes ?? null,
      });
    } catch (error) {
      log(`stats: ${error instanceof Error ? error.message : String(error)}`);
    }
    await sleep(5000);
  }
}

log(
  `running ${duration / 1000} s: ${args.readers} readers (${args["think-ms"]} ms between pages), ` +
    `${args.crawlers} crawler workers, ${args["publish-per-second"]} publish/s, against ${target}`,
);
const progress = setInterval(() => {
  const s = readers.summary((Date.now() - started) / 1000);
  log(
    `${Math.round((Date.now() - started) / 1000)} s: readers ${s.requests} (hit ${s.hitRatio}), crawler ${crawler.latencies.length}, publishes ${publishes.latencies.length}`,
  );
}, 30_000);
await Promise.all([
  ...Array.from({ length: number("readers") }, () => reader()),
  crawl(number("crawlers")),
  publish(number("publish-per-second")),
  probeUnknown(number("unknown-ids"), 2),
  sample(),
]);
clearInterval(progress);

// ---- report ----------------------------------------------------------------------------------

clientLag.disable();
const cpuAfter = cpuTimes();

const seconds = (Date.now() - started) / 1000;
const renders = (rec: Recorder) => rec.rendersBySecond;
const renderSeconds = Array.from(
  { length: Math.ceil(seconds) },
  (_, i) => (renders(readers)[i] ?? 0) + (renders(crawler)[i] ?? 0),
);
const rss = samples.map((s) => s.rss);
const result = {
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memory: os.totalmem(), load: os.loadavg() },
  target: nginx ? "nginx (deploy/nginx) → app" : "app",
  options: args,
  catalog: { books: catalog.length, chapters: chapterTotal },
  seconds: Number(seconds.toFixed(1)),
  classes: {
    readers: readers.summary(seconds),
    readersAfterWarmup: readersAfterWarmup.summary(Math.max(1, seconds - warmup / 1000)),
    crawler: crawler.summary(seconds),
    publish: publishes.summary(seconds),
    unknownIds: unknown.summary(seconds),
  },
  machineCpuBusy: cpuBefore && cpuAfter ? Number(cpuBusy(cpuBefore, cpuAfter).toFixed(3)) : null,
  loadGeneratorLagMs: {
    p50: lagMs(clientLag.percentile(50)),
    p99: lagMs(clientLag.percentile(99)),
    max: lagMs(clientLag.max),
  },
  rendersPerSecond: {
    mean: Number((renderSeconds.reduce((a, b) => a + b, 0) / Math.max(1, renderSeconds.length)).toFixed(1)),
    max: Math.max(0, ...renderSeconds),
  },
  memory: {
    rssMin: Math.min(...rss),
    rssMax: Math.max(...rss),
    rssLast: rss.at(-1),
    readerCacheBytesMax: Math.max(0, ...samples.map((s) => s.readerCacheBytes)),
    nextCacheBytesMax: Math.max(0, ...samples.map((s) => s.nextCacheBytes ?? 0)),
    samples,
  },
  disk: {
    nextRouteCacheBefore: diskBefore.nextRouteCache,
    nextRouteCacheAfter: routeCacheBytes(),
    nginxCache: dirBytes(nginx?.cacheDir),
  },
};
await nginx?.stop();
await client.end();
agent.destroy();

mkdirSync(args.out!, { recursive: true });
const file = path.join(args.out!, `live-${result.at.replace(/[:.]/g, "-")}${nginx ? "-proxy" : ""}.json`);
writeFileSync(file, JSON.stringify(result, null, 2));

const mb = (n: number | null | undefined) => (n == null ? "–" : `${(n / 1048576).toFixed(0)} MB`);
const row = (name: string, s: ReturnType<Recorder["summary"]>) =>
  `| ${name} | ${s.requests} | ${s.perSecond} | ${s.p50} / ${s.p99} | ${s.cachedP50} / ${s.cachedP99} | ${s.renderedP50} / ${s.renderedP99} | ${s.hitRatio ?? "–"} | ${s.repeatHitRatio ?? "–"} | ${s.status5xx} | ${s.status404} | ${s.networkErrors} |`;
console.log(`\n${result.target}, ${result.seconds} s, ${catalog.length} books / ${chapterTotal} chapters\n`);
console.log(
  "| class | requests | req/s | p50 / p99 ms | from a cache: p50 / p99 | rendered: p50 / p99 | from cache | repeat visits from cache | 5xx | 404 | errors |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
console.log(row("readers", result.classes.readers));
console.log(row(`readers after ${warmup / 1000} s`, result.classes.readersAfterWarmup));
console.log(row("crawler", result.classes.crawler));
console.log(row("publish (write + cron)", result.classes.publish));
if (unknown.latencies.length > 0) console.log(row("unknown ids (404)", result.classes.unknownIds));
console.log(
  `\nrenders/s: mean ${result.rendersPerSecond.mean}, max ${result.rendersPerSecond.max}; ` +
    `RSS ${mb(result.memory.rssMin)}–${mb(result.memory.rssMax)}; reader cache ≤ ${mb(result.memory.readerCacheBytesMax)}, ` +
    `Next page cache ≤ ${mb(result.memory.nextCacheBytesMax)}; .next/server/route-cache ${mb(result.disk.nextRouteCacheBefore)} → ` +
    `${mb(result.disk.nextRouteCacheAfter)}; nginx cache ${mb(result.disk.nginxCache)}\n` +
    `machine CPU busy ${result.machineCpuBusy === null ? "–" : `${(result.machineCpuBusy * 100).toFixed(0)} %`}; ` +
    `load generator's event-loop lag p50 ${result.loadGeneratorLagMs.p50} ms, p99 ${result.loadGeneratorLagMs.p99} ms, ` +
    `max ${result.loadGeneratorLagMs.max} ms (part of every latency above)\n${file}`,
);

/** All cores' busy and total jiffies from /proc/stat (Linux), or null elsewhere. */
function cpuTimes(): { busy: number; total: number } | null {
  if (!existsSync("/proc/stat")) return null;
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

function cpuBusy(before: { busy: number; total: number }, after: { busy: number; total: number }): number {
  return (after.busy - before.busy) / Math.max(1, after.total - before.total);
}

function lagMs(nanoseconds: number): number {
  return Number(Math.max(0, nanoseconds / 1e6 - LAG_RESOLUTION_MS).toFixed(1));
}
