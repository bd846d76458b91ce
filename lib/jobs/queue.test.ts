import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import {
  claimJob,
  enqueueJob,
  FAILED_JOB_DAYS,
  failJob,
  JOB_MAX_ATTEMPTS,
  type JobHandler,
  pruneFailedJobs,
  runDueJobs,
  settleJob,
} from "./queue";

// The job queue on a real database: claims that never overlap, leases that run out, retries
// with a growing delay, keys that make an enqueue idempotent.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());
beforeEach(async () => {
  await t.db.job.deleteMany();
});

const jobs = () => t.db.job.findMany({ orderBy: { id: "asc" } });

describe("the job queue", () => {
  it("two workers claiming at once never take the same job, and each job runs once", async () => {
    for (let i = 0; i < 20; i++) await enqueueJob(t.db, { kind: "count", payload: { i } });
    const seen: number[] = [];
    const handler: JobHandler = async (_db, job) => {
      seen.push((job.payload as { i: number }).i);
      return { done: true };
    };
    const [a, b] = await Promise.all([runDueJobs(t.db, { count: handler }), runDueJobs(t.db, { count: handler })]);
    expect(a + b).toBe(20);
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await jobs()).toEqual([]);
  });

  it("a claimed job is not claimed again until its lease runs out", async () => {
    await enqueueJob(t.db, { kind: "lease", payload: {} });
    const first = await claimJob(t.db, ["lease"]);
    expect(first).not.toBeNull();
    expect(await claimJob(t.db, ["lease"])).toBeNull();
    await t.db.job.updateMany({ data: { lockedUntil: new Date(Date.now() - 1000) } });
    const again = await claimJob(t.db, ["lease"]);
    expect(again?.id).toBe(first!.id);
    expect(again?.attempts).toBe(2);
  });

  it("a job of a kind this worker does not handle, or not yet due, waits", async () => {
    await enqueueJob(t.db, { kind: "other", payload: {} });
    await enqueueJob(t.db, { kind: "mine", payload: {}, runAt: new Date(Date.now() + 60_000) });
    expect(await runDueJobs(t.db, { mine: async () => ({ done: true }) })).toBe(0);
    expect((await jobs()).map((j) => j.kind)).toEqual(["other", "mine"]);
  });

  it("a job continues with the payload its handler returns", async () => {
    await enqueueJob(t.db, { kind: "steps", payload: { left: 3 } });
    const lefts: number[] = [];
    await runDueJobs(t.db, {
      steps: async (_db, job) => {
        const { left } = job.payload as { left: number };
        lefts.push(left);
        return left === 1 ? { done: true } : { done: false, payload: { left: left - 1 } };
      },
    });
    expect(lefts).toEqual([3, 2, 1]);
    expect(await jobs()).toEqual([]);
  });

  it("a failing job is retried later with its error kept, then marked failed for good", async () => {
    await enqueueJob(t.db, { kind: "broken", payload: {} });
    const errors: unknown[] = [];
    const broken = { broken: async () => Promise.reject(new Error("SMTP said no")) };
    expect(await runDueJobs(t.db, broken, { onError: (_job, e) => errors.push(e) })).toBe(1);
    let [job] = await jobs();
    expect(job!.lastError).toBe("SMTP said no");
    expect(job!.failedAt).toBeNull();
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(errors).toHaveLength(1);
    for (let attempt = 2; attempt <= JOB_MAX_ATTEMPTS; attempt++) {
      await t.db.job.updateMany({ data: { runAt: new Date(Date.now() - 1000) } });
      await runDueJobs(t.db, broken);
    }
    [job] = await jobs();
    expect(job!.attempts).toBe(JOB_MAX_ATTEMPTS);
    expect(job!.failedAt).not.toBeNull();
    await t.db.job.updateMany({ data: { runAt: new Date(Date.now() - 1000) } });
    expect(await runDueJobs(t.db, broken)).toBe(0);
  });

  it("a job's key makes enqueueing it again a no-op while it waits", async () => {
    await enqueueJob(t.db, { kind: "k", key: "k:1", payload: { n: 1 } });
    await enqueueJob(t.db, { kind: "k", key: "k:1", payload: { n: 2 } });
    await enqueueJob(t.db, { kind: "k", key: "k:2", payload: { n: 3 } });
    expect((await jobs()).map((j) => j.payload)).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it("a job that failed for good frees its key and is deleted after a week", async () => {
    await enqueueJob(t.db, { kind: "mail", key: "mail:1", payload: { n: 1 } });
    await t.db.job.updateMany({ data: { attempts: JOB_MAX_ATTEMPTS - 1 } });
    await runDueJobs(t.db, { mail: async () => Promise.reject(new Error("SMTP away")) });
    const [dead] = await jobs();
    expect(dead!.failedAt).not.toBeNull();
    expect(dead!.key).toBeNull();
    // A later job of the same key is queued, not swallowed by the dead one.
    await enqueueJob(t.db, { kind: "mail", key: "mail:1", payload: { n: 2 } });
    expect((await jobs()).map((j) => j.payload)).toEqual([{ n: 1 }, { n: 2 }]);

    expect(await pruneFailedJobs(t.db)).toBe(0);
    await t.db.job.updateMany({
      where: { id: dead!.id },
      data: { failedAt: new Date(Date.now() - (FAILED_JOB_DAYS + 1) * 86_400_000) },
    });
    expect(await pruneFailedJobs(t.db)).toBe(1);
    expect((await jobs()).map((j) => j.payload)).toEqual([{ n: 2 }]);
  });

  it("a worker that lost its lease cannot settle the job another worker has taken since", async () => {
    await enqueueJob(t.db, { kind: "slow", payload: { step: 1 } });
    const slow = (await claimJob(t.db, ["slow"]))!;
    await t.db.job.updateMany({ data: { lockedUntil: new Date(Date.now() - 1000) } });
    const other = (await claimJob(t.db, ["slow"]))!;
    await settleJob(t.db, slow, { done: true });
    await failJob(t.db, slow, new Error("late"));
    const [job] = await jobs();
    expect(job!.lastError).toBeNull();
    await settleJob(t.db, other, { done: false, payload: { step: 2 } });
    expect((await jobs()).map((j) => j.payload)).toEqual([{ step: 2 }]);
  });

  it("jobs of one group run one at a time, oldest first; other groups do not wait", async () => {
    await enqueueJob(t.db, { kind: "fan", group: "book:1", payload: { n: 1 } });
    await enqueueJob(t.db, { kind: "fan", group: "book:1", payload: { n: 2 } });
    await enqueueJob(t.db, { kind: "fan", group: "book:2", payload: { n: 3 } });
    const first = (await claimJob(t.db, ["fan"]))!;
    const second = (await claimJob(t.db, ["fan"]))!;
    expect([first.payload, second.payload]).toEqual([{ n: 1 }, { n: 3 }]);
    expect(await claimJob(t.db, ["fan"])).toBeNull(); // n: 2 waits for n: 1
    await settleJob(t.db, first, { done: true });
    expect((await claimJob(t.db, ["fan"]))?.payload).toEqual({ n: 2 });
  });
});
