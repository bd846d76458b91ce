import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/session-token";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getT } from "@/lib/i18n/messages";
import type { JobOutcome, JobRow } from "@/lib/jobs/queue";
import type { Mail } from "@/lib/mail/send";
import { escapeHtml } from "@/lib/reader/html";
import { publicBookSql, publicChapterSql } from "@/lib/data/queries/filters";
import { Prisma } from "@/lib/generated/prisma/client";

// The e-mail digest of update notices, for readers who opted in on their account page: at most
// one a day. A fan-out that writes a notice for such a reader enqueues their digest job (one
// waiting job per reader, `digest:<userId>`), due DIGEST_DELAY_MINUTES later (more chapters may
// follow) and never within a day of the last digest. Every mail carries a link (and the RFC 8058
// List-Unsubscribe headers) that stops these mails without signing in.

export const DIGEST_JOB = "notice-digest";
export const DIGEST_DELAY_MINUTES = 15;
const DIGEST_MAX_BOOKS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

export type DigestPayload = { userId: number };
export type SendMail = (mail: Mail) => Promise<void>;

/** The unsubscribe token of an account: an HMAC of its id under the session secret. */
export function unsubscribeToken(userId: number): string {
  return createHmac("sha256", authSecret()).update(`shuhai:unsubscribe:${userId}`).digest("base64url");
}

/** True when `token` is the unsubscribe token of `userId` (constant-time). */
export function isUnsubscribeToken(userId: number, token: string): boolean {
  const a = Buffer.from(token);
  const b = Buffer.from(unsubscribeToken(userId));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The page a digest links to; it stops the mails with one button, no sign-in. */
export function unsubscribeLink(userId: number): string {
  return new URL(`/unsubscribe?u=${userId}&t=${unsubscribeToken(userId)}`, env.SITE_URL).toString();
}

/** Where mail clients POST for a one-click unsubscribe (RFC 8058). */
export function oneClickUnsubscribeUrl(userId: number): string {
  return new URL(`/api/notices/unsubscribe?u=${userId}&t=${unsubscribeToken(userId)}`, env.SITE_URL).toString();
}

type DigestBook = { bookId: number; title: string; chapterId: number; chapterTitle: string; newChapters: number };

/** The digest mail, in the site's language, as plain text and simple HTML. */
export function digestMail(
  user: { id: number; email: string; name: string },
  books: readonly DigestBook[],
  total = books.length,
): Mail {
  const t = getT();
  const site = t("site.name");
  const lines = books.map((b) => ({
    text: t("mail.digest.book", { title: b.title, chapter: b.chapterTitle, count: b.newChapters }),
    url: new URL(`/book/${b.bookId}/${b.chapterId}`, env.SITE_URL).toString(),
  }));
  const unsubscribe = unsubscribeLink(user.id);
  const text = [
    t("mail.digest.greeting", { name: user.name }),
    t("mail.digest.intro", { site, count: total }),
    ...lines.map((l) => `${l.text}\n${l.url}`),
    ...(total > books.length ? [t("mail.digest.more", { count: total - books.length })] : []),
    t("mail.digest.why", { site }),
    `${t("mail.digest.unsubscribe")}\n${unsubscribe}`,
  ].join("\n\n");
  const html = [
    `<p>${escapeHtml(t("mail.digest.greeting", { name: user.name }))}</p>`,
    `<p>${escapeHtml(t("mail.digest.intro", { site, count: total }))}</p>`,
    `<ul>${lines.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a></li>`).join("")}</ul>`,
    total > books.length ? `<p>${escapeHtml(t("mail.digest.more", { count: total - books.length }))}</p>` : "",
    `<p>${escapeHtml(t("mail.digest.why", { site }))}</p>`,
    `<p><a href="${escapeHtml(unsubscribe)}">${escapeHtml(t("mail.digest.unsubscribe"))}</a></p>`,
  ].join("\n");
  return {
    to: user.email,
    subject: t("mail.digest.subject", { site, count: total }),
    text,
    html,
    headers: {
      "List-Unsubscribe": `<${oneClickUnsubscribeUrl(user.id)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

/**
 * Sends one reader's digest: the unread notices written since their last digest. The day's slot
 * is taken (noticeEmailedAt set, by the database's clock like every notice's time) before the
 * mail goes out and given back if sending fails, so two instances never both send, and a failure
 * is retried by the queue. Notices written while it was sending (their own digest could not be
 * queued while this one was) wait for the next day's digest.
 */
export async function sendDigestStep(db: Db, job: JobRow, send: SendMail): Promise<JobOutcome> {
  const { userId } = job.payload as DigestPayload;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, noticeEmail: true, noticeEmailedAt: true, disabledAt: true },
  });
  if (!user || !user.noticeEmail || user.disabledAt) return { done: true };
  const previous = user.noticeEmailedAt;
  const [taken] = await db.$queryRaw<{ at: Date }[]>`
    UPDATE "User" SET "noticeEmailedAt" = now() AT TIME ZONE 'UTC'
    WHERE id = ${userId} AND "noticeEmailedAt" IS NOT DISTINCT FROM ${previous?.toISOString() ?? null}::timestamptz AT TIME ZONE 'UTC'
      AND ("noticeEmailedAt" IS NULL OR "noticeEmailedAt" <= now() AT TIME ZONE 'UTC' - interval '1 day')
    RETURNING "noticeEmailedAt" AS at`;
  if (!taken) {
    // Within a day of the last digest: wait for the day to pass (or another run took the slot).
    if (previous && previous.getTime() + DAY_MS > Date.now()) {
      return { done: false, payload: { userId }, runAt: new Date(previous.getTime() + DAY_MS) };
    }
    return { done: true };
  }
  const since = (previous ?? new Date(0)).toISOString();
  const unread = Prisma.sql`FROM "Notice" n
    JOIN "Book" b ON b.id = n."bookId" AND ${publicBookSql("b")}
    JOIN "Chapter" c ON c.id = n."chapterId" AND ${publicChapterSql("c")}
    WHERE n."userId" = ${userId} AND n."readAt" IS NULL
      AND n."updatedAt" > ${since}::timestamptz AT TIME ZONE 'UTC'`;
  const [books, [counted]] = await Promise.all([
    db.$queryRaw<DigestBook[]>`
      SELECT n."bookId", b.title, n."chapterId", c.title AS "chapterTitle", n."newChapters"
      ${unread} ORDER BY n."updatedAt" DESC LIMIT ${DIGEST_MAX_BOOKS}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${unread}`,
  ]);
  const giveBack = () =>
    db.$executeRaw`
      UPDATE "User" SET "noticeEmailedAt" = ${previous?.toISOString() ?? null}::timestamptz AT TIME ZONE 'UTC'
      WHERE id = ${userId} AND "noticeEmailedAt" = ${taken.at.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
  try {
    if (books.length > 0) await send(digestMail(user, books, counted?.total ?? books.length));
    else await giveBack();
  } catch (error) {
    await giveBack();
    throw error;
  }
  const [later] = await db.$queryRaw<{ any: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "Notice" n WHERE n."userId" = ${userId} AND n."readAt" IS NULL
      AND n."updatedAt" > ${taken.at.toISOString()}::timestamptz AT TIME ZONE 'UTC') AS any`;
  if (books.length > 0 && later?.any) {
    return { done: false, payload: { userId }, runAt: new Date(taken.at.getTime() + DAY_MS) };
  }
  return { done: true };
}
