import "server-only";
import type { Db } from "@/lib/db/client";
import { chapterScheduleSchema } from "@/lib/validation/authoring";
import type { Actor } from "./actor";
import type { WriteResult } from "./books";
import { enqueueFollowerNotices } from "@/lib/data/notices/fanout";
import { addWordsPublished, recomputeBookCounters } from "./counters";
import { parseInput } from "@/lib/data/errors";
import { publicChapterOrder, revalidationTags, snapshotBook } from "./revalidation";
import { lockChapter, scheduleRows } from "./status";
import { transaction } from "./tx";

/**
 * Schedules a draft (or reschedules a scheduled chapter) to go public at `publishAt`. Nothing
 * public changes until then; publishDueChapters makes it public.
 */
export async function schedulePublication(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult> {
  const { chapterId, publishAt } = parseInput(chapterScheduleSchema, input);
  return transaction(db, async (tx) => {
    const { chapter } = await lockChapter(tx, actor, chapterId);
    await scheduleRows(tx, [chapter], publishAt, now);
    return { tags: [] };
  });
}

/** Any constant unique to this job: the key of its transaction-level advisory lock. */
const PUBLISH_DUE_LOCK_KEY = 0x5348_5055; // "SHPU"

export type PublishDueResult = { chapterIds: number[]; bookIds: number[]; tags: string[] };

/**
 * Makes public every SCHEDULED chapter whose time has come (`publishAt <= now`), with
 * `publishedAt = publishAt`, and recomputes the counters of their books: one transaction.
 *
 * Every instance runs this every ~30 s (no manual step, no single cron host): the
 * transaction-level advisory lock lets one run at a time do the work, and a run that finds the
 * lock taken returns at once with nothing (the holder is publishing those very chapters). A
 * later run finds nothing left to do, so each chapter is published exactly once. Chapters of
 * books in the trash wait: they go public on the first run after the book is restored.
 *
 * Books are locked (in id order) before their chapters are changed, the same order every
 * author write takes, so this never deadlocks with an author saving a chapter. The caller
 * revalidates the returned tags with `revalidateTag(tag, { expire: 0 })` (it is not a server
 * action, so `updateTag` is not available).
 */
export async function publishDueChapters(db: Db, now: Date): Promise<PublishDueResult> {
  return transaction(db, async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
      SELECT pg_try_advisory_xact_lock(${PUBLISH_DUE_LOCK_KEY}) AS locked`;
    if (!lock?.locked) return { chapterIds: [], bookIds: [], tags: [] };
    const dueWhere = {
      status: "SCHEDULED",
      deletedAt: null,
      publishAt: { lte: now },
      book: { deletedAt: null },
    } as const;
    const dueBooks = await tx.chapter.findMany({ where: dueWhere, distinct: ["bookId"], select: { bookId: true } });
    if (dueBooks.length === 0) return { chapterIds: [], bookIds: [], tags: [] };
    const bookIds = dueBooks.map((c) => c.bookId).sort((a, b) => a - b);
    await tx.$queryRaw`SELECT id FROM "Book" WHERE id = ANY(${bookIds}::int[]) ORDER BY id FOR UPDATE`;
    const before = await Promise.all(bookIds.map((id) => snapshotBook(tx, id)));
    const orderBefore = await Promise.all(bookIds.map((id) => publicChapterOrder(tx, id)));
    // Read again under the locks: an author may have changed them meanwhile.
    const due = await tx.chapter.findMany({
      where: { ...dueWhere, bookId: { in: bookIds } },
      select: { id: true, bookId: true, wordCount: true, publishAt: true },
      orderBy: { id: "asc" },
    });
    await tx.$executeRaw`
      UPDATE "Chapter"
      SET status = 'PUBLISHED', "publishedAt" = "publishAt", "publishAt" = NULL, "updatedAt" = now() AT TIME ZONE 'UTC'
      WHERE id = ANY(${due.map((c) => c.id)}::int[])`;
    await addWordsPublished(
      tx,
      due.map((c) => ({ bookId: c.bookId, wordCount: c.wordCount, publishedAt: c.publishAt! })),
    );
    await enqueueFollowerNotices(tx, due);
    const touched = [...new Set(due.map((c) => c.bookId))];
    await recomputeBookCounters(tx, touched);
    const tags = new Set<string>();
    for (const [i, b] of before.entries()) {
      const chapterIds = due.filter((c) => c.bookId === b.id).map((c) => c.id);
      if (chapterIds.length === 0) continue;
      const order = { before: orderBefore[i]!, after: await publicChapterOrder(tx, b.id) };
      for (const tag of revalidationTags(b, await snapshotBook(tx, b.id), { chapterIds, order })) tags.add(tag);
    }
    return { chapterIds: due.map((c) => c.id), bookIds: touched, tags: [...tags] };
  });
}
