// `npm run bench -- [--url http://127.0.0.1:3000] [--connections 50] [--duration 20]
//                   [--database-url postgres://… | --data-dir /path/to/embedded/pg] [--db-requests 200]`
//
// Against a server that is already running (npm start), on loopback only:
//   1. finds a book and a chapter from the home and book pages and warms them;
//   2. load: autocannon on a cached chapter page, the book page, the home page and the TOC;
//   3. weight: a chapter page's HTML raw / gzip (level 6) / brotli, and the JavaScript and CSS it
//      loads (every <script src> and stylesheet, fetched and summed);
//   4. database: the claim "a cached chapter page does not query the database", from PostgreSQL's
//      statistics before and after N requests to the warmed chapter (see scripts/bench/db.ts),
//      with one first request to a chapter nobody has read as a control that the method counts;
// and writes everything to bench-results/<timestamp>.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { diff, embeddedUrl, minus, snapshot, type Delta, type Snapshot } from "./bench/db";
import { get, getOk, loopbackUrl, sizes, type Sizes } from "./bench/http";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "20" },
    "database-url": { type: "string" },
    "data-dir": { type: "string" },
    "db-requests": { type: "string", default: "200" },
    "settle-ms": { type: "string", default: "11000" },
    "skip-load": { type: "boolean", default: false },
    out: { type: "string", default: path.join(ROOT, "bench-results") },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (args.help) {
  console.log(
    "usage: npm run bench -- [--url http://127.0.0.1:3000] [--connections 50] [--duration 20]\n" +
      "       [--database-url postgres://…@127.0.0.1:port/db | --data-dir <embedded pg dir>]\n" +
      "       [--db-requests 200] [--settle-ms 11000] [--skip-load] [--out bench-results]",
  );
  process.exit(0);
}

function positiveInt(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: expected a positive integer, got ${raw}`);
  return n;
}

const base = loopbackUrl(args.url, "--url");
const connections = positiveInt("connections", args.connections);
const duration = positiveInt("duration", args.duration);
const dbRequests = positiveInt("db-requests", args["db-requests"]);
const settleMs = positiveInt("settle-ms", args["settle-ms"]);
const databaseUrl = args["database-url"] ?? (args["data-dir"] ? embeddedUrl(args["data-dir"]) : undefined);
if (databaseUrl) loopbackUrl(databaseUrl, "--database-url");

const at = (p: string) => new URL(p, base).href;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (m: string) => console.error(`[bench] ${m}`);

// ---- 1. discovery and warm-up ------------------------------------------------------------------

function hrefs(html: string, pattern: RegExp): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/href="([^"]+)"/g)) {
    const href = m[1]!.split(/[?#]/)[0]!;
    if (pattern.test(href)) found.add(href);
  }
  return [...found];
}

const home = (await getOk(at("/"))).body.toString("utf8");
const bookPath = hrefs(home, /^\/book\/\d+$/)[0];
if (!bookPath) throw new Error("no /book/<id> link on the home page");
const bookHtml = (await getOk(at(bookPath))).body.toString("utf8");
const chapterPaths = hrefs(bookHtml, new RegExp(`^${bookPath}/\\d+$`));
const chapterPath = chapterPaths[0];
if (!chapterPath) throw new Error(`no ${bookPath}/<chapterId> link on ${bookPath}`);
const tocPath = `${bookPath}/toc`;
log(`book ${bookPath}, chapter ${chapterPath}, toc ${tocPath}`);

const targets = [
  { name: "chapter (cached)", path: chapterPath },
  { name: "book", path: bookPath },
  { name: "home", path: "/" },
  { name: "toc", path: tocPath },
];

const cacheHeaders: Record<string, { first: string | null; second: string | null }> = {};
for (const t of targets) {
  const first = await getOk(at(t.path));
  const second = await getOk(at(t.path));
  cacheHeaders[t.path] = {
    first: (first.headers["x-nextjs-cache"] as string | undefined) ?? null,
    second: (second.headers["x-nextjs-cache"] as string | undefined) ?? null,
  };
}
log(`warmed; x-nextjs-cache: ${JSON.stringify(cacheHeaders)}`);

// ---- 2. load -----------------------------------------------------------------------------------

interface LoadRow {
  name: string;
  path: string;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Every failed request, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  bytesPerSec: number;
}

const load: LoadRow[] = [];
if (!args["skip-load"]) {
  for (const t of targets) {
    log(`autocannon ${t.path}: ${connections} connections, ${duration} s`);
    const r = await autocannon({
      url: at(t.path),
      connections,
      duration,
      // As a browser would: the server compresses the HTML.
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    load.push({
      name: t.name,
      path: t.path,
      requests: r.requests.total,
      rps: Math.round(r.requests.average * 10) / 10,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      bytesPerSec: Math.round(r.throughput.average),
    });
    await sleep(1000);
  }
}

// ---- 3. page weight ----------------------------------------------------------------------------

interface Asset extends Sizes {
  url: string;
}

async function assets(urls: string[]): Promise<{ files: Asset[]; total: Sizes }> {
  const files: Asset[] = [];
  for (const url of urls) files.push({ url, ...sizes((await getOk(url)).body) });
  const total = files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip, brotli: a.brotli + f.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
  return { files, total };
}

const chapterRaw = await getOk(at(chapterPath)); // no Accept-Encoding: the uncompressed HTML
const chapterGz = await getOk(at(chapterPath), { "accept-encoding": "gzip" });
const html = chapterRaw.body.toString("utf8");
const unique = (xs: string[]) => [...new Set(xs)];
const scriptUrls = unique([...html.matchAll(/<script\b[^>]*?\bsrc="([^"]+)"/g)].map((m) => at(m[1]!)));
const cssUrls = unique(
  [...html.matchAll(/<link\b[^>]*?>/g)]
    .map((m) => m[0])
    .filter((tag) => /\brel="stylesheet"/.test(tag))
    .map((tag) => /\bhref="([^"]+)"/.exec(tag)?.[1])
    .filter((h): h is string => Boolean(h))
    .map((h) => at(h)),
);
const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
const weight = {
  path: chapterPath,
  html: sizes(chapterRaw.body),
  htmlAsServed: {
    contentEncoding: (chapterGz.headers["content-encoding"] as string | undefined) ?? null,
    bytes: chapterGz.wire.length,
  },
  inlineScripts: { count: inlineScripts.length, raw: Buffer.byteLength(inlineScripts.join(""), "utf8") },
  js: await assets(scriptUrls),
  css: await assets(cssUrls),
};
log(
  `chapter HTML ${weight.html.raw} B raw, ${weight.html.gzip} B gzip, ${weight.html.brotli} B brotli; ` +
    `${weight.js.files.length} scripts ${weight.js.total.raw} B raw, ${weight.js.total.gzip} B gzip`,
);

// ---- 4. database queries per cached request ----------------------------------------------------

interface DbCheck {
  databaseUrl: string;
  requests: number;
  settleMs: number;
  cacheHeaders: Record<string, number>;
  snapshots: Record<string, Snapshot>;
  /** Two readings with no traffic in between: the readings' own statements plus background. */
  idle: Delta;
  /** Raw change across the N cached requests, and the same minus `idle`. */
  cachedRaw: Delta;
  cached: Delta;
  perCachedRequest: { xactCommit: number; tableScans: number; sessions: number; statementCalls: number | null };
  /** One first request to a chapter that had not been rendered: proves the counters move. */
  control: { path: string; cacheHeader: string | null; raw: Delta; net: Delta } | null;
  verdict: string;
}

let db: DbCheck | null = null;
if (databaseUrl) {
  const settle = async () => {
    log(`waiting ${settleMs} ms for PostgreSQL to publish its statistics`);
    await sleep(settleMs);
  };
  await getOk(at(chapterPath));
  await settle();
  const s0 = await snapshot(databaseUrl);
  await settle();
  const s1 = await snapshot(databaseUrl);
  const cache: Record<string, number> = {};
  log(`${dbRequests} requests to ${chapterPath}`);
  for (let i = 0; i < dbRequests; i++) {
    const res = await getOk(at(chapterPath), { "accept-encoding": "gzip" });
    const h = (res.headers["x-nextjs-cache"] as string | undefined) ?? "(none)";
    cache[h] = (cache[h] ?? 0) + 1;
  }
  await settle();
  const s2 = await snapshot(databaseUrl);

  // Control: a chapter from the far end of the TOC, probably never rendered yet.
  const toc = (await getOk(at(tocPath))).body.toString("utf8");
  const candidates = hrefs(toc, new RegExp(`^${bookPath}/\\d+$`)).filter((p) => p !== chapterPath);
  const controlPath = candidates[candidates.length - 1 - Math.floor(Math.random() * Math.min(20, candidates.length))];
  let control: DbCheck["control"] = null;
  let s3: Snapshot | undefined;
  if (controlPath) {
    // The TOC request above is itself cached; settle again so that only the control request counts.
    await settle();
    const s2b = await snapshot(databaseUrl);
    const res = await getOk(at(controlPath), { "accept-encoding": "gzip" });
    await settle();
    s3 = await snapshot(databaseUrl);
    const raw = diff(s3, s2b);
    control = {
      path: controlPath,
      cacheHeader: (res.headers["x-nextjs-cache"] as string | undefined) ?? null,
      raw,
      net: minus(raw, diff(s1, s0)),
    };
  }

  const idle = diff(s1, s0);
  const cachedRaw = diff(s2, s1);
  const cached = minus(cachedRaw, idle);
  const per = {
    xactCommit: cached.xactCommit / dbRequests,
    tableScans: cached.tableScans / dbRequests,
    sessions: cached.sessions / dbRequests,
    statementCalls: cached.statementCalls === null ? null : cached.statementCalls / dbRequests,
  };
  const controlMoved = control ? control.net.xactCommit > 0 || control.net.tableScans > 0 : false;
  const verdict =
    cached.tableScans === 0 && Math.abs(cached.xactCommit) < dbRequests / 20
      ? `holds: ${dbRequests} cached requests read no application table and opened ${cached.sessions} connections and committed ${cached.xactCommit} transactions beyond the idle baseline` +
        (control ? `; control ${controlMoved ? "moved the counters as expected" : "did NOT move the counters"}` : "")
      : `does not hold: ${per.xactCommit.toFixed(2)} transactions and ${per.tableScans.toFixed(2)} table scans per cached request`;
  db = {
    databaseUrl: databaseUrl.replace(/:[^:@/]*@/, ":***@"),
    requests: dbRequests,
    settleMs,
    cacheHeaders: cache,
    snapshots: { before: s0, idle: s1, afterCached: s2, ...(s3 ? { afterControl: s3 } : {}) },
    idle,
    cachedRaw,
    cached,
    perCachedRequest: per,
    control,
    verdict,
  };
  log(`database: ${verdict}`);
} else {
  log("no --database-url / --data-dir: skipping the database check");
}

// ---- results -----------------------------------------------------------------------------------

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

const health = await get(at("/api/health/live")).catch(() => null);
const results = {
  at: new Date().toISOString(),
  url: base.origin,
  commit: gitCommit(),
  machine: { node: process.version, cpus: os.cpus().length, loadavg: os.loadavg().map((x) => +x.toFixed(2)) },
  settings: { connections, duration },
  pages: { book: bookPath, chapter: chapterPath, toc: tocPath },
  cacheHeaders,
  load,
  weight,
  db,
  serverStillLive: health?.status === 200,
};

mkdirSync(args.out, { recursive: true });
const file = path.join(args.out, `${results.at.replace(/[:.]/g, "-")}.json`);
writeFileSync(file, JSON.stringify(results, null, 2) + "\n");

const pad = (s: string | number, n: number) => String(s).padStart(n);
const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
const lines = [
  "",
  `${"page".padEnd(40)}${pad("req/s", 9)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("errors", 10)}${pad("non2xx", 8)}`,
  ...load.map(
    (r) =>
      `${`${r.name} ${r.path}`.padEnd(40)}${pad(r.rps, 9)}${pad(r.p50, 9)}${pad(r.p99, 9)}${pad(`${r.errors}${r.timeouts ? ` (${r.timeouts}t)` : ""}`, 10)}${pad(r.non2xx, 8)}`,
  ),
  "",
  `chapter HTML ${chapterPath}: ${kb(weight.html.raw)} raw, ${kb(weight.html.gzip)} gzip-6, ${kb(weight.html.brotli)} brotli` +
    ` (served ${weight.htmlAsServed.contentEncoding ?? "uncompressed"}: ${kb(weight.htmlAsServed.bytes)})`,
  `JavaScript: ${weight.js.files.length} files, ${kb(weight.js.total.raw)} raw, ${kb(weight.js.total.gzip)} gzip-6, ${kb(weight.js.total.brotli)} brotli`,
  `CSS: ${weight.css.files.length} files, ${kb(weight.css.total.raw)} raw, ${kb(weight.css.total.gzip)} gzip-6`,
  db
    ? `database, ${db.requests} cached chapter requests: ${db.cached.xactCommit} transactions, ${db.cached.tableScans} table scans, ` +
      `${db.cached.sessions} new connections (net of idle baseline ${db.idle.xactCommit}/${db.idle.tableScans}/${db.idle.sessions}; ` +
      `autovacuum runs meanwhile ${db.cachedRaw.autovacuumRuns}); control first render: ` +
      `${db.control ? `${db.control.net.xactCommit} transactions, ${db.control.net.tableScans} table scans` : "n/a"}\n  claim ${db.verdict}`
    : "database check skipped (pass --database-url or --data-dir)",
  "",
  `written to ${path.relative(ROOT, file)}`,
];
console.log(JSON.stringify(results, null, 2));
console.log(lines.join("\n"));
