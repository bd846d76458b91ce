import "server-only";
import { statDay } from "@/lib/i18n/time";
import { publicBookSql, publicBookWhere, publicChapterSql, publicChapterWhere } from "@/lib/data/queries/filters";
import type { Db } from "@/lib/db/client";
import { markNoticeReached, shownNoticeSql } from "@/lib/data/notices/notices";
import { MERGE_MAX, type ProgressInput } from "@/lib/validation/reader";

// A reader's own data: the bookshelf (书架), the reading position in each book and the history
// of what they read. Every function takes the user id from the caller's session, never from
// input, and touches only that user's rows; a reader can only shelve and record progress in
// public books and public chapters.
//
// Book.shelfCount and the day's BookDailyStat.shelfAdds change here without revalidating any
// page: they only show on cards, rankings and the author's stats, which are cached for hours
// and may lag behind by that much.

export type ShelfResult = { ok: true; changed: boolean } | { ok: false; reason: "NOT_FOUND" };
export type ProgressResult = { ok: true; applied: boolean } | { ok: false; reason: "NOT_FOUND" };

/** A reading position as the browser keeps it: the server's newest, with the chapter's title. */
export type Position = { bookId: number; chapterId: number; page: number; chapterTitle: string; at: number };

export type ShelfItem = {
  bookId: number;
  title: string;
  authorName: string;
  coverUrl: string | null;
  lastChapterId: number | null;
  lastChapterTitle: string | null;
  lastPublishedAt: Date | null;
  /** The last chapter read, when it is still public; null before the first chapter is read. */
  chapter: { id: number; title: string; page: number } | null;
  /** Public chapters after the one last read (all public chapters when none was read). */
  newChapters: number;
  /** An update notice of the book is unread (chapters went public since the reader caught up). */
  updated: boolean;
  addedAt: Date;
};

export type HistoryItem = {
  bookId: number;
  title: string;
  authorName: string;
  chapterId: number;
  chapterTitle: string | null;
  page: number;
  readAt: Date;
};

export type HistoryPage = { items: HistoryItem[]; page: number; pageCount: number; total: number };

async function bookIsPublic(db: Db, bookId: number): Promise<boolean> {
  return (await db.book.count({ where: { id: bookId, ...publicBookWhere } })) > 0;
}

/**
 * Puts a public book on the reader's shelf. Idempotent: adding it again changes nothing, and
 * only a real insert counts in Book.shelfCount and today's shelfAdds (day in SITE_TIME_ZONE).
 * The entry starts at the reader's last position in the book, if they read it before.
 */
export async function addToShelf(
  db: Db,
  userId: number,
  input: { bookId: number },
  now: Date = new Date(),
): Promise<ShelfResult> {
  const { bookId } = input;
  if (!(await bookIsPublic(db, bookId))) return { ok: false, reason: "NOT_FOUND" };
  return db.$transaction(async (tx) => {
    const read = await tx.readingHistory.findUnique({
      where: { userId_bookId: { userId, bookId } },
      select: { chapterId: true, page: true },
    });
    const { count } = await tx.shelfEntry.createMany({
      data: [{ userId, bookId, chapterId: read?.chapterId ?? null, page: read?.page ?? 1 }],
      skipDuplicates: true,
    });
    if (count === 0) return { ok: true, changed: false };
    await tx.book.update({ where: { id: bookId }, data: { shelfCount: { increment: 1 } } });
    const day = statDay(now);
    await tx.$executeRaw`
      INSERT INTO "BookDailyStat" ("bookId", "day", "shelfAdds") VALUES (${bookId}, ${day}::date, 1)
      ON CONFLICT ("bookId", "day") DO UPDATE SET "shelfAdds" = "BookDailyStat"."shelfAdds" + 1`;
    return { ok: true, changed: true };
  });
}

/** Takes a book off the shelf; only a real delete lowers Book.shelfCount. Idempotent. */
export async function removeFromShelf(db: Db, userId: number, input: { bookId: number }): Promise<ShelfResult> {
  const { bookId } = input;
  return db.$transaction(async (tx) => {
    const { count } = await tx.shelfEntry.deleteMany({ where: { userId, bookId } });
    if (count === 0) return { ok: true, changed: false };
    await tx.$executeRaw`UPDATE "Book" SET "shelfCount" = GREATEST("shelfCount" - 1, 0) WHERE id = ${bookId}`;
    // Unfollowing: the book's notice goes with its shelf entry.
    await tx.notice.deleteMany({ where: { userId, bookId } });
    return { ok: true, changed: true };
  });
}

export async function isOnShelf(db: Db, userId: number, bookId: number): Promise<boolean> {
  return (await db.shelfEntry.count({ where: { userId, bookId } })) > 0;
}

// A browser clock ahead of the server's must not pin a position in the future.
const readAtOf = (at: number, now: Date) => new Date(Math.min(at, now.getTime()));

async function applyProgress(db: Db, userId: number, input: ProgressInput, now: Date): Promise<boolean> {
  const { bookId, chapterId, page } = input;
  const readAt = readAtOf(input.at, now);
  return db.$transaction(async (tx) => {
    // Only a position at least as new as the stored one replaces it, so syncs arriving out of
    // order never move the reader backwards.
    const { count } = await tx.readingHistory.updateMany({
      where: { userId, bookId, readAt: { lte: readAt } },
      data: { chapterId, page, readAt },
    });
    if (count === 0) {
      const created = await tx.readingHistory.createMany({
        data: [{ userId, bookId, chapterId, page, readAt }],
        skipDuplicates: true,
      });
      // The row exists and is newer: this position is stale.
      if (created.count === 0) return false;
    }
    await tx.shelfEntry.updateMany({ where: { userId, bookId }, data: { chapterId, page } });
    return true;
  });
}

/**
 * Records that the reader reached sub-page `page` of a chapter at `at` (ms since the epoch):
 * the book's reading history row and, if the book is shelved, the shelf entry's position. Only
 * public chapters of public books; a position older than the stored one is ignored.
 */
export async function recordProgress(
  db: Db,
  userId: number,
  input: ProgressInput,
  now: Date = new Date(),
): Promise<ProgressResult> {
  const chapter = await db.chapter.findFirst({
    where: { id: input.chapterId, bookId: input.bookId, ...publicChapterWhere, book: publicBookWhere },
    select: { id: true },
  });
  if (!chapter) return { ok: false, reason: "NOT_FOUND" };
  const applied = await applyProgress(db, userId, input, now);
  await markNoticeReached(db, userId, input);
  return { ok: true, applied };
}

/**
 * Merges the positions a browser kept while signed out into the account (at sign-in): per book
 * the newest wins, whether it came from the browser or the account; at most MERGE_MAX books,
 * the most recently read; positions in chapters that are not public are skipped. Returns the
 * account's newest positions afterwards, for the browser to keep.
 */
export async function mergeProgress(
  db: Db,
  userId: number,
  entries: ProgressInput[],
  now: Date = new Date(),
): Promise<Position[]> {
  const newest = new Map<number, ProgressInput>();
  for (const entry of entries) {
    const seen = newest.get(entry.bookId);
    if (!seen || entry.at > seen.at) newest.set(entry.bookId, entry);
  }
  const candidates = [...newest.values()].sort((a, b) => b.at - a.at).slice(0, MERGE_MAX);
  if (candidates.length > 0) {
    const valid = await db.chapter.findMany({
      where: {
        id: { in: candidates.map((c) => c.chapterId) },
        ...publicChapterWhere,
        book: publicBookWhere,
      },
      select: { id: true, bookId: true },
    });
    const validIds = new Set(valid.map((c) => `${c.bookId}:${c.id}`));
    for (const entry of candidates) {
      if (!validIds.has(`${entry.bookId}:${entry.chapterId}`)) continue;
      await applyProgress(db, userId, entry, now);
      await markNoticeReached(db, userId, entry);
    }
  }
  return getPositions(db, userId);
}

/** The reader's newest positions (at most MERGE_MAX books), in public chapters only. */
export async function getPositions(db: Db, userId: number): Promise<Position[]> {
  const rows = await db.$queryRaw<
    { bookId: number; chapterId: number; page: number; chapterTitle: string; readAt: Date }[]
  >`
    SELECT h."bookId", h."chapterId", h.page, c.title AS "chapterTitle", h."readAt"
    FROM "ReadingHistory" h
    JOIN "Chapter" c ON c.id = h."chapterId" AND c."bookId" = h."bookId" AND ${publicChapterSql("c")}
    JOIN "Book" b ON b.id = h."bookId" AND ${publicBookSql("b")}
    WHERE h."userId" = ${userId}
    ORDER BY h."readAt" DESC
    LIMIT ${MERGE_MAX}`;
  return rows.map((r) => ({
    bookId: r.bookId,
    chapterId: r.chapterId,
    page: r.page,
    chapterTitle: r.chapterTitle,
    at: r.readAt.getTime(),
  }));
}

/** Most books one shelf page lists. */
export const SHELF_MAX = 500;

/**
 * The reader's shelf, most recently read or added first: each public book with the last chapter
 * read and how many public chapters came after it. One query: the count is a lateral subquery
 * per entry on the (bookId, status, position) index.
 */
export async function getShelf(db: Db, userId: number): Promise<ShelfItem[]> {
  const rows = await db.$queryRaw<
    (Omit<ShelfItem, "chapter" | "addedAt"> & {
      chapterId: number | null;
      chapterTitle: string | null;
      page: number;
      createdAt: Date;
    })[]
  >`
    SELECT s."bookId", b.title, u.name AS "authorName", b."coverUrl", b."lastChapterId", b."lastChapterTitle",
      b."lastPublishedAt", c.id AS "chapterId", c.title AS "chapterTitle", s.page, s."createdAt",
      COALESCE(n.count, b."chapterCount")::int AS "newChapters", (notice."userId" IS NOT NULL) AS updated
    FROM "ShelfEntry" s
    JOIN "Book" b ON b.id = s."bookId"
    JOIN "User" u ON u.id = b."authorId"
    LEFT JOIN "Chapter" c ON c.id = s."chapterId" AND c."bookId" = s."bookId" AND ${publicChapterSql("c")}
    LEFT JOIN LATERAL (
      SELECT count(*) AS count FROM "Chapter" later
      WHERE later."bookId" = s."bookId" AND ${publicChapterSql("later")} AND later.position > c.position
    ) n ON c.id IS NOT NULL
    LEFT JOIN "Notice" notice ON notice."userId" = s."userId" AND notice."bookId" = s."bookId"
      AND notice."readAt" IS NULL AND ${shownNoticeSql("notice")}
    WHERE s."userId" = ${userId} AND ${publicBookSql("b")}
    ORDER BY s."updatedAt" DESC, s."bookId" DESC
    LIMIT ${SHELF_MAX}`;
  return rows.map((r) => ({
    bookId: r.bookId,
    title: r.title,
    authorName: r.authorName,
    coverUrl: r.coverUrl,
    lastChapterId: r.lastChapterId,
    lastChapterTitle: r.lastChapterTitle,
    lastPublishedAt: r.lastPublishedAt,
    chapter:
      r.chapterId !== null && r.chapterTitle !== null ? { id: r.chapterId, title: r.chapterTitle, page: r.page } : null,
    newChapters: r.newChapters,
    updated: r.updated,
    addedAt: r.createdAt,
  }));
}

export const HISTORY_PAGE_SIZE = 20;

/** What the reader read, newest first, one row per book, `page` 1-based; public books only. */
export async function getHistory(db: Db, userId: number, page = 1): Promise<HistoryPage> {
  const publicBook = publicBookSql("b");
  const [counted] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM "ReadingHistory" h JOIN "Book" b ON b.id = h."bookId"
    WHERE h."userId" = ${userId} AND ${publicBook}`;
  const total = counted?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await db.$queryRaw<HistoryItem[]>`
    SELECT h."bookId", b.title, u.name AS "authorName", h."chapterId", c.title AS "chapterTitle", h.page, h."readAt"
    FROM "ReadingHistory" h
    JOIN "Book" b ON b.id = h."bookId"
    JOIN "User" u ON u.id = b."authorId"
    LEFT JOIN "Chapter" c ON c.id = h."chapterId" AND ${publicChapterSql("c")}
    WHERE h."userId" = ${userId} AND ${publicBook}
    ORDER BY h."readAt" DESC, h."bookId" DESC
    LIMIT ${HISTORY_PAGE_SIZE} OFFSET ${(current - 1) * HISTORY_PAGE_SIZE}`;
  return { items: rows, page: current, pageCount, total };
}
