// `npm run bench:comments -- --url http://127.0.0.1:3000 (--data-dir <embedded pg dir> | --database-url <url>)
//                            [--comments 10000] [--connections 20] [--duration 10]`
//
// The comment endpoints under load on a chapter with many comments, against a running server, on
// loopback only: writes COMMENTS comments (a third on paragraphs, a tenth of them replies, likes
// spread over them) to one public chapter straight into the database, then measures with
// autocannon the counts (GET /api/chapters/<id>/comment-counts), the newest and most liked pages,
// one paragraph's page and a later page by cursor, each with the server's own cache cold (one
// request) and warm (load), and deletes what it wrote. Prints p50/p99 latency and requests/s.
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { embeddedUrl } from "./bench/db";
import { getOk, loopbackUrl } from "./bench/http";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    "data-dir": { type: "string" },
    "database-url": { type: "string" },
    comments: { type: "string", default: "10000" },
    connections: { type: "string", default: "20" },
    duration: { type: "string", default: "10" },
  },
});
const base = loopbackUrl(args.url, "--url");
const databaseUrl = args["database-url"] ?? (args["data-dir"] ? embeddedUrl(args["data-dir"]) : undefined);
if (!databaseUrl) throw new Error("--data-dir or --database-url: the database the server uses");
const total = Number(args.comments);
const connections = Number(args.connections);
const duration = Number(args.duration);

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const { rows: picked } = await client.query<{ chapter: number; book: number; paragraphs: number }>(`
  SELECT c.id AS chapter, c."bookId" AS book,
    array_length(string_to_array(cc.body, E'\\n'), 1) AS paragraphs
  FROM "Chapter" c JOIN "Book" b ON b.id = c."bookId" JOIN "ChapterContent" cc ON cc."chapterId" = c.id
  WHERE shuhai_chapter_is_public(c.status, c."deletedAt")
    AND shuhai_book_is_public(b."deletedAt", b."hiddenAt", b."chapterCount")
  ORDER BY c.id LIMIT 1`);
const target = picked[0];
if (!target) throw new Error("no public chapter in this database");
const { rows: users } = await client.query<{ id: number }>(`SELECT id FROM "User" ORDER BY id LIMIT 50`);
const marker = `bench-comments-${Date.now()}`;

console.log(`chapter ${target.chapter} (${target.paragraphs} paragraphs): writing ${total} comments…`);
const started = Date.now();
// Top-level comments over the last 30 days; every tenth is a reply to an earlier one.
await client.query(
  `INSERT INTO "Comment" ("chapterId", "bookId", "userId", paragraph, anchor, body, "likeCount", "createdAt", "updatedAt")
   SELECT $1, $2, ($3::int[])[1 + (i % array_length($3::int[], 1))],
     CASE WHEN i % 3 = 0 THEN i % $4 END, CASE WHEN i % 3 = 0 THEN 'bench' END,
     $5 || ' #' || i || ' 这一段写得真好，期待后续。', (i * 7919) % 500,
     now() - (($6 - i) * interval '4 minutes'), now()
   FROM generate_series(1, $6) AS i WHERE i % 10 <> 0`,
  [target.chapter, target.book, users.map((u) => u.id), Math.max(1, target.paragraphs), marker, total],
);
await client.query(
  `INSERT INTO "Comment" ("chapterId", "bookId", "userId", "parentId", paragraph, anchor, body, "createdAt", "updatedAt")
   SELECT p."chapterId", p."bookId", p."userId", p.id, p.paragraph, p.anchor, $2 || ' reply', p."createdAt" + interval '1 minute', now()
   FROM (SELECT * FROM "Comment" WHERE body LIKE $2 || '%' ORDER BY id LIMIT $1) p`,
  [Math.floor(total / 10), marker],
);
await client.query(
  `UPDATE "Comment" h SET "replyCount" = r.n FROM (SELECT "parentId", count(*)::int AS n FROM "Comment" WHERE "parentId" IS NOT NULL AND body LIKE $1 || '%' GROUP BY 1) r WHERE h.id = r."parentId"`,
  [marker],
);
console.log(`written in ${Date.now() - started} ms`);

const api = `/api/chapters/${target.chapter}`;
const timed = async (path: string) => {
  const t0 = performance.now();
  const answer = await getOk(new URL(path, base));
  return { ms: performance.now() - t0, body: answer.body.toString() };
};

try {
  // Cold: the first request for each answer (the server has not cached this chapter's comments
  // since they were written: run it once per server start, or after the cache lapses).
  const cold: Record<string, number> = {};
  cold.counts = (await timed(`${api}/comment-counts`)).ms;
  cold["most liked page"] = (await timed(`${api}/comments?sort=top`)).ms;
  cold["one paragraph"] = (await timed(`${api}/comments?paragraph=0`)).ms;
  const newest = await timed(`${api}/comments`);
  cold["newest page"] = newest.ms;
  const cursor = (JSON.parse(newest.body) as { next: string | null }).next ?? "";
  cold["second page (cursor)"] = (await timed(`${api}/comments?after=${encodeURIComponent(cursor)}`)).ms;
  const paths: Record<string, string> = {
    counts: `${api}/comment-counts`,
    "newest page": `${api}/comments`,
    "most liked page": `${api}/comments?sort=top`,
    "one paragraph": `${api}/comments?paragraph=0`,
    "second page (cursor)": `${api}/comments?after=${encodeURIComponent(cursor)}`,
  };
  for (const [name, path] of Object.entries(paths)) {
    const result = await autocannon({ url: new URL(path, base).href, connections, duration });
    console.log(
      `${name.padEnd(22)} cold ${cold[name]!.toFixed(1).padStart(6)} ms · warm p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${Math.round(result.requests.average)} req/s, ${result.non2xx} non-2xx`,
    );
  }
} finally {
  const { rowCount } = await client.query(`DELETE FROM "Comment" WHERE body LIKE $1 || '%'`, [marker]);
  console.log(`removed ${rowCount} bench comments`);
  await client.end();
}
