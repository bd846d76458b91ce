import type { Db } from "@/lib/db/client";
import type { Tx } from "@/lib/data/authoring/tx";
import type { Prisma } from "@/lib/generated/prisma/client";

// A job queue in our own PostgreSQL (the `Job` table), chosen over pg-boss or graphile-worker:
// a job is enqueued in the very transaction that makes it necessary (a chapter going public
// enqueues its fan-out atomically, or not at all), it is one table under our migrations and the
// schema-drift test, and the whole protocol is the few statements below. Every instance runs the
// worker (lib/jobs/worker.ts); a job is claimed with FOR UPDATE SKIP LOCKED under a lease, so two
// instances never take the same job, and a job whose instance died mid-way is taken again once
// its lease runs out. The lease's end is the claim's token: a worker that outlived its lease can
// no longer settle a job someone else has taken since. Jobs of one `group` (a book's fan-outs)
// run one after the other, oldest first. Handlers are idempotent: running a job twice has the
// effect of once.

export type JobRow = {
  id: bigint;
  kind: string;
  payload: Prisma.JsonValue;
  attempts: number;
  /** The claim's token: the lease's end as this worker set it. */
  lockedUntil: Date;
};

/**
 * What a handler answers: `done` deletes the job; otherwise it is kept with the new payload (a
 * cursor, say) and runs again at `runAt` (at once when not given).
 */
export type JobOutcome = { done: true } | { done: false; payload: Prisma.InputJsonValue; runAt?: Date };

export type JobHandler = (db: Db, job: JobRow) => Promise<JobOutcome>;

export const JOB_LEASE_SECONDS = 120;
export const JOB_MAX_ATTEMPTS = 5;
/** Jobs that failed for good are kept this long for the operator, then deleted. */
export const FAILED_JOB_DAYS = 7;

const at = (date: Date) => date.toISOString();

/**
 * Enqueues a job inside the caller's transaction. With a `key`, a job of that key already
 * waiting makes this a no-op (the waiting job will do the work). With a `group`, the job runs
 * after every older job of its group.
 */
export async function enqueueJob(
  tx: Tx | Db,
  job: { kind: string; payload: Prisma.InputJsonValue; key?: string; group?: string; runAt?: Date },
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Job" (kind, key, "group", payload, "runAt")
    VALUES (${job.kind}, ${job.key ?? null}, ${job.group ?? null}, ${JSON.stringify(job.payload)}::jsonb,
            ${at(job.runAt ?? new Date())}::timestamptz AT TIME ZONE 'UTC')
    ON CONFLICT (key) DO NOTHING`;
}

/**
 * Claims the next due job for a lease: nobody else takes it until the lease ends. Jobs that
 * failed for good (`failedAt`) are never claimed, nor a job while an older one of its group waits.
 */
export async function claimJob(db: Db, kinds: readonly string[]): Promise<JobRow | null> {
  const rows = await db.$queryRaw<JobRow[]>`
    UPDATE "Job" SET
      "lockedUntil" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${JOB_LEASE_SECONDS}),
      attempts = attempts + 1
    WHERE id = (
      SELECT j.id FROM "Job" j
      WHERE j."runAt" <= now() AT TIME ZONE 'UTC' AND j."failedAt" IS NULL
        AND (j."lockedUntil" IS NULL OR j."lockedUntil" < now() AT TIME ZONE 'UTC')
        AND j.kind = ANY(${[...kinds]}::text[])
        AND (j."group" IS NULL OR NOT EXISTS (
          SELECT 1 FROM "Job" older
          WHERE older."group" = j."group" AND older.id < j.id AND older."failedAt" IS NULL))
      ORDER BY j."runAt", j.id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, payload, attempts, "lockedUntil"`;
  return rows[0] ?? null;
}

/** Applies a handler's outcome to the claimed job, unless its lease was lost meanwhile. */
export async function settleJob(db: Db | Tx, job: JobRow, outcome: JobOutcome): Promise<void> {
  const claimed = at(job.lockedUntil);
  if (outcome.done) {
    await db.$executeRaw`
      DELETE FROM "Job" WHERE id = ${job.id} AND "lockedUntil" = ${claimed}::timestamptz AT TIME ZONE 'UTC'`;
    return;
  }
  // Progress made is not a failed attempt: a long job continues with its count reset.
  await db.$executeRaw`
    UPDATE "Job" SET payload = ${JSON.stringify(outcome.payload)}::jsonb, attempts = 0, "lockedUntil" = NULL,
      "runAt" = ${at(outcome.runAt ?? new Date())}::timestamptz AT TIME ZONE 'UTC'
    WHERE id = ${job.id} AND "lockedUntil" = ${claimed}::timestamptz AT TIME ZONE 'UTC'`;
}

/**
 * Records a failed attempt: retried with a growing delay, then kept as failed for the operator,
 * its key freed (a later job of the same key must not be refused by a dead one).
 */
export async function failJob(db: Db, job: JobRow, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const delaySeconds = 30 * 2 ** (job.attempts - 1);
  const last = job.attempts >= JOB_MAX_ATTEMPTS;
  await db.$executeRaw`
    UPDATE "Job" SET "lastError" = ${message}, "lockedUntil" = NULL,
      "runAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${delaySeconds}),
      "failedAt" = CASE WHEN ${last} THEN now() AT TIME ZONE 'UTC' ELSE NULL END,
      key = CASE WHEN ${last} THEN NULL ELSE key END
    WHERE id = ${job.id} AND "lockedUntil" = ${at(job.lockedUntil)}::timestamptz AT TIME ZONE 'UTC'`;
}

/** Deletes the jobs that failed for good more than FAILED_JOB_DAYS ago; answers how many. */
export async function pruneFailedJobs(db: Db): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "Job" WHERE "failedAt" < now() AT TIME ZONE 'UTC' - make_interval(days => ${FAILED_JOB_DAYS})`;
}

/**
 * Runs due jobs until none is left or `deadline` (ms since epoch) passes; answers how many steps
 * ran. A failing handler fails its job, never the loop.
 */
export async function runDueJobs(
  db: Db,
  handlers: Readonly<Record<string, JobHandler>>,
  opts: { deadline?: number; onError?: (job: JobRow, error: unknown) => void } = {},
): Promise<number> {
  const kinds = Object.keys(handlers);
  let steps = 0;
  while (opts.deadline === undefined || Date.now() < opts.deadline) {
    const job = await claimJob(db, kinds);
    if (!job) break;
    steps++;
    try {
      await settleJob(db, job, await handlers[job.kind]!(db, job));
    } catch (error) {
      opts.onError?.(job, error);
      await failJob(db, job, error);
    }
  }
  return steps;
}
