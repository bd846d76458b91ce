import type { Db } from "@/lib/db/client";
import type { Tx } from "@/lib/data/authoring/tx";
import { publicBookSql, publicChapterSql } from "@/lib/data/queries/filters";
import { enqueueJob, type JobOutcome, type JobRow } from "@/lib/jobs/queue";
import { DIGEST_DELAY_MINUTES, DIGEST_JOB } from "./digest";

// Following a book is having it on the shelf. When chapters go public, the transaction that
// publishes them enqueues one fan-out job per book (enqueueFollowerNotices); the job writes the
// followers' notices in pages of FANOUT_BATCH readers, in user-id order along the shelf's
// (bookId, userId) index, keeping its place in the job's payload. The author's request never
// waits for it, and a book with 100,000 followers is a few dozen short statements.

export const FOLLOWERS_JOB = "notify-followers";
export const FANOUT_BATCH = 5_000;

export type FanoutPayload = { bookId: number; chapterIds: number[]; after?: number };

/** Enqueues, in the publishing transaction, the notices for chapters that just went public. */
export async function enqueueFollowerNotices(
  tx: Tx,
  published: readonly { bookId: number; id: number }[],
): Promise<void> {
  const byBook = new Map<number, number[]>();
  for (const c of published) byBook.set(c.bookId, [...(byBook.get(c.bookId) ?? []), c.id]);
  for (const [bookId, chapterIds] of byBook) {
    const payload: FanoutPayload = { bookId, chapterIds };
    // One book's fan-outs run in order, so that a later one never overtakes an earlier one's
    // steps (each notice takes the newest job's chapter and counts every job once).
    await enqueueJob(tx, { kind: FOLLOWERS_JOB, payload, group: `book:${bookId}` });
  }
}

/**
 * One step of a fan-out: the next FANOUT_BATCH followers get (or have updated) their notice of
 * the book. Only chapters still public when the job runs are announced (one unpublished in the
 * meantime is not), and nothing is announced for a book no longer public. The upsert only
 * changes a notice last written by an earlier job, so a step that runs twice (a lease that ran
 * out, a crash before the job was settled) notifies once.
 */
export async function notifyFollowersStep(db: Db, job: JobRow): Promise<JobOutcome> {
  const payload = job.payload as FanoutPayload;
  const chapters = await db.$queryRaw<{ id: number }[]>`
    SELECT c.id FROM "Chapter" c JOIN "Book" b ON b.id = c."bookId"
    WHERE c.id = ANY(${payload.chapterIds}::int[]) AND c."bookId" = ${payload.bookId}
      AND ${publicChapterSql("c")} AND ${publicBookSql("b")}
    ORDER BY c.position DESC`;
  if (chapters.length === 0) return { done: true };
  const after = payload.after ?? 0;
  const [step] = await db.$queryRaw<{ last: number | null; count: number }[]>`
    WITH followers AS (
      SELECT s."userId" FROM "ShelfEntry" s
      WHERE s."bookId" = ${payload.bookId} AND s."userId" > ${after}
      ORDER BY s."userId"
      LIMIT ${FANOUT_BATCH}
    ), written AS (
      INSERT INTO "Notice" ("userId", "bookId", "chapterId", "newChapters", "jobId", "updatedAt")
      SELECT f."userId", ${payload.bookId}, ${chapters[0]!.id}, ${chapters.length}, ${job.id},
             now() AT TIME ZONE 'UTC'
      FROM followers f JOIN "Book" b ON b.id = ${payload.bookId}
      WHERE f."userId" <> b."authorId"
      ON CONFLICT ("userId", "bookId") DO UPDATE SET
        "chapterId" = EXCLUDED."chapterId",
        "newChapters" = CASE WHEN "Notice"."readAt" IS NULL
                             THEN "Notice"."newChapters" + EXCLUDED."newChapters"
                             ELSE EXCLUDED."newChapters" END,
        "readAt" = NULL,
        "jobId" = EXCLUDED."jobId",
        "updatedAt" = EXCLUDED."updatedAt"
      WHERE "Notice"."jobId" < EXCLUDED."jobId"
      RETURNING "userId"
    ), digests AS (
      INSERT INTO "Job" (kind, key, payload, "runAt")
      SELECT ${DIGEST_JOB}, ${DIGEST_JOB} || ':' || u.id, jsonb_build_object('userId', u.id),
             greatest(now() AT TIME ZONE 'UTC' + make_interval(mins => ${DIGEST_DELAY_MINUTES}),
                      u."noticeEmailedAt" + interval '1 day')
      FROM written w JOIN "User" u ON u.id = w."userId"
      WHERE u."noticeEmail" AND u."disabledAt" IS NULL
      ON CONFLICT (key) DO NOTHING
    )
    SELECT max("userId") AS last, count(*)::int AS count FROM followers`;
  if (!step || step.last === null || step.count < FANOUT_BATCH) return { done: true };
  return { done: false, payload: { ...payload, after: step.last } };
}
