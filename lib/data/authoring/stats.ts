import "server-only";
import type { Db } from "@/lib/db/client";
import { STATS_DAYS_MAX } from "@/lib/validation/authoring";
import { assertCanRead, type Actor } from "./actor";
import { isId } from "@/lib/validation/ids";
import { DomainError } from "@/lib/data/errors";
import { statDay } from "@/lib/i18n/time";

export type BookStatDay = { day: string; views: number; shelfAdds: number; wordsPublished: number };

export type BookStats = {
  /** One entry per day, oldest first, ending today (site time zone); days without a row are 0. */
  days: BookStatDay[];
  totals: { views: number; shelfAdds: number; wordsPublished: number };
};

function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * Views, shelf additions and words published per day over the last `days` days (1..366) of one
 * of the actor's books. `now` fixes "today" (tests); it defaults to the current time.
 */
export async function getBookStats(
  db: Db,
  actor: Actor,
  bookId: number,
  days: number,
  now: Date = new Date(),
): Promise<BookStats> {
  if (!isId(bookId)) throw new DomainError("NOT_FOUND");
  if (!Number.isInteger(days) || days < 1 || days > STATS_DAYS_MAX) {
    throw new DomainError("INVALID", {
      fieldErrors: { days: [{ key: "authoring.errors.invalid" }] },
    });
  }
  const book = await db.book.findUnique({ where: { id: bookId }, select: { authorId: true } });
  assertCanRead(actor, book);
  const last = statDay(now);
  const first = addDays(last, 1 - days);
  const rows = await db.bookDailyStat.findMany({
    where: { bookId, day: { gte: new Date(`${first}T00:00:00Z`), lte: new Date(`${last}T00:00:00Z`) } },
    select: { day: true, views: true, shelfAdds: true, wordsPublished: true },
  });
  const byDay = new Map(rows.map((r) => [r.day.toISOString().slice(0, 10), r]));
  const series: BookStatDay[] = [];
  const totals = { views: 0, shelfAdds: 0, wordsPublished: 0 };
  for (let i = 0; i < days; i++) {
    const day = addDays(first, i);
    const r = byDay.get(day);
    const entry = { day, views: r?.views ?? 0, shelfAdds: r?.shelfAdds ?? 0, wordsPublished: r?.wordsPublished ?? 0 };
    totals.views += entry.views;
    totals.shelfAdds += entry.shelfAdds;
    totals.wordsPublished += entry.wordsPublished;
    series.push(entry);
  }
  return { days: series, totals };
}
