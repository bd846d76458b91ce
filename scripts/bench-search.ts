// Measures search latency on a 100,000-book catalog, calling the query functions directly.
//
//   npx tsx scripts/bench-search.ts                 throwaway embedded PostgreSQL in /tmp (port
//                                                   54361): migrate, seed 100k books, measure, delete
//   npx tsx scripts/bench-search.ts --url <url>     an already seeded database (left as it is)
//
// Each query runs RUNS times after one warm-up; p50/p95 per query and per kind are printed.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { querySearch, querySuggestions } from "@/lib/data/queries/search";
import { backfillTitlePinyin } from "@/lib/db/pinyin-backfill";
import { parseSearchQuery } from "@/lib/search/normalize";
import { seedDemo } from "@/prisma/seed";

const BOOKS = 100_000;
const RUNS = 50;
const PORT = Number(process.env.BENCH_SEARCH_PORT ?? 54361);

const QUERIES: { kind: string; q: string }[] = [
  { kind: "zh 1 char", q: "天" },
  { kind: "zh 1 char", q: "剑" },
  { kind: "zh 1 char", q: "星" },
  { kind: "zh 2 chars", q: "星辰" },
  { kind: "zh 2 chars", q: "重生" },
  { kind: "zh 2 chars", q: "都市" },
  { kind: "zh 3+ chars", q: "星辰大海" },
  { kind: "zh 3+ chars", q: "时光之主" },
  { kind: "zh 3+ chars", q: "赘婿当道" },
  { kind: "en prefix", q: "drag" },
  { kind: "en prefix", q: "cit" },
  { kind: "en prefix", q: "st" },
  { kind: "en words", q: "oath winter" },
  { kind: "en typo", q: "citadle" },
  { kind: "en typo", q: "wintr" },
  { kind: "en typo", q: "draogn" },
  { kind: "author", q: "明月" },
  { kind: "tag", q: "slow burn" },
  { kind: "pinyin full", q: "chongsheng" },
  { kind: "pinyin full", q: "xing chen" },
  { kind: "pinyin init", q: "xc" },
  { kind: "pinyin init", q: "jl" },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function measure(url: string) {
  const db = createPrismaClient(url);
  const byKind = new Map<string, number[]>();
  const lines: string[] = [];
  try {
    for (const { kind, q } of QUERIES) {
      const query = parseSearchQuery(q);
      for (const [what, run] of [
        ["page", () => querySearch(db, query)],
        ["suggest", () => querySuggestions(db, query)],
      ] as const) {
        const first = await run();
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now();
          await run();
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        const hits = "total" in first ? first.total : first.length;
        lines.push(
          `${what.padEnd(8)} ${kind.padEnd(12)} ${q.padEnd(12)} hits ${String(hits).padStart(6)}  p50 ${percentile(times, 50).toFixed(1).padStart(5)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(5)} ms`,
        );
        const key = `${what} ${kind}`;
        byKind.set(key, [...(byKind.get(key) ?? []), ...times]);
      }
    }
  } finally {
    await db.$disconnect();
  }
  console.log(lines.join("\n"));
  console.log("\nper kind (all runs of its queries):");
  for (const [key, times] of byKind) {
    times.sort((a, b) => a - b);
    console.log(
      `${key.padEnd(22)} p50 ${percentile(times, 50).toFixed(1).padStart(5)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(5)} ms  (n=${times.length})`,
    );
  }
}

// The title pinyin backfill (lib/db/pinyin-backfill.ts) as after the migration on a catalog that
// had none, timed; then the plan of a pinyin lookup.
async function backfillBench(client: pg.Client) {
  await client.query(`UPDATE "Book" SET "titlePinyin" = NULL, "titleInitials" = NULL`);
  await client.query('VACUUM ANALYZE "Book"');
  const started = performance.now();
  const filled = await backfillTitlePinyin(client);
  console.log(`backfill: title pinyin for ${filled} books in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await client.query('VACUUM ANALYZE "Book"');
  const plan = await client.query<{ "QUERY PLAN": string }>(
    `EXPLAIN ANALYZE SELECT s."bookId" FROM (
       SELECT b.id FROM "Book" b WHERE b."titlePinyin" COLLATE "C" LIKE 'xingchen%'
       UNION SELECT b.id FROM "Book" b WHERE b."titleInitials" COLLATE "C" LIKE 'xingchen%') p
       JOIN "BookSearch" s ON s."bookId" = p.id`,
  );
  console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
}

async function main() {
  const urlFlag = process.argv.indexOf("--url");
  const given = urlFlag === -1 ? undefined : process.argv[urlFlag + 1];
  if (given) return measure(given);

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shuhai-bench-search-"));
  await fs.chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: PORT,
    database: "bench",
    ephemeral: true,
  });
  try {
    await migrate(server.url);
    await seedDemo(server.url, { books: BOOKS, chaptersPerBook: 1, log: console.log });
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query("VACUUM ANALYZE");
    await backfillBench(client);
    await client.end();
    await measure(server.url);
  } finally {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

await main();
