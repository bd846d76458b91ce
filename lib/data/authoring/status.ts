import type { ChapterStatus } from "@/lib/generated/prisma/client";
import { SCHEDULE_MAX_AHEAD_MS } from "@/lib/validation/authoring";
import type { Actor } from "./actor";
import { enqueueFollowerNotices } from "@/lib/data/notices/fanout";
import { addWordsPublished } from "./counters";
import { DomainError, invalidField } from "@/lib/data/errors";
import { applyChapterOrder, liveChapterOrder } from "./order";
import { lockBook, type LockedBook, type Tx } from "./tx";

// Status changes of chapters, for callers that already hold the book's lock. They do not
// recompute the book's counters: the caller does once, after all its changes.

export type ChapterRow = {
  id: number;
  bookId: number;
  status: ChapterStatus;
  wordCount: number;
  position: number;
  deletedAt: Date | null;
};

const chapterRowSelect = {
  id: true,
  bookId: true,
  status: true,
  wordCount: true,
  position: true,
  deletedAt: true,
} as const;

/**
 * Locks the book of a chapter and returns the chapter as it is under the lock. NOT_FOUND for a
 * missing chapter or someone else's; CONFLICT for a chapter in the trash unless `allowTrashed`.
 */
export async function lockChapter(
  tx: Tx,
  actor: Actor,
  chapterId: number,
  opts: { allowTrashed?: boolean } = {},
): Promise<{ book: LockedBook; chapter: ChapterRow }> {
  const found = await tx.chapter.findUnique({ where: { id: chapterId }, select: { bookId: true } });
  if (!found) throw new DomainError("NOT_FOUND");
  const book = await lockBook(tx, actor, found.bookId);
  const chapter = await tx.chapter.findUniqueOrThrow({ where: { id: chapterId }, select: chapterRowSelect });
  if (chapter.deletedAt && !opts.allowTrashed) {
    throw new DomainError("CONFLICT", { messageKey: "authoring.errors.chapterInTrash" });
  }
  return { book, chapter };
}

/** The listed chapters of a book, under its lock; NOT_FOUND if any is not the book's. */
export async function chaptersOfBook(tx: Tx, bookId: number, chapterIds: readonly number[]): Promise<ChapterRow[]> {
  const rows = await tx.chapter.findMany({
    where: { id: { in: [...chapterIds] }, bookId },
    select: chapterRowSelect,
    orderBy: { position: "asc" },
  });
  if (rows.length !== chapterIds.length) throw new DomainError("NOT_FOUND");
  return rows;
}

/** A chapter goes public with text in it, never empty. */
async function assertHaveBodies(tx: Tx, chapterIds: readonly number[]): Promise<void> {
  if (chapterIds.length === 0) return;
  const empty = await tx.chapterContent.count({ where: { chapterId: { in: [...chapterIds] }, body: "" } });
  const missing =
    chapterIds.length - (await tx.chapterContent.count({ where: { chapterId: { in: [...chapterIds] } } }));
  if (empty + missing > 0) throw invalidField("body", "authoring.errors.emptyBodyPublish");
}

/** Publishes now the chapters not yet public; returns those that changed. */
export async function publishRows(tx: Tx, rows: readonly ChapterRow[], now: Date): Promise<ChapterRow[]> {
  const changing = rows.filter((c) => c.status !== "PUBLISHED" && !c.deletedAt);
  if (changing.length === 0) return [];
  await assertHaveBodies(
    tx,
    changing.map((c) => c.id),
  );
  await tx.chapter.updateMany({
    where: { id: { in: changing.map((c) => c.id) } },
    data: { status: "PUBLISHED", publishedAt: now, publishAt: null },
  });
  await addWordsPublished(
    tx,
    changing.map((c) => ({ bookId: c.bookId, wordCount: c.wordCount, publishedAt: now })),
  );
  await enqueueFollowerNotices(tx, changing);
  return changing;
}

/**
 * Schedules chapters to go public at `publishAt` (in the future, within a year). A published
 * chapter cannot be scheduled (CONFLICT): unpublish it first.
 */
export async function scheduleRows(tx: Tx, rows: readonly ChapterRow[], publishAt: Date, now: Date): Promise<void> {
  if (publishAt.getTime() <= now.getTime()) throw invalidField("publishAt", "authoring.errors.publishAtPast");
  if (publishAt.getTime() > now.getTime() + SCHEDULE_MAX_AHEAD_MS) {
    throw invalidField("publishAt", "authoring.errors.publishAtTooFar");
  }
  if (rows.some((c) => c.status === "PUBLISHED")) {
    throw new DomainError("CONFLICT", { messageKey: "authoring.errors.alreadyPublished" });
  }
  await assertHaveBodies(
    tx,
    rows.map((c) => c.id),
  );
  await tx.chapter.updateMany({
    where: { id: { in: rows.map((c) => c.id) } },
    data: { status: "SCHEDULED", publishAt, publishedAt: null },
  });
}

/**
 * Moves chapters to the trash: each leaves the order (position `-id`, see order.ts) and the
 * others close the gap. Their status is kept, so a restored published chapter is public again.
 */
export async function trashRows(tx: Tx, bookId: number, rows: readonly ChapterRow[], now: Date): Promise<void> {
  const live = rows.filter((c) => !c.deletedAt);
  if (live.length === 0) return;
  const ids = live.map((c) => c.id);
  await tx.$executeRaw`UPDATE "Chapter" SET position = -id WHERE id = ANY(${ids}::int[]) AND "bookId" = ${bookId}`;
  await tx.chapter.updateMany({ where: { id: { in: ids } }, data: { deletedAt: now } });
  await applyChapterOrder(
    tx,
    bookId,
    (await liveChapterOrder(tx, bookId)).map((c) => c.id),
  );
}
