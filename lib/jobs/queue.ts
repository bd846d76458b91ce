import type { Db } from "@/lib/db/client";
import type { Tx } from "@/lib/data/authoring/tx";
import type { Prisma } from "@/lib/generated/prisma/client";

// A job queue in our own PostgreSQL (the `Job` table), chosen over pg-boss or graphile-worker:
// a job is enqueued in the very transaction that makes it necessary (a chapter going public
// enqueues its fan-out atomically, or not at all), it is one table under our migrations and the
// schema-drift test, and the whole protocol is the few statements below. Every instance runs the
// worker (lib/jobs/worker.ts); a job is claimed with FOR UPDATE SKIP LOCKED under a lease, so two
// instances never take the same job, and a job whose instance died mid-way is taken again once
// its lease runs out. Handlers are idempotent: running a job twice has the effect of once.

export type JobRow = { id: bigint; kind: string; payload: Prisma.JsonValue; attempts: number };

/**
 * What a handler answers: `done` deletes the job; `more` keeps it (with the new payload, e.g. a
 * cursor) to be continued at once; `later` runs it again at `runAt`.
 */
export type JobOutcome = { done: true } | { done: false; payload: Prisma.InputJsonValue; runAt?: Date };

export type JobHandler = (db: Db, job: JobRow) => Promise<JobOutcome>;

export const JOB_LEASE_SECONDS = 120;
export const JOB_MAX_ATTEMPTS = 5;

/**
 * Enqueues a job inside the caller's transaction. With a `key`, a job of that key already
 * waiting makes this a no-op (the waiting job will do the work).
 */
export async function enqueueJob(
  tx: Tx | Db,
  job: { kind: string; payload: Prisma.InputJsonValue; key?: string; runAt?: Date },
): Promise<void> {
  const runAt = (job.runAt ?? new Date()).toISOString();
  await tx.$executeRaw`
    INSERT INTO "Job" (kind, key, payload, "runAt")
    VALUES (${job.kind}, ${job.key ?? null}, ${JSON.stringify(job.payload)}::jsonb,
            ${runAt}::timestamptz AT TIME ZONE 'UTC')
    ON CONFLICT (key) DO NOTHING`;
}

/**
 * Claims the next due job for a lease: nobody else takes it until the lease ends. Jobs that
 * failed for good (`failedAt`) are never claimed.
 */
export async function claimJob(db: Db, kinds: readonly string[]): Promise<JobRow | null> {
  const rows = await db.$queryRaw<JobRow[]>`
    UPDATE "Job" SET
      "lockedUntil" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${JOB_LEASE_SECONDS}),
      attempts = attempts + 1
    WHERE id = (
      SELECT id FROM "Job"
      WHERE "runAt" <= now() AT TIME ZONE 'UTC' AND "failedAt" IS NULL
        AND ("lockedUntil" IS NULL OR "lockedUntil" < now() AT TIME ZONE 'UTC')
        AND kind = ANY(${[...kinds]}::text[])
      ORDER BY "runAt", id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, payload, attempts`;
  return rows[0] ?? null;
}

/** Applies a handler's outcome to the claimed job. */
export async function settleJob(db: Db | Tx, job: JobRow, outcome: JobOutcome): Promise<void> {
  if (outcome.done) {
    await db.$executeRaw`DELETE FROM "Job" WHERE id = ${job.id}`;
    return;
  }
  const runAt = (outcome.runAt ?? new Date()).toISOString();
  // Progress made is not a failed attempt: a long job continues with its count reset.
  await db.$executeRaw`
    UPDATE "Job" SET payload = ${JSON.stringify(outcome.payload)}::jsonb, attempts = 0, "lockedUntil" = NULL,
      "runAt" = ${runAt}::timestamptz AT TIME ZONE 'UTC'
    WHERE id = ${job.id}`;
}

/** Records a failed attempt: retried with a growing delay, then kept as failed for the operator. */
export async function failJob(db: Db, job: JobRow, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const delaySeconds = 30 * 2 ** (job.attempts - 1);
  await db.$executeRaw`
    UPDATE "Job" SET "lastError" = ${message}, "lockedUntil" = NULL,
      "runAt" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${delaySeconds}),
      "failedAt" = CASE WHEN attempts >= ${JOB_MAX_ATTEMPTS} THEN now() AT TIME ZONE 'UTC' ELSE NULL END
    WHERE id = ${job.id}`;
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
