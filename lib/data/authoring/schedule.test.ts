import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import type { User } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createBook, createCategory, createUser, syncBookCounters } from "@/lib/test/fixtures";
import type { Actor } from "./actor";
import { createChapter, moveChapter, trashChapter } from "./chapters";
import { publishDueChapters, schedulePublication } from "./schedule";
import { getBookStats } from "./stats";
import { statDay } from "@/lib/i18n/time";

let t: TestDatabase;
let author: User;
let stranger: User;

const as = (u: User): Actor => ({ id: u.id, role: u.role });
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestDatabase();
  author = await createUser(t.db);
  stranger = await createUser(t.db);
});

afterAll(() => t.drop());

describe("schedulePublication and publishDueChapters", () => {
  it("publishes a scheduled chapter at its time, with publishedAt = publishAt, once", async () => {
    const category = await createCategory(t.db, { slug: "kehuan" });
    const book = await createBook(t.db, { authorId: author.id, categoryId: category.id });
    const now = at("2026-04-01T00:00:00Z");
    const a = await createChapter(t.db, as(author), { bookId: book.id, title: "甲", body: "一二三" });
    const b = await createChapter(t.db, as(author), { bookId: book.id, title: "乙", body: "四五" });
    const publishAt = at("2026-04-01T12:00:00Z");
    expect(await schedulePublication(t.db, as(author), { chapterId: a.chapterId, publishAt }, now)).toEqual({
      tags: [],
    });
    await schedulePublication(t.db, as(author), { chapterId: b.chapterId, publishAt: at("2026-04-02T12:00:00Z") }, now);

    await expect(
      schedulePublication(t.db, as(author), { chapterId: a.chapterId, publishAt: at("2026-03-01T00:00:00Z") }, now),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { publishAt: [{ key: "authoring.errors.publishAtPast" }] },
    });
    await expect(
      schedulePublication(t.db, as(author), { chapterId: a.chapterId, publishAt: at("2028-01-01T00:00:00Z") }, now),
    ).rejects.toMatchObject({ fieldErrors: { publishAt: [{ key: "authoring.errors.publishAtTooFar" }] } });
    await expect(
      schedulePublication(t.db, as(stranger), { chapterId: a.chapterId, publishAt }, now),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Before its time: nothing.
    expect(await publishDueChapters(t.db, at("2026-04-01T11:59:59Z"))).toEqual({
      chapterIds: [],
      bookIds: [],
      tags: [],
    });
    // After: the first chapter only; two runs at once publish it once.
    const runs = await Promise.all([
      publishDueChapters(t.db, at("2026-04-01T12:00:30Z")),
      publishDueChapters(createPrismaClient(t.url), at("2026-04-01T12:00:30Z")),
    ]);
    const done = runs.flatMap((r) => r.chapterIds);
    expect(done).toEqual([a.chapterId]);
    const winner = runs.find((r) => r.chapterIds.length > 0)!;
    expect(winner.bookIds).toEqual([book.id]);
    // The book's first public chapter: the book enters the site, all its pages with it.
    const lists = ["books", "home", `author:${author.id}`, "category:kehuan"];
    expect(winner.tags.sort()).toEqual([`book:${book.id}`, `toc:${book.id}`, ...lists].sort());
    expect(await publishDueChapters(t.db, at("2026-04-01T12:01:00Z"))).toEqual({
      chapterIds: [],
      bookIds: [],
      tags: [],
    });

    const chapter = await t.db.chapter.findUniqueOrThrow({ where: { id: a.chapterId } });
    expect(chapter).toMatchObject({ status: "PUBLISHED", publishedAt: publishAt, publishAt: null });
    const counters = await t.db.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(counters).toMatchObject({
      chapterCount: 1,
      wordCount: 3,
      lastChapterId: a.chapterId,
      lastPublishedAt: publishAt,
    });
    await syncBookCounters(t.db, book.id);
    expect(await t.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({
      chapterCount: 1,
      wordCount: 3,
    });

    // Words published are counted on the day the chapter went public (site time zone).
    const stats = await t.db.bookDailyStat.findMany({ where: { bookId: book.id } });
    expect(stats.map((s) => [s.day.toISOString().slice(0, 10), s.wordsPublished])).toEqual([[statDay(publishAt), 3]]);

    // A published chapter cannot be scheduled.
    await expect(
      schedulePublication(t.db, as(author), { chapterId: a.chapterId, publishAt: at("2026-04-05T00:00:00Z") }, now),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "authoring.errors.alreadyPublished" });

    // The second one, a day later: a new last chapter, so its page and the one before it ("next").
    const second = await publishDueChapters(t.db, at("2026-04-02T12:00:30Z"));
    expect(second.chapterIds).toEqual([b.chapterId]);
    expect(second.tags.sort()).toEqual(
      [`toc:${book.id}`, `chapter:${a.chapterId}`, `chapter:${b.chapterId}`, ...lists].sort(),
    );
  });

  it("leaves trashed chapters and chapters of trashed books alone", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    const now = at("2026-06-01T00:00:00Z");
    const c = await createChapter(
      t.db,
      as(author),
      {
        bookId: book.id,
        title: "定时",
        body: "x",
        intent: "schedule",
        publishAt: at("2026-06-01T01:00:00Z"),
      },
      now,
    );
    const d = await createChapter(
      t.db,
      as(author),
      {
        bookId: book.id,
        title: "定时二",
        body: "x",
        intent: "schedule",
        publishAt: at("2026-06-01T01:00:00Z"),
      },
      now,
    );
    await trashChapter(t.db, as(author), { chapterId: d.chapterId });
    await t.db.book.update({ where: { id: book.id }, data: { deletedAt: now } });
    const mine = async () =>
      (await publishDueChapters(t.db, at("2026-06-02T00:00:00Z"))).chapterIds.filter((id) =>
        [c.chapterId, d.chapterId].includes(id),
      );
    expect(await mine()).toEqual([]);
    await t.db.book.update({ where: { id: book.id }, data: { deletedAt: null } });
    expect(await mine()).toEqual([c.chapterId]);
  });
});

describe("racing writes to one book", () => {
  it("keeps positions exactly 1..n under concurrent moves and inserts on separate connections", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    const ids: number[] = [];
    for (let i = 1; i <= 8; i++) {
      ids.push((await createChapter(t.db, as(author), { bookId: book.id, title: `第${i}章`, body: "x" })).chapterId);
    }
    const clients = Array.from({ length: 4 }, () => createPrismaClient(t.url));
    try {
      const calls = Array.from({ length: 10 }, (_, i) => {
        const db = clients[i % clients.length]!;
        return i % 2 === 0
          ? moveChapter(db, as(author), { chapterId: ids[i % ids.length]!, position: ((i * 3) % 8) + 1 })
          : createChapter(db, as(author), { bookId: book.id, title: `插入${i}`, body: "y", position: (i % 5) + 1 });
      });
      const results = await Promise.allSettled(calls);
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
    const rows = await t.db.chapter.findMany({ where: { bookId: book.id }, orderBy: { position: "asc" } });
    expect(rows).toHaveLength(13);
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(rows.filter((r) => r.title.startsWith("插入"))).toHaveLength(5);
    for (const id of ids) expect(rows.some((r) => r.id === id)).toBe(true);
  });
});

describe("getBookStats", () => {
  it("returns a dense series ending today, owner and admin only", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    const now = at("2026-07-10T06:00:00Z");
    const today = statDay(now);
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    await t.db.bookDailyStat.createMany({
      data: [
        { bookId: book.id, day: day(today), views: 5, shelfAdds: 1, wordsPublished: 100 },
        { bookId: book.id, day: day("2026-07-08"), views: 2, shelfAdds: 0, wordsPublished: 0 },
        { bookId: book.id, day: day("2026-06-01"), views: 99, shelfAdds: 9, wordsPublished: 9 },
      ],
    });
    const stats = await getBookStats(t.db, as(author), book.id, 4, now);
    expect(stats.days).toEqual([
      { day: "2026-07-07", views: 0, shelfAdds: 0, wordsPublished: 0 },
      { day: "2026-07-08", views: 2, shelfAdds: 0, wordsPublished: 0 },
      { day: "2026-07-09", views: 0, shelfAdds: 0, wordsPublished: 0 },
      { day: "2026-07-10", views: 5, shelfAdds: 1, wordsPublished: 100 },
    ]);
    expect(stats.totals).toEqual({ views: 7, shelfAdds: 1, wordsPublished: 100 });
    expect((await getBookStats(t.db, as(author), book.id, 366, now)).days).toHaveLength(366);
    await expect(getBookStats(t.db, as(stranger), book.id, 7, now)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getBookStats(t.db, as(author), book.id, 0, now)).rejects.toMatchObject({ code: "INVALID" });
    const admin = await createUser(t.db, { role: "ADMIN" });
    expect((await getBookStats(t.db, as(admin), book.id, 1, now)).days).toHaveLength(1);
  });

  it("adds published words to today's row (upsert)", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    const now = at("2026-08-01T03:00:00Z");
    await createChapter(t.db, as(author), { bookId: book.id, title: "一", body: "一二三", intent: "publish" }, now);
    await createChapter(t.db, as(author), { bookId: book.id, title: "二", body: "四五", intent: "publish" }, now);
    const stats = await getBookStats(t.db, as(author), book.id, 2, now);
    expect(stats.days.at(-1)).toEqual({ day: statDay(now), views: 0, shelfAdds: 0, wordsPublished: 5 });
  });
});
