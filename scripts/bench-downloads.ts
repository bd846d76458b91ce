// `npm run bench:downloads [-- --chapters 2000] [--chars 3000]`
//
// Downloads of a long book: how long the book-download job (lib/downloads) takes to make the TXT
// and the EPUB of a book of CHAPTERS public chapters of CHARS characters each (in ten volumes),
// how much memory the process holds meanwhile (its peak RSS and heap above the start), how long
// streaming the stored file back takes, and what a second run of the job costs (nothing to do).
// On a throw-away embedded PostgreSQL, so it never touches a real catalog. The bodies are random
// common Han characters in lines of 100, which compress worse than real prose (an upper bound).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { buildDownload } from "@/lib/downloads/job";
import { readDownloadBook } from "@/lib/downloads/source";
import { readDownload } from "@/lib/downloads/store";
import { createBook, createUser, createVolume, syncBookCounters } from "@/lib/test/fixtures";

const { values: args } = parseArgs({
  options: { chapters: { type: "string", default: "2000" }, chars: { type: "string", default: "3000" } },
});
const chapters = Number(args.chapters);
const chars = Number(args.chars);

const dir = await mkdtemp(path.join(os.tmpdir(), "shuhai-bench-downloads-"));
// As root, PostgreSQL runs as the `postgres` user, which must reach the data directory.
await chmod(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 0 });
const db = createPrismaClient(server.url);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Runs `work` and reports its time and the process's peak RSS and heap above where they started. */
async function measure<T>(label: string, work: () => Promise<T>): Promise<T> {
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 10);
  const start = performance.now();
  try {
    return await work();
  } finally {
    clearInterval(sampler);
    console.log(
      `${label}: ${(performance.now() - start).toFixed(0)} ms, peak RSS ${mb(peakRss)} (+${mb(peakRss - base.rss)}), peak heap +${mb(peakHeap - base.heapUsed)}`,
    );
  }
}

try {
  await migrate(server.url);
  const author = await createUser(db, { role: "AUTHOR" });
  const book = await createBook(db, { authorId: author.id, title: "长篇测试", intro: "一部很长的书。" });
  const volumes = [];
  for (let v = 1; v <= 10; v++) volumes.push((await createVolume(db, book.id, `第${v}卷`)).id);
  let start = performance.now();
  await db.$executeRaw`
    INSERT INTO "Chapter" ("bookId", "volumeId", position, title, "wordCount", status, "publishedAt", "updatedAt")
    SELECT ${book.id}, (${volumes}::int[])[1 + (g - 1) * 10 / ${chapters}], g, '第' || g || '章', ${chars},
           'PUBLISHED', now(), now()
    FROM generate_series(1, ${chapters}) g`;
  await db.$executeRaw`
    INSERT INTO "ChapterContent" ("chapterId", body)
    SELECT c.id, (SELECT string_agg(chr(19968 + (random() * 3000)::int) || CASE WHEN i % 100 = 0 THEN E'\n' ELSE '' END, '')
                  FROM generate_series(1, ${chars}) i WHERE c.id > 0)
    FROM "Chapter" c WHERE c."bookId" = ${book.id}`;
  await syncBookCounters(db, book.id);
  await db.$executeRaw`ANALYZE`;
  console.log(`${chapters} chapters × ${chars} characters written in ${(performance.now() - start).toFixed(0)} ms`);

  const current = (await readDownloadBook(db, book.id))!;
  start = performance.now();
  for (let i = 0; i < 20; i++) await readDownloadBook(db, book.id);
  console.log(`content version (one request's check): ${((performance.now() - start) / 20).toFixed(1)} ms`);
  for (const format of ["txt", "epub"] as const) {
    const file = await measure(`${format}: made`, () => buildDownload(db, current, format));
    console.log(`${format}: ${mb(file.size)}`);
    await measure(`${format}: streamed back`, async () => {
      let bytes = 0;
      const reader = readDownload(db, file.id).getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
      if (bytes !== file.size) throw new Error(`read ${bytes} of ${file.size} bytes`);
    });
    await measure(`${format}: the job again (already made)`, () => buildDownload(db, current, format));
  }
} finally {
  await db.$disconnect();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
