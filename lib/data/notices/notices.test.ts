import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/data/authoring/actor";
import { publishChapter, unpublishChapter } from "@/lib/data/authoring/chapters";
import { publishDueChapters } from "@/lib/data/authoring/schedule";
import { DomainError } from "@/lib/data/errors";
import { translate } from "@/lib/i18n/messages";
import { addToShelf, getShelf, recordProgress, removeFromShelf } from "@/lib/data/reader";
import { claimJob, type JobHandler, runDueJobs } from "@/lib/jobs/queue";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createUser } from "@/lib/test/fixtures";
import { startSmtpSink, type SmtpSink } from "@/lib/test/smtp-sink";
import { DIGEST_JOB, sendDigestStep, unsubscribeToken } from "./digest";
import { FANOUT_BATCH, FOLLOWERS_JOB, notifyFollowersStep } from "./fanout";
import { countUnreadNotices, listNotices, markAllNoticesRead, setNoticeEmail, unsubscribeNotices } from "./notices";

// Follows and update notices on a real database: a publication enqueues the fan-out in its own
// transaction, the queue writes one notice per follower (idempotently, in batches), reading the
// announced chapter clears it, and opted-in readers get one digest a day through a real SMTP
// server started here.

const SMTP_PORT = vi.hoisted(() => {
  // Below Linux's ephemeral ports (32768 and up), and apart from password-reset.test.ts's range,
  // so two test files running at once never meet on one port.
  const port = 10_000 + (process.pid % 10_000);
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.SITE_URL = "https://books.example";
  return port;
});

let t: TestDatabase;
let smtp: SmtpSink;
beforeAll(async () => {
  [t, smtp] = await Promise.all([createTestDatabase(), startSmtpSink(SMTP_PORT)]);
});
afterAll(async () => {
  await Promise.all([t.drop(), smtp.close()]);
});

const { sendMail } = await import("@/lib/mail/send");
const t_ = (key: string, values?: Record<string, string | number>) => translate(key, values);
const handlers: Record<string, JobHandler> = {
  [FOLLOWERS_JOB]: notifyFollowersStep,
  [DIGEST_JOB]: (db, job) => sendDigestStep(db, job, sendMail),
};
const work = () => runDueJobs(t.db, handlers);
const actorOf = (u: { id: number; role: Actor["role"] }): Actor => ({ id: u.id, role: u.role });

/** A public book with one chapter and a draft ready to publish, and `followers` readers shelving it. */
async function followedBook(followers = 2) {
  const author = await createUser(t.db, { role: "AUTHOR" });
  const book = await createBook(t.db, { authorId: author.id });
  const first = await addChapter(t.db, book.id);
  const draft = await addChapter(t.db, book.id, { status: "DRAFT", body: "新的一章。" });
  const readers = [];
  for (let i = 0; i < followers; i++) {
    const reader = await createUser(t.db, { role: "READER" });
    await addToShelf(t.db, reader.id, { bookId: book.id });
    readers.push(reader);
  }
  await t.db.job.deleteMany();
  return { author: actorOf(author), book, first, draft, readers };
}

describe("update notices", () => {
  it("a publication enqueues the fan-out; the queue tells every follower and nobody else", async () => {
    const { author, book, draft, readers } = await followedBook(2);
    const stranger = await createUser(t.db, { role: "READER" });
    await addToShelf(t.db, author.id, { bookId: book.id });
    await t.db.job.deleteMany();

    await publishChapter(t.db, author, { chapterId: draft.id });
    expect((await t.db.job.findMany()).map((j) => j.kind)).toEqual([FOLLOWERS_JOB]);
    expect(await countUnreadNotices(t.db, readers[0]!.id)).toBe(0); // the author never waited for it

    await work();
    for (const reader of readers) {
      expect(await countUnreadNotices(t.db, reader.id)).toBe(1);
      expect(await listNotices(t.db, reader.id)).toMatchObject([
        { bookId: book.id, chapterId: draft.id, newChapters: 1, read: false },
      ]);
      expect((await getShelf(t.db, reader.id))[0]).toMatchObject({ bookId: book.id, updated: true });
    }
    expect(await countUnreadNotices(t.db, stranger.id)).toBe(0);
    expect(await countUnreadNotices(t.db, author.id)).toBe(0);
    expect(await t.db.job.count()).toBe(0);
  });

  it("more chapters before the reader looks: one notice, counting them, naming the newest", async () => {
    const { author, book, draft, readers } = await followedBook(1);
    const second = await addChapter(t.db, book.id, { status: "DRAFT" });
    await publishChapter(t.db, author, { chapterId: draft.id });
    await work();
    await publishChapter(t.db, author, { chapterId: second.id });
    await work();
    expect(await listNotices(t.db, readers[0]!.id)).toMatchObject([{ chapterId: second.id, newChapters: 2 }]);
    expect(await countUnreadNotices(t.db, readers[0]!.id)).toBe(1);
  });

  it("a job that runs twice notifies once", async () => {
    const { author, draft, readers } = await followedBook(1);
    await publishChapter(t.db, author, { chapterId: draft.id });
    const job = (await claimJob(t.db, [FOLLOWERS_JOB]))!;
    await notifyFollowersStep(t.db, job);
    await notifyFollowersStep(t.db, job); // a lease that ran out: another instance ran it again
    expect(await listNotices(t.db, readers[0]!.id)).toMatchObject([{ newChapters: 1 }]);
  });

  it("thousands of followers are told in batches, each step keeping its place", async () => {
    const { author, book, draft } = await followedBook(0);
    const followers = FANOUT_BATCH + 3;
    await t.db.$executeRaw`
      WITH users AS (
        INSERT INTO "User" (email, name, "passwordHash", "updatedAt")
        SELECT 'fan' || g || '-' || ${book.id} || '@example.test', 'fan' || g, 'x', now() FROM generate_series(1, ${followers}) g
        RETURNING id
      )
      INSERT INTO "ShelfEntry" ("userId", "bookId", "updatedAt") SELECT id, ${book.id}, now() FROM users`;
    await publishChapter(t.db, author, { chapterId: draft.id });
    const steps: (number | undefined)[] = [];
    await runDueJobs(t.db, {
      [FOLLOWERS_JOB]: async (db, job) => {
        steps.push((job.payload as { after?: number }).after);
        return notifyFollowersStep(db, job);
      },
    });
    expect(steps).toHaveLength(2);
    expect(steps[0]).toBeUndefined();
    expect(await t.db.notice.count({ where: { bookId: book.id, readAt: null } })).toBe(followers);
  });

  it("a scheduled chapter that goes public notifies too; one unpublished before the job runs does not", async () => {
    const { author, book, draft, readers } = await followedBook(1);
    await t.db.chapter.update({
      where: { id: draft.id },
      data: { status: "SCHEDULED", publishAt: new Date(Date.now() - 1000) },
    });
    await publishDueChapters(t.db, new Date());
    await work();
    expect(await listNotices(t.db, readers[0]!.id)).toMatchObject([{ chapterId: draft.id }]);

    const later = await addChapter(t.db, book.id, { status: "DRAFT" });
    await markAllNoticesRead(t.db, readers[0]!.id);
    await publishChapter(t.db, author, { chapterId: later.id });
    await unpublishChapter(t.db, author, { chapterId: later.id });
    await work();
    expect(await countUnreadNotices(t.db, readers[0]!.id)).toBe(0);
  });

  it("a notice whose chapter or book left the public catalog is neither counted nor listed nor marked", async () => {
    const { author, book, draft, readers } = await followedBook(1);
    const reader = readers[0]!;
    await publishChapter(t.db, author, { chapterId: draft.id });
    await work();
    await unpublishChapter(t.db, author, { chapterId: draft.id });
    expect(await countUnreadNotices(t.db, reader.id)).toBe(0);
    expect(await listNotices(t.db, reader.id)).toEqual([]);
    expect((await getShelf(t.db, reader.id))[0]?.updated).toBe(false);

    await publishChapter(t.db, author, { chapterId: draft.id });
    await work();
    expect(await countUnreadNotices(t.db, reader.id)).toBe(1);
    await t.db.book.update({ where: { id: book.id }, data: { hiddenAt: new Date() } });
    expect(await countUnreadNotices(t.db, reader.id)).toBe(0);
    expect(await listNotices(t.db, reader.id)).toEqual([]);
  });

  it("reading the announced chapter reads the notice; an earlier one does not; unshelving drops it", async () => {
    const { author, book, first, draft, readers } = await followedBook(2);
    await publishChapter(t.db, author, { chapterId: draft.id });
    await work();
    const [reader, other] = readers;
    await recordProgress(t.db, reader!.id, { bookId: book.id, chapterId: first.id, page: 1, at: Date.now() });
    expect(await countUnreadNotices(t.db, reader!.id)).toBe(1);
    await recordProgress(t.db, reader!.id, { bookId: book.id, chapterId: draft.id, page: 1, at: Date.now() });
    expect(await countUnreadNotices(t.db, reader!.id)).toBe(0);
    expect(await listNotices(t.db, reader!.id)).toMatchObject([{ read: true }]);
    expect((await getShelf(t.db, reader!.id))[0]?.updated).toBe(false);

    await removeFromShelf(t.db, other!.id, { bookId: book.id });
    expect(await listNotices(t.db, other!.id)).toEqual([]);
  });
});

describe("the e-mail digest", () => {
  it("goes only to readers who opted in, once a day at most, with a link that stops it without signing in", async () => {
    const { author, book, draft, readers } = await followedBook(2);
    const [fan, quiet] = readers;
    await setNoticeEmail(t.db, fan!.id, true);
    await publishChapter(t.db, author, { chapterId: draft.id });
    await work();
    const digests = await t.db.job.findMany({ where: { kind: DIGEST_JOB } });
    expect(digests.map((j) => j.payload)).toEqual([{ userId: fan!.id }]);
    // Due a quarter of an hour later, so that chapters published meanwhile go in the same mail.
    expect(digests[0]!.runAt.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);

    await t.db.job.updateMany({ data: { runAt: new Date(Date.now() - 1000) } });
    await work();
    const [mail] = await smtp.mailsTo(fan!.email);
    expect(mail!.subject).toBe(t_("mail.digest.subject", { site: t_("site.name"), count: 1 }));
    expect(mail!.text).toContain(`https://books.example/book/${book.id}/${draft.id}`);
    const link = `https://books.example/unsubscribe?u=${fan!.id}&t=${unsubscribeToken(fan!.id)}`;
    expect(mail!.text).toContain(link);
    // Header lines unfolded (a long one is folded over two lines by the sender).
    const lines = Object.fromEntries(mail!.headerLines.map((h) => [h.key, h.line.replace(/\r\n\s+/g, " ")]));
    expect(lines["list-unsubscribe-post"]).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(lines["list-unsubscribe"]).toBe(
      `List-Unsubscribe: <https://books.example/api/notices/unsubscribe?u=${fan!.id}&t=${unsubscribeToken(fan!.id)}>`,
    );
    expect(await smtp.mailsTo(quiet!.email, 0)).toEqual([]);

    // Another chapter the same day: the digest waits for the day to pass.
    const next = await addChapter(t.db, book.id, { status: "DRAFT" });
    await publishChapter(t.db, author, { chapterId: next.id });
    await work();
    await t.db.job.updateMany({ where: { kind: DIGEST_JOB }, data: { runAt: new Date(Date.now() - 1000) } });
    await work();
    expect(await smtp.mailsTo(fan!.email)).toHaveLength(1);
    const waiting = await t.db.job.findFirstOrThrow({ where: { kind: DIGEST_JOB } });
    expect(waiting.runAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    await expect(unsubscribeNotices(t.db, fan!.id, unsubscribeToken(quiet!.id))).rejects.toBeInstanceOf(DomainError);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: fan!.id } })).noticeEmail).toBe(true);
    await unsubscribeNotices(t.db, fan!.id, unsubscribeToken(fan!.id));
    expect((await t.db.user.findUniqueOrThrow({ where: { id: fan!.id } })).noticeEmail).toBe(false);
  });

  it("a notice written while the digest is being sent waits for the next day's digest, not lost", async () => {
    const { author, book, draft, readers } = await followedBook(1);
    const fan = readers[0]!;
    await setNoticeEmail(t.db, fan.id, true);
    await publishChapter(t.db, author, { chapterId: draft.id });
    await work();
    const other = await createBook(t.db, { authorId: author.id });
    await addChapter(t.db, other.id);
    await addToShelf(t.db, fan.id, { bookId: other.id });
    const more = await addChapter(t.db, other.id, { status: "DRAFT" });
    await t.db.job.updateMany({ where: { kind: DIGEST_JOB }, data: { runAt: new Date(Date.now() - 1000) } });
    await runDueJobs(t.db, {
      [DIGEST_JOB]: (db, job) =>
        sendDigestStep(db, job, async (mail) => {
          // Another book updates while the mail is on its way.
          await publishChapter(t.db, author, { chapterId: more.id });
          await runDueJobs(t.db, { [FOLLOWERS_JOB]: notifyFollowersStep });
          await sendMail(mail);
        }),
    });
    const [mail] = await smtp.mailsTo(fan.email);
    expect(mail!.text).toContain(`/book/${book.id}/`);
    expect(mail!.text).not.toContain(`/book/${other.id}/`);
    const waiting = await t.db.job.findFirstOrThrow({ where: { kind: DIGEST_JOB } });
    expect(waiting.payload).toEqual({ userId: fan.id });
    expect(waiting.runAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });

  it("a mail that cannot be sent gives the day back and is retried", async () => {
    const { author, draft, readers } = await followedBook(1);
    await setNoticeEmail(t.db, readers[0]!.id, true);
    await publishChapter(t.db, author, { chapterId: draft.id });
    await work();
    const job = (await t.db.job.findFirstOrThrow({ where: { kind: DIGEST_JOB } })).id;
    await t.db.job.updateMany({ data: { runAt: new Date(Date.now() - 1000) } });
    await runDueJobs(t.db, { [DIGEST_JOB]: (db, j) => sendDigestStep(db, j, () => Promise.reject(new Error("down"))) });
    const after = await t.db.job.findUniqueOrThrow({ where: { id: job } });
    expect(after.lastError).toBe("down");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: readers[0]!.id } })).noticeEmailedAt).toBeNull();
  });
});
