import "server-only";
import { transaction, type Tx } from "@/lib/data/authoring/tx";
import { publicBookWhere, publicChapterWhere } from "@/lib/data/queries/filters";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StoredBookmark } from "@/components/chapter/bookmark-store";
import {
  BOOKMARKS_PER_ACCOUNT,
  BOOKMARKS_PER_BOOK,
  type BookmarkInput,
  type BookmarkKey,
  type BookmarkMerge,
} from "@/lib/validation/bookmarks";

// A reader's bookmarks (书签): paragraphs marked in public chapters, listed per book. Like the
// shelf and progress (reader.ts), every function takes the user id from the caller's session and
// touches only that user's rows. The caps hold under concurrent requests: a reader's writes run
// one at a time (a transaction-level advisory lock on the user id).

/** A bookmark as the browser keeps it too (components/chapter/bookmark-store.ts). */
export type Bookmark = StoredBookmark;

export type BookmarkRefusal = "NOT_FOUND" | "BOOK_FULL" | "ACCOUNT_FULL";
export type AddBookmarkResult =
  { ok: true; added: boolean; bookmark: Bookmark } | { ok: false; reason: BookmarkRefusal };

/** Namespace of the per-user advisory lock (the other key is the user id). */
const BOOKMARK_LOCK = 0x5342_4b4d; // "SBKM"

const SELECT = {
  chapterId: true,
  paragraph: true,
  page: true,
  snippet: true,
  createdAt: true,
  chapter: { select: { title: true } },
} as const satisfies Prisma.ReaderBookmarkSelect;

type Row = Prisma.ReaderBookmarkGetPayload<{ select: typeof SELECT }>;

const shaped = (row: Row): Bookmark => ({
  chapterId: row.chapterId,
  chapterTitle: row.chapter.title,
  paragraph: row.paragraph,
  page: row.page,
  snippet: row.snippet,
  at: row.createdAt.getTime(),
});

/** The reader's bookmarks in a book, in reading order (chapter, then paragraph); public chapters only. */
export async function listBookmarks(db: Db | Tx, userId: number, bookId: number): Promise<Bookmark[]> {
  const rows = await db.readerBookmark.findMany({
    where: { userId, bookId, chapter: { ...publicChapterWhere, book: publicBookWhere } },
    orderBy: [{ chapter: { position: "asc" } }, { paragraph: "asc" }],
    select: SELECT,
  });
  return rows.map(shaped);
}

export type RecentBookmark = Bookmark & { bookId: number; bookTitle: string };

/** The reader's newest bookmarks in all books (the shelf page lists them), public chapters only. */
export async function listRecentBookmarks(db: Db, userId: number, limit = 30): Promise<RecentBookmark[]> {
  const rows = await db.readerBookmark.findMany({
    where: { userId, chapter: { ...publicChapterWhere, book: publicBookWhere } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { ...SELECT, bookId: true, book: { select: { title: true } } },
  });
  return rows.map((row) => ({ ...shaped(row), bookId: row.bookId, bookTitle: row.book.title }));
}

async function addLocked(tx: Tx, userId: number, input: BookmarkInput, now: Date): Promise<AddBookmarkResult> {
  const chapter = await tx.chapter.findFirst({
    where: { id: input.chapterId, bookId: input.bookId, ...publicChapterWhere, book: publicBookWhere },
    select: { id: true },
  });
  if (!chapter) return { ok: false, reason: "NOT_FOUND" };
  const existing = await tx.readerBookmark.findUnique({
    where: { userId_chapterId_paragraph: { userId, chapterId: input.chapterId, paragraph: input.paragraph } },
    select: SELECT,
  });
  if (existing) return { ok: true, added: false, bookmark: shaped(existing) };
  const [inBook, inAccount] = await Promise.all([
    tx.readerBookmark.count({ where: { userId, bookId: input.bookId } }),
    tx.readerBookmark.count({ where: { userId } }),
  ]);
  if (inBook >= BOOKMARKS_PER_BOOK) return { ok: false, reason: "BOOK_FULL" };
  if (inAccount >= BOOKMARKS_PER_ACCOUNT) return { ok: false, reason: "ACCOUNT_FULL" };
  const row = await tx.readerBookmark.create({ data: { userId, ...input, createdAt: now }, select: SELECT });
  return { ok: true, added: true, bookmark: shaped(row) };
}

const lockUser = (tx: Tx, userId: number) => tx.$executeRaw`SELECT pg_advisory_xact_lock(${BOOKMARK_LOCK}, ${userId})`;

/**
 * Bookmarks a paragraph of a public chapter of the book; the same paragraph again changes
 * nothing (added: false). Refused when the book or the account holds its most bookmarks.
 */
export function addBookmark(
  db: Db,
  userId: number,
  input: BookmarkInput,
  now = new Date(),
): Promise<AddBookmarkResult> {
  return transaction(db, async (tx) => {
    await lockUser(tx, userId);
    return addLocked(tx, userId, input, now);
  });
}

/** Removes the reader's bookmark of a paragraph; removed: false when there was none. */
export async function removeBookmark(db: Db, userId: number, key: BookmarkKey): Promise<{ removed: boolean }> {
  const { count } = await db.readerBookmark.deleteMany({
    where: { userId, chapterId: key.chapterId, paragraph: key.paragraph },
  });
  return { removed: count > 0 };
}

/**
 * Adds the bookmarks a browser kept for one book that the account does not have yet (at sign-in,
 * or when a signed-in reader opens the book's chapter), up to the caps; the rest are skipped
 * (counted), as are those in chapters that are not public. Returns the account's bookmarks in
 * the book afterwards, for the browser to keep.
 */
export function mergeBookmarks(
  db: Db,
  userId: number,
  merge: BookmarkMerge,
  now = new Date(),
): Promise<{ bookmarks: Bookmark[]; skipped: number }> {
  return transaction(db, async (tx) => {
    await lockUser(tx, userId);
    let skipped = 0;
    for (const item of merge.bookmarks) {
      const result = await addLocked(tx, userId, { bookId: merge.bookId, ...item }, now);
      if (!result.ok) skipped++;
    }
    return { bookmarks: await listBookmarks(tx, userId, merge.bookId), skipped };
  });
}
