// `npm run bench:fanout [-- --followers 100000] [--email-share 0.01]`
//
// Publish with fan-out: how long an author waits when a book with FOLLOWERS followers gets a new
// chapter, and how long the background job (lib/jobs, lib/data/notices/fanout.ts) then takes to
// give every follower their notice. On a throw-away embedded PostgreSQL (durable: fsync on, as
// in production), so it never touches a real catalog: writes the followers (a share of them opted
// in to e-mail digests), publishes a chapter in the transaction the dashboard's publish uses, works the
// queue as an instance's worker does, then publishes a second chapter (every follower now has a
// notice to update) and runs a finished job again (which must change nothing).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { recomputeBookCounters } from "@/lib/data/authoring/counters";
import { lockChapter, publishRows } from "@/lib/data/authoring/status";
import { transaction } from "@/lib/data/authoring/tx";
import { FANOUT_BATCH, FOLLOWERS_JOB, notifyFollowersStep } from "@/lib/data/notices/fanout";
import { createPrismaClient } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { runDueJobs, type JobRow } from "@/lib/jobs/queue";
import { addChapter, createBook, createUser } from "@/lib/test/fixtures";

const { values: args } = parseArgs({
  options: {
    followers: { type: "string", default: "100000" },
    "email-share": { type: "string", default: "0.01" },
  },
});
const followers = Number(args.followers);
const emailShare = Number(args["email-share"]);

const dir = await mkdtemp(path.join(os.tmpdir(), "shuhai-bench-fanout-"));
// As root, PostgreSQL runs as the `postgres` user, which must reach the data directory.
await chmod(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 0 });
const db = createPrismaClient(server.url);
const ms = (start: number) => `${(performance.now() - start).toFixed(0)} ms`;

try {
  await migrate(server.url);
  const author = await createUser(db, { role: "AUTHOR" });
  const book = await createBook(db, { authorId: author.id });
  await addChapter(db, book.id);
  let start = performance.now();
  await db.$executeRaw`
    WITH users AS (
      INSERT INTO "User" (email, name, "passwordHash", "noticeEmail", "updatedAt")
      SELECT 'fan' || g || '@example.test', '读者' || g, 'x', random() < ${emailShare}, now()
      FROM generate_series(1, ${followers}) g
      RETURNING id
    )
    INSERT INTO "ShelfEntry" ("userId", "bookId", "updatedAt") SELECT id, ${book.id}, now() FROM users`;
  await db.$executeRaw`ANALYZE`;
  console.log(`${followers} followers written in ${ms(start)}`);

  const author_ = { id: author.id, role: author.role };
  for (const round of [1, 2]) {
    const draft = await addChapter(db, book.id, { status: "DRAFT", body: `第${round}次更新的正文。` });
    start = performance.now();
    // The publishing transaction of the dashboard's 立即发布 (lib/data/authoring/chapters.ts, which
    // is server-only): lock, publish, enqueue the fan-out, recount the book.
    await transaction(db, async (tx) => {
      const { chapter } = await lockChapter(tx, author_, draft.id);
      await publishRows(tx, [chapter], new Date());
      await recomputeBookCounters(tx, [book.id]);
    });
    const publishMs = performance.now() - start;

    start = performance.now();
    const stepTimes: number[] = [];
    let last: JobRow | undefined;
    await runDueJobs(db, {
      [FOLLOWERS_JOB]: async (database, job) => {
        const t0 = performance.now();
        last = job;
        const outcome = await notifyFollowersStep(database, job);
        stepTimes.push(performance.now() - t0);
        return outcome;
      },
    });
    const fanoutMs = performance.now() - start;
    const notified = await db.notice.count({ where: { bookId: book.id, chapterId: draft.id } });
    const digests = await db.job.count({ where: { kind: "notice-digest" } });
    const sorted = [...stepTimes].sort((a, b) => a - b);
    console.log(
      `publish ${round}: the author's write ${publishMs.toFixed(0)} ms; fan-out ${fanoutMs.toFixed(0)} ms in ` +
        `${stepTimes.length} steps of ${FANOUT_BATCH} (median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, ` +
        `max ${sorted.at(-1)!.toFixed(0)} ms); ${notified} notices, ${digests} digests waiting`,
    );
    if (notified !== followers) throw new Error(`expected ${followers} notices, found ${notified}`);
    if (round === 2 && last) {
      // The last job again, from its first step: a notice already written by it must not change.
      const before = await db.notice.aggregate({ where: { bookId: book.id }, _sum: { newChapters: true } });
      start = performance.now();
      let outcome = await notifyFollowersStep(db, { ...last, payload: { ...(last.payload as object), after: 0 } });
      while (!outcome.done) outcome = await notifyFollowersStep(db, { ...last, payload: outcome.payload as never });
      const after = await db.notice.aggregate({ where: { bookId: book.id }, _sum: { newChapters: true } });
      console.log(
        `the same job run again: ${ms(start)}, notices' chapter counts ${before._sum.newChapters} → ${after._sum.newChapters}`,
      );
      if (before._sum.newChapters !== after._sum.newChapters) throw new Error("a job run twice notified twice");
    }
  }
} finally {
  await db.$disconnect();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
