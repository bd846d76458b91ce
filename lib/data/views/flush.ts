import type { Db } from "@/lib/db/client";
import { MAX_INT_ID } from "@/lib/validation/ids";
import type { ViewCount } from "./buffer";

// Writes buffered view counts in one transaction of two statements, whatever the number of books
// and days: Book.viewCount (all time, 人气 rankings) and BookDailyStat.views (the author's daily
// stats). A book deleted since its views were counted is skipped. Either both tables take the
// counts or neither does, so a failed flush can put the counts back in the buffer and try again.

export async function flushViews(db: Db, counts: readonly ViewCount[]): Promise<void> {
  if (counts.length === 0) return;
  const perBook = new Map<number, number>();
  for (const c of counts) perBook.set(c.bookId, (perBook.get(c.bookId) ?? 0) + c.views);
  const bookIds = [...perBook.keys()].sort((a, b) => a - b);
  await db.$transaction([
    db.$executeRaw`
      UPDATE "Book" AS b SET "viewCount" = LEAST(b."viewCount"::bigint + v.views, ${MAX_INT_ID})::int
      FROM unnest(${bookIds}::int[], ${bookIds.map((id) => perBook.get(id) ?? 0)}::int[]) AS v(id, views)
      WHERE b.id = v.id`,
    db.$executeRaw`
      INSERT INTO "BookDailyStat" ("bookId", day, views)
      SELECT v."bookId", v.day, sum(v.views)::int
      FROM unnest(
        ${counts.map((c) => c.bookId)}::int[],
        ${counts.map((c) => c.day)}::text[]::date[],
        ${counts.map((c) => c.views)}::int[]
      ) AS v("bookId", day, views)
      WHERE EXISTS (SELECT 1 FROM "Book" b WHERE b.id = v."bookId")
      GROUP BY v."bookId", v.day
      ON CONFLICT ("bookId", day) DO UPDATE SET views = "BookDailyStat".views + EXCLUDED.views`,
  ]);
}
