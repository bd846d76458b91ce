import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublishedBook } from "@/lib/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { statDay } from "@/lib/i18n/time";
import { createViewBuffer } from "./buffer";
import { flushViews } from "./flush";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const viewCount = async (bookId: number) =>
  (await t.db.book.findUniqueOrThrow({ where: { id: bookId }, select: { viewCount: true } })).viewCount;
const dailyViews = async (bookId: number) =>
  (await t.db.bookDailyStat.findMany({ where: { bookId }, orderBy: { day: "asc" } })).map((s) => [
    s.day.toISOString().slice(0, 10),
    s.views,
  ]);

describe("flushViews", () => {
  it("adds the buffered views of several books and days to Book.viewCount and BookDailyStat.views", async () => {
    const a = await createPublishedBook(t.db, { viewCount: 100 });
    const b = await createPublishedBook(t.db);
    // A row the day already has (shelf additions) keeps its other counters.
    await t.db.bookDailyStat.create({ data: { bookId: a.id, day: new Date("2026-03-02"), views: 5, shelfAdds: 2 } });
    const buffer = createViewBuffer();
    // 2026-03-01 17:00 UTC is already 2026-03-02 in Asia/Shanghai (the site's time zone).
    const lateEvening = statDay(new Date("2026-03-01T15:59:00Z"));
    const pastMidnight = statDay(new Date("2026-03-01T17:00:00Z"));
    expect([lateEvening, pastMidnight]).toEqual(["2026-03-01", "2026-03-02"]);
    buffer.add(a.id, lateEvening);
    buffer.add(a.id, pastMidnight, 3);
    buffer.add(b.id, pastMidnight, 2);

    await flushViews(t.db, buffer.take());

    expect(await viewCount(a.id)).toBe(104);
    expect(await viewCount(b.id)).toBe(2);
    expect(await dailyViews(a.id)).toEqual([
      ["2026-03-01", 1],
      ["2026-03-02", 8],
    ]);
    expect(await dailyViews(b.id)).toEqual([["2026-03-02", 2]]);
    const kept = await t.db.bookDailyStat.findFirstOrThrow({ where: { bookId: a.id, day: new Date("2026-03-02") } });
    expect(kept.shelfAdds).toBe(2);
  });

  it("writes nothing for an empty buffer, and a drained buffer never counts twice", async () => {
    const book = await createPublishedBook(t.db);
    const buffer = createViewBuffer();
    buffer.add(book.id, "2026-03-02");
    await flushViews(t.db, buffer.take());
    await flushViews(t.db, buffer.take());
    await flushViews(t.db, []);
    expect(await viewCount(book.id)).toBe(1);
    expect(await dailyViews(book.id)).toEqual([["2026-03-02", 1]]);
  });

  it("skips a book deleted since its views were counted, and writes the others", async () => {
    const gone = await createPublishedBook(t.db);
    const kept = await createPublishedBook(t.db);
    const counts = [
      { bookId: gone.id, day: "2026-03-02", views: 1 },
      { bookId: kept.id, day: "2026-03-02", views: 1 },
    ];
    await t.db.book.delete({ where: { id: gone.id } });
    await flushViews(t.db, counts);
    expect(await viewCount(kept.id)).toBe(1);
    expect(await t.db.bookDailyStat.count({ where: { bookId: gone.id } })).toBe(0);
  });

  it("does not overflow a book's all-time count", async () => {
    const book = await createPublishedBook(t.db, { viewCount: 2_147_483_646 });
    await flushViews(t.db, [{ bookId: book.id, day: "2026-03-02", views: 5 }]);
    expect(await viewCount(book.id)).toBe(2_147_483_647);
  });
});
