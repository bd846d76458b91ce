import { publicChapterSql } from "@/lib/data/queries/filters";
import { statDay } from "@/lib/i18n/time";
import type { Tx } from "./tx";

/**
 * Recomputes the denormalised counters of the given books from their public (PUBLISHED, not
 * trashed) chapters in one statement: chapter and word counts, the last chapter (highest
 * position) and the latest publication time. Never incremented blindly, so a counter cannot
 * drift whatever order writes happen in. Call it inside the transaction that changed the
 * chapters, after locking the books.
 */
export async function recomputeBookCounters(tx: Tx, bookIds: readonly number[]): Promise<void> {
  if (bookIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Book" AS b SET
      "chapterCount" = s.chapter_count,
      "wordCount" = s.word_count,
      "lastChapterId" = s.last_id,
      "lastChapterTitle" = s.last_title,
      "lastPublishedAt" = s.last_published_at,
      "updatedAt" = now() AT TIME ZONE 'UTC'
    FROM (
      SELECT ids.id,
        count(c.id)::int AS chapter_count,
        coalesce(sum(c."wordCount"), 0)::int AS word_count,
        (array_agg(c.id ORDER BY c.position DESC))[1] AS last_id,
        (array_agg(c.title ORDER BY c.position DESC))[1] AS last_title,
        max(c."publishedAt") AS last_published_at
      FROM unnest(${[...bookIds]}::int[]) AS ids(id)
      LEFT JOIN "Chapter" c ON c."bookId" = ids.id AND ${publicChapterSql("c")}
      GROUP BY ids.id
    ) AS s
    WHERE b.id = s.id`;
}

/**
 * Adds newly published words to each book's daily stats row (upsert), on the day (site time
 * zone) each chapter went public.
 */
export async function addWordsPublished(
  tx: Tx,
  published: readonly { bookId: number; wordCount: number; publishedAt: Date }[],
): Promise<void> {
  const sums = new Map<string, { bookId: number; day: string; words: number }>();
  for (const c of published) {
    if (c.wordCount <= 0) continue;
    const day = statDay(c.publishedAt);
    const key = `${c.bookId}/${day}`;
    const entry = sums.get(key) ?? { bookId: c.bookId, day, words: 0 };
    entry.words += c.wordCount;
    sums.set(key, entry);
  }
  if (sums.size === 0) return;
  const rows = [...sums.values()];
  await tx.$executeRaw`
    INSERT INTO "BookDailyStat" ("bookId", day, "wordsPublished")
    SELECT * FROM unnest(
      ${rows.map((r) => r.bookId)}::int[],
      ${rows.map((r) => r.day)}::text[]::date[],
      ${rows.map((r) => r.words)}::int[]
    )
    ON CONFLICT ("bookId", day)
    DO UPDATE SET "wordsPublished" = "BookDailyStat"."wordsPublished" + EXCLUDED."wordsPublished"`;
}
