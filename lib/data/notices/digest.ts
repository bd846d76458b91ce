import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/session-token";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getT } from "@/lib/i18n/messages";
import type { JobOutcome, JobRow } from "@/lib/jobs/queue";
import type { Mail } from "@/lib/mail/send";
import { escapeHtml } from "@/lib/reader/html";
import { publicBookSql, publicChapterSql } from "@/lib/data/queries/filters";

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
export function digestMail(user: { id: number; email: string; name: string }, books: readonly DigestBook[]): Mail {
  const t = getT();
  const site = t("site.name");
  const lines = books.map((b) => ({
    text: t("mail.digest.book", { title: b.title, chapter: b.chapterTitle, count: b.newChapters }),
    url: new URL(`/book/${b.bookId}/${b.chapterId}`, env.SITE_URL).toString(),
  }));
  const unsubscribe = unsubscribeLink(user.id);
  const text = [
    t("mail.digest.greeting", { name: user.name }),
    t("mail.digest.intro", { site, count: books.length }),
    ...lines.map((l) => `${l.text}\n${l.url}`),
    t("mail.digest.why", { site }),
    `${t("mail.digest.unsubscribe")}\n${unsubscribe}`,
  ].join("\n\n");
  const html = [
    `<p>${escapeHtml(t("mail.digest.greeting", { name: user.name }))}</p>`,
    `<p>${escapeHtml(t("mail.digest.intro", { site, count: books.length }))}</p>`,
    `<ul>${lines.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a></li>`).join("")}</ul>`,
    `<p>${escapeHtml(t("mail.digest.why", { site }))}</p>`,
    `<p><a href="${escapeHtml(unsubscribe)}">${escapeHtml(t("mail.digest.unsubscribe"))}</a></p>`,
  ].join("\n");
  return {
    to: user.email,
    subject: t("mail.digest.subject", { site, count: books.length }),
    text,
    html,
    headers: {
      "List-Unsubscribe": `<${oneClickUnsubscribeUrl(user.id)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

/**
 * Sends one reader's digest: the unread notices written since their last digest. The day's
 * slot is taken (noticeEmailedAt set) before the mail goes out and given back if sending fails,
 * so two instances never both send, and a failure is retried by the queue.
 */
export async function sendDigestStep(db: Db, job: JobRow, send: SendMail, now = new Date()): Promise<JobOutcome> {
  const { userId } = job.payload as DigestPayload;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, noticeEmail: true, noticeEmailedAt: true, disabledAt: true },
  });
  if (!user || !user.noticeEmail || user.disabledAt) return { done: true };
  const previous = user.noticeEmailedAt;
  if (previous && now.getTime() - previous.getTime() < DAY_MS) {
    return { done: false, payload: { userId }, runAt: new Date(previous.getTime() + DAY_MS) };
  }
  const taken = await db.user.updateMany({
    where: { id: userId, noticeEmailedAt: previous },
    data: { noticeEmailedAt: now },
  });
  if (taken.count === 0) return { done: true }; // another run took this day's slot
  const since = previous ?? new Date(0);
  const books = await db.$queryRaw<DigestBook[]>`
    SELECT n."bookId", b.title, n."chapterId", c.title AS "chapterTitle", n."newChapters"
    FROM "Notice" n
    JOIN "Book" b ON b.id = n."bookId" AND ${publicBookSql("b")}
    JOIN "Chapter" c ON c.id = n."chapterId" AND ${publicChapterSql("c")}
    WHERE n."userId" = ${userId} AND n."readAt" IS NULL
      AND n."updatedAt" > ${since.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    ORDER BY n."updatedAt" DESC
    LIMIT ${DIGEST_MAX_BOOKS}`;
  try {
    if (books.length > 0) await send(digestMail(user, books));
    else await db.user.updateMany({ where: { id: userId, noticeEmailedAt: now }, data: { noticeEmailedAt: previous } });
  } catch (error) {
    await db.user.updateMany({ where: { id: userId, noticeEmailedAt: now }, data: { noticeEmailedAt: previous } });
    throw error;
  }
  return { done: true };
}
