import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { publicBookSql, publicChapterSql } from "@/lib/data/queries/filters";
import { DomainError } from "@/lib/data/errors";
import { isUnsubscribeToken } from "./digest";

// What a reader sees of their notices: the bell's unread count, the notices page, and the shelf's
// "updated" mark. A notice is read when the reader reaches the chapter it announced (progress),
// or when they mark everything read. Only public books and chapters are shown or counted.

export const NOTICES_PAGE_SIZE = 30;

export type NoticeItem = {
  bookId: number;
  title: string;
  chapterId: number;
  chapterTitle: string;
  newChapters: number;
  updatedAt: Date;
  read: boolean;
};

/** Whether the notice row `n` (a constant alias) is shown: its book is public, and the chapter it announces too. */
export function shownNoticeSql(n: string): Prisma.Sql {
  const notice = Prisma.raw(n);
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "Book" sb JOIN "Chapter" sc ON sc.id = ${notice}."chapterId" AND sc."bookId" = sb.id
    WHERE sb.id = ${notice}."bookId" AND ${publicBookSql("sb")} AND ${publicChapterSql("sc")})`;
}

/** Most unread notices counted (the bell says "99+" beyond). */
export const UNREAD_COUNT_MAX = 99;

/** Unread notices of the reader (the bell), at most UNREAD_COUNT_MAX counted. */
export async function countUnreadNotices(db: Db, userId: number): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM (
      SELECT 1 FROM "Notice" n
      WHERE n."userId" = ${userId} AND n."readAt" IS NULL AND ${shownNoticeSql("n")}
      LIMIT ${UNREAD_COUNT_MAX}
    ) unread`;
  return row?.count ?? 0;
}

/** The reader's notices, newest first (one per followed book that updated). */
export async function listNotices(db: Db, userId: number): Promise<NoticeItem[]> {
  const rows = await db.$queryRaw<(Omit<NoticeItem, "read"> & { readAt: Date | null })[]>`
    SELECT n."bookId", b.title, n."chapterId", c.title AS "chapterTitle", n."newChapters", n."updatedAt", n."readAt"
    FROM "Notice" n
    JOIN "Book" b ON b.id = n."bookId" AND ${publicBookSql("b")}
    JOIN "Chapter" c ON c.id = n."chapterId" AND ${publicChapterSql("c")}
    WHERE n."userId" = ${userId}
    ORDER BY n."updatedAt" DESC
    LIMIT ${NOTICES_PAGE_SIZE}`;
  return rows.map(({ readAt, ...row }) => ({ ...row, read: readAt !== null }));
}

/** Marks every notice of the reader read. */
export async function markAllNoticesRead(db: Db, userId: number, now = new Date()): Promise<void> {
  await db.notice.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
}

/**
 * The reader reached `chapterId` of `bookId`: their notice of the book is read once they reach
 * the chapter it announced or one after it.
 */
export async function markNoticeReached(
  db: Db,
  userId: number,
  reached: { bookId: number; chapterId: number },
): Promise<void> {
  await db.$executeRaw`
    UPDATE "Notice" n SET "readAt" = now() AT TIME ZONE 'UTC'
    FROM "Chapter" announced, "Chapter" reached
    WHERE n."userId" = ${userId} AND n."bookId" = ${reached.bookId} AND n."readAt" IS NULL
      AND announced.id = n."chapterId" AND reached.id = ${reached.chapterId}
      AND reached."bookId" = n."bookId" AND reached.position >= announced.position`;
}

/** Turns the update e-mails on or off for the reader. */
export async function setNoticeEmail(db: Db, userId: number, on: boolean): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { noticeEmail: on } });
}

/** Whether the reader gets update e-mails. */
export async function getNoticeEmail(db: Db, userId: number): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { noticeEmail: true } });
  return user?.noticeEmail ?? false;
}

/**
 * Stops the update e-mails of the account a digest was sent to, from the mail's link: the token
 * proves the link came from us; no sign-in. A wrong token or account is NOT_FOUND and changes
 * nothing.
 */
export async function unsubscribeNotices(db: Db, userId: number, token: string): Promise<void> {
  if (!Number.isSafeInteger(userId) || userId <= 0 || !isUnsubscribeToken(userId, token)) {
    throw new DomainError("NOT_FOUND", { messageKey: "notices.errors.badLink" });
  }
  const changed = await db.user.updateMany({ where: { id: userId }, data: { noticeEmail: false } });
  if (changed.count === 0) throw new DomainError("NOT_FOUND", { messageKey: "notices.errors.badLink" });
}
