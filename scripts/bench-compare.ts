// `npm run bench:compare -- --data-dir .data/bench [--url http://127.0.0.1:3000] [--wordpress]
//                           [--duration 10] [--connections 50] [--rounds 3]`
//
// Shuhai side by side with its peers, in one run on one machine, loopback only, with wrk
// (apt-get install wrk) as the load generator for all of them:
//   - the cached reading page: Shuhai (its page cache), raw Node `http` and nginx serving the same
//     gzip bytes as a static file, and Shuhai behind the shipped nginx configuration; plus a page
//     Next renders (the book page, from Next's page cache) for reference;
//   - cold renders: Shuhai on reading pages nobody asked for yet (distinct URLs), and, with
//     --wordpress, WordPress from Debian's packages (../shared/anchors/wordpress.sh: one post of
//     the same chapter text, no page cache, so every request renders).
// Every server runs once per round, in turn, for --rounds rounds; the tables show medians and
// each ratio's range over the rounds (share of raw Node for cached pages, multiple of WordPress
// for cold renders), and the run writes bench-results/compare-<time>.json. The load generator shares the machine's cores
// with the servers: run it on an otherwise idle machine and compare ratios, not absolutes.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { embeddedUrl } from "./bench/db";
import { getOk, loopbackUrl } from "./bench/http";
import { NGINX_BINARY, startNginx } from "./lib/nginx";
import { waitForUrl } from "./lib/wait";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WORDPRESS = path.join(ROOT, "..", "shared", "anchors", "wordpress.sh");

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    "database-url": { type: "string" },
    "data-dir": { type: "string" },
    wordpress: { type: "boolean", default: false },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    "cold-connections": { type: "string", default: "4" },
    rounds: { type: "string", default: "3" },
    out: { type: "string", default: path.join(ROOT, "bench-results") },
  },
});
const app = loopbackUrl(args.url!, "--url");
const databaseUrl = args["database-url"] ?? (args["data-dir"] ? embeddedUrl(args["data-dir"]) : undefined);
if (!databaseUrl) throw new Error("--database-url or --data-dir: the database of the running server");
loopbackUrl(databaseUrl, "--database-url");
const duration = Number(args.duration);
const log = (m: string) => console.error(`[bench:compare] ${m}`);
if (spawnSync("wrk", ["--version"]).error) throw new Error("wrk is not installed (apt-get install -y wrk)");

type Result = { name: string; reqPerSec: number; p50: number; p99: number; non2xx: number; timeouts: number };
const runs: (Result & { round: number })[] = [];

/** wrk -t1 (one client thread: the other core is the server's) against one URL or a list of them. */
function wrk(name: string, url: string, opts: { connections: number; urls?: string[]; gzip?: boolean }): Result {
  const dir = mkdtempSync(path.join(os.tmpdir(), "shuhai-wrk-"));
  const script = path.join(dir, "script.lua");
  const headers = opts.gzip === false ? "" : `wrk.headers["Accept-Encoding"] = "gzip"\n`;
  if (opts.urls) {
    writeFileSync(path.join(dir, "urls.txt"), opts.urls.join("\n"));
    writeFileSync(
      script,
      `${headers}local urls = {}\nfor line in io.lines("${dir}/urls.txt") do urls[#urls + 1] = line end\n` +
        `local i = 0\nrequest = function() i = i + 1; return wrk.format("GET", urls[((i - 1) % #urls) + 1]) end\n`,
    );
  } else {
    writeFileSync(script, headers);
  }
  const out = execFileSync("wrk", ["-t1", `-c${opts.connections}`, `-d${duration}s`, "--latency", "-s", script, url], {
    encoding: "utf8",
  });
  const ms = (label: string) => {
    const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return NaN;
    const n = Number(m[1]);
    return m[2] === "us" ? n / 1000 : m[2] === "s" ? n * 1000 : n;
  };
  const result = {
    name,
    reqPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: ms("50%"),
    p99: ms("99%"),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    timeouts: Number(/timeout (\d+)/.exec(out)?.[1] ?? 0),
  };
  log(`${name}: ${result.reqPerSec} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
  return result;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = http.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

// ---- the pages ---------------------------------------------------------------------------------

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
// The most read book's first chapter (cached path), and chapters from the middle of random books
// that no reader of this run has asked for (cold renders).
const {
  rows: [top],
} = await client.query<{ book: number; chapter: number }>(`
  SELECT b.id AS book, (SELECT c.id FROM "Chapter" c WHERE c."bookId" = b.id
    AND shuhai_chapter_is_public(c.status, c."deletedAt") ORDER BY c.position LIMIT 1) AS chapter
  FROM "Book" b WHERE shuhai_book_is_public(b."deletedAt", b."hiddenAt", b."chapterCount")
  ORDER BY b."viewCount" DESC, b.id LIMIT 1`);
const { rows: cold } = await client.query<{ path: string }>(`
  SELECT '/book/' || c."bookId" || '/' || c.id AS path FROM "Chapter" c JOIN "Book" b ON b.id = c."bookId"
  WHERE shuhai_chapter_is_public(c.status, c."deletedAt") AND c.position > 20
    AND shuhai_book_is_public(b."deletedAt", b."hiddenAt", b."chapterCount")
  ORDER BY md5(c.id::text || now()::text) LIMIT 40000`);
await client.end();
if (!top?.chapter) throw new Error("no public chapter in the database");
const chapterPath = `/book/${top.book}/${top.chapter}`;
await getOk(new URL(chapterPath, app));
const page = await getOk(new URL(chapterPath, app), { "accept-encoding": "gzip" });
const html = page.body;
log(`reading page ${chapterPath}: ${html.length} bytes, ${page.wire.length} gzip`);

const dir = mkdtempSync(path.join(os.tmpdir(), "shuhai-compare-"));
// nginx's workers run as an unprivileged user when it is started as root: let them read the page.
chmodSync(dir, 0o755);
writeFileSync(path.join(dir, "page.html"), html);
writeFileSync(path.join(dir, "page.html.gz"), gzipSync(html, { level: 6 }));
const children: ChildProcess[] = [];
const connections = Number(args.connections);
const coldConnections = Number(args["cold-connections"]);
const rounds = Number(args.rounds);
let proxy: Awaited<ReturnType<typeof startNginx>> | undefined;
let wordpressStarted = false;

/** Stops everything this run started, also when it fails half-way. */
async function stopAll() {
  for (const child of children) child.kill();
  await proxy?.stop();
  if (wordpressStarted) stopWordPress();
}

function stopWordPress() {
  spawnSync("bash", [WORDPRESS, "stop"]);
  // MariaDB takes a few seconds to shut down, and wordpress.sh start skips it while it does.
  for (let i = 0; i < 60 && spawnSync("pgrep", ["-x", "mariadbd"]).status === 0; i++) spawnSync("sleep", ["0.5"]);
}

type Target = { name: string; url: string; urls?: () => string[]; connections: number };
const cachedTargets: Target[] = [];
const coldTargets: Target[] = [];

try {
  const rawPort = await freePort();
  const raw = spawn(
    process.execPath,
    [
      "-e",
      `const b=require("fs").readFileSync(${JSON.stringify(path.join(dir, "page.html.gz"))});` +
        `require("http").createServer((q,r)=>{r.writeHead(200,{"content-type":"text/html; charset=utf-8","content-encoding":"gzip","content-length":b.length});r.end(b)}).listen(${rawPort},"127.0.0.1")`,
    ],
    { stdio: "inherit" },
  );
  children.push(raw);
  await waitForUrl(`http://127.0.0.1:${rawPort}/`);
  cachedTargets.push({ name: "raw Node http, same gzip bytes", url: `http://127.0.0.1:${rawPort}/`, connections });

  if (NGINX_BINARY) {
    const staticPort = await freePort();
    const conf = path.join(dir, "static.conf");
    mkdirSync(path.join(dir, "temp"));
    writeFileSync(
      conf,
      `worker_processes 1; pid ${dir}/static.pid; error_log ${dir}/static-error.log warn;
events { worker_connections 1024; }
http { access_log off; include /etc/nginx/mime.types; client_body_temp_path ${dir}/temp; proxy_temp_path ${dir}/temp;
  fastcgi_temp_path ${dir}/temp; uwsgi_temp_path ${dir}/temp; scgi_temp_path ${dir}/temp;
  server { listen 127.0.0.1:${staticPort}; root ${dir}; gzip_static on; location / { try_files /page.html =404; } } }`,
    );
    children.push(spawn(NGINX_BINARY, ["-p", dir, "-c", conf, "-g", "daemon off;"], { stdio: "inherit" }));
    await waitForUrl(`http://127.0.0.1:${staticPort}/`);
    cachedTargets.push({
      name: "nginx, same bytes as a static file",
      url: `http://127.0.0.1:${staticPort}/`,
      connections,
    });
  }
  cachedTargets.push({ name: "Shuhai, reading page from its cache", url: new URL(chapterPath, app).href, connections });
  if (NGINX_BINARY) {
    proxy = await startNginx({ upstreamPort: Number(app.port || 80), port: await freePort() });
    // The variant wrk asks for (gzip), so the run does not start on nginx's miss.
    await getOk(new URL(chapterPath, proxy.url), { "accept-encoding": "gzip" });
    cachedTargets.push({
      name: "Shuhai behind deploy/nginx (micro-cache)",
      url: new URL(chapterPath, proxy.url).href,
      connections,
    });
  }
  // The 繁體 copy of the same page, kept beside it in the reader's cache.
  await getOk(new URL(`/zh-hant${chapterPath}`, app), { "accept-encoding": "gzip" });
  cachedTargets.push({
    name: "Shuhai, the same page in 繁體 from its cache",
    url: new URL(`/zh-hant${chapterPath}`, app).href,
    connections,
  });
  await getOk(new URL(`/book/${top.book}`, app));
  cachedTargets.push({
    name: "Shuhai, book page from Next's page cache",
    url: new URL(`/book/${top.book}`, app).href,
    connections,
  });

  // Each round asks for chapters no earlier round asked for, so every request is a first render;
  // the 繁體 pages are other chapters again (rendered and converted).
  let round = 0;
  const share = Math.floor(cold.length / rounds / 2);
  coldTargets.push({
    name: "Shuhai, reading pages not yet rendered",
    url: app.origin,
    urls: () => cold.slice(2 * round * share, (2 * round + 1) * share).map((r) => r.path),
    connections: coldConnections,
  });
  coldTargets.push({
    name: "Shuhai, 繁體 reading pages not yet rendered",
    url: app.origin,
    urls: () => cold.slice((2 * round + 1) * share, (2 * round + 2) * share).map((r) => `/zh-hant${r.path}`),
    connections: coldConnections,
  });
  if (args.wordpress) {
    const body = /<div class="chapter-body">([\s\S]*?)<\/div>/.exec(html.toString("utf8"))?.[1] ?? "";
    writeFileSync(path.join(dir, "post.html"), body);
    log("starting WordPress (../shared/anchors/wordpress.sh; the first run installs Debian's packages)…");
    stopWordPress();
    wordpressStarted = true;
    const started = spawnSync("bash", [WORDPRESS, "start", path.join(dir, "post.html")], { encoding: "utf8" });
    const postId = /^(\d+)\s*$/m.exec(started.stdout)?.[1];
    if (!postId) throw new Error(`wordpress.sh gave no post id:\n${started.stdout}\n${started.stderr}`);
    const wpUrl = `http://127.0.0.1:18090/?p=${postId}`;
    await getOk(wpUrl);
    coldTargets.push({
      name: "WordPress (Debian), the same text as one post, no page cache",
      url: wpUrl,
      connections: coldConnections,
    });
  }

  // Rounds, each running every server once in turn: a burst of noise from the machine's
  // neighbours then shows as a spread of the ratios instead of one server's bad luck.
  for (; round < rounds; round++) {
    log(`round ${round + 1} of ${rounds}`);
    for (const t of [...cachedTargets, ...coldTargets])
      runs.push({ round, ...wrk(t.name, t.url, { connections: t.connections, urls: t.urls?.() }) });
  }
} finally {
  await stopAll();
}

// ---- report ----------------------------------------------------------------------------------

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round1 = (n: number) => Number(n.toFixed(1));
/** Per server: medians over the rounds, and its ratio to the reference in each round. */
function summarize(targets: Target[], reference: string | undefined) {
  return targets.map(({ name }) => {
    const mine = runs.filter((r) => r.name === name);
    const ratios = reference
      ? mine.map((r) => r.reqPerSec / runs.find((x) => x.round === r.round && x.name === reference)!.reqPerSec)
      : [];
    return {
      name,
      reqPerSec: round1(median(mine.map((r) => r.reqPerSec))),
      reqPerSecRange: [Math.min(...mine.map((r) => r.reqPerSec)), Math.max(...mine.map((r) => r.reqPerSec))],
      p50: round1(median(mine.map((r) => r.p50))),
      p99: round1(median(mine.map((r) => r.p99))),
      non2xx: mine.reduce((n, r) => n + r.non2xx, 0),
      timeouts: mine.reduce((n, r) => n + r.timeouts, 0),
      ratio: ratios.length ? median(ratios) : null,
      ratioRange: ratios.length ? [Math.min(...ratios), Math.max(...ratios)] : null,
    };
  });
}
const wordpressName = coldTargets.find((t) => t.name.startsWith("WordPress"))?.name;
const result = {
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, load: os.loadavg() },
  page: { path: chapterPath, bytes: html.length, gzipBytes: page.wire.length },
  duration,
  rounds,
  connections,
  coldConnections,
  cached: summarize(cachedTargets, cachedTargets[0]!.name),
  cold: summarize(coldTargets, wordpressName),
  runs,
};
mkdirSync(args.out!, { recursive: true });
const file = path.join(args.out!, `compare-${result.at.replace(/[:.]/g, "-")}.json`);
writeFileSync(file, JSON.stringify(result, null, 2));

const pct = (n: number) => `${(n * 100).toFixed(0)} %`;
const times = (n: number) => `${n.toFixed(1)}×`;
const range = (r: number[] | null, f: (n: number) => string) => (r ? `${f(r[0]!)}–${f(r[1]!)}` : "–");
console.log(
  `\ncached reading page (${connections} connections, ${rounds} rounds of ${duration} s, wrk -t1; medians)\n`,
);
console.log("| server | req/s | share of raw Node (rounds) | p50 ms | p99 ms | non-2xx |");
console.log("|---|---|---|---|---|---|");
for (const r of result.cached)
  console.log(
    `| ${r.name} | ${r.reqPerSec} | ${pct(r.ratio!)} (${range(r.ratioRange, pct)}) | ${r.p50} | ${r.p99} | ${r.non2xx} |`,
  );
console.log(`\ncold renders (${coldConnections} connections; medians)\n`);
console.log("| server | req/s | × WordPress (rounds) | p50 ms | p99 ms | non-2xx |");
console.log("|---|---|---|---|---|---|");
for (const r of result.cold)
  console.log(
    `| ${r.name} | ${r.reqPerSec} | ${r.ratio === null ? "–" : `${times(r.ratio)} (${range(r.ratioRange, times)})`} | ${r.p50} | ${r.p99} | ${r.non2xx} |`,
  );
console.log(`\n${file}`);
