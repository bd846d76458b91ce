import { db } from "@/lib/db";
import { DIGEST_JOB, sendDigestStep } from "@/lib/data/notices/digest";
import { FOLLOWERS_JOB, notifyFollowersStep } from "@/lib/data/notices/fanout";
import { DOWNLOAD_JOB, downloadStep } from "@/lib/downloads/job";
import { logger } from "@/lib/log";
import { mailConfigured, sendMail } from "@/lib/mail/send";
import { type JobHandler, pruneFailedJobs, runDueJobs } from "./queue";

// Each Node.js instance works the job queue (lib/jobs/queue.ts) on its own timer: every
// POLL_MS it takes due jobs one at a time, for at most RUN_MS, then yields until the next
// tick. An idle tick is one indexed query. Instances share the queue through SKIP LOCKED.

const POLL_MS = 2_000;
const RUN_MS = 10_000;
const PRUNE_MS = 60 * 60_000;

export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  [FOLLOWERS_JOB]: notifyFollowersStep,
  [DOWNLOAD_JOB]: downloadStep,
  // Without SMTP the site sends no mail: a waiting digest is dropped.
  [DIGEST_JOB]: (database, job) =>
    mailConfigured() ? sendDigestStep(database, job, sendMail) : Promise.resolve({ done: true }),
};

let started = false;
let running = false;
let prunedAt = 0;

async function tick(): Promise<void> {
  if (running) return;
  running = true;
  try {
    if (Date.now() - prunedAt > PRUNE_MS) {
      prunedAt = Date.now();
      await pruneFailedJobs(db);
    }
    await runDueJobs(db, JOB_HANDLERS, {
      deadline: Date.now() + RUN_MS,
      onError: (job, err) => logger.error({ err, job: { id: String(job.id), kind: job.kind } }, "job failed"),
    });
  } catch (error) {
    logger.error({ err: error }, "the job queue could not be read");
  } finally {
    running = false;
  }
}

/** Starts this process's worker once; it never keeps the process alive. */
export function startJobWorker(): void {
  if (started) return;
  started = true;
  setInterval(() => void tick(), POLL_MS).unref();
}
