import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Book, Category } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createCategory, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { statDay } from "@/lib/i18n/time";
import { queryLatestUpdates, queryNewestBooks, queryRanking } from "./books";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

let t: TestDatabase;
let fantasy: Category;
let history: Category;
// Public books, created in this order.
let a: Book, b: Book, c: Book, d: Book, e: Book;
let hiddenIds: number[];

beforeAll(async () => {
  t = await createTestDatabase();
  const { db } = t;
  const author = await createUser(db);
  fantasy = await createCategory(db);
  history = await createCategory(db);
  const inFantasy = { authorId: author.id, categoryId: fantasy.id };
  a = await createPublishedBook(db, {
    ...inFantasy,
    viewCount: 30,
    shelfCount: 5,
    createdAt: day(1),
    lastPublishedAt: day(10),
  });
  b = await createPublishedBook(db, {
    ...inFantasy,
    status: "COMPLETED",
    viewCount: 20,
    shelfCount: 9,
    createdAt: day(4),
    lastPublishedAt: day(12),
  });
  c = await createPublishedBook(db, {
    ...inFantasy,
    status: "COMPLETED",
    viewCount: 30,
    shelfCount: 9,
    createdAt: day(2),
    lastPublishedAt: day(8),
  });
  d = await createPublishedBook(db, {
    authorId: author.id,
    categoryId: history.id,
    viewCount: 99,
    shelfCount: 1,
    createdAt: day(4),
    lastPublishedAt: day(12),
  });
  e = await createPublishedBook(db, {
    ...inFantasy,
    viewCount: 5,
    shelfCount: 0,
    createdAt: day(3),
    lastPublishedAt: day(11),
  });

  const winning = { ...inFantasy, status: "COMPLETED" as const, viewCount: 9999, shelfCount: 9999, createdAt: day(30) };
  const deleted = await createPublishedBook(db, { ...winning, lastPublishedAt: day(40), deletedAt: day(41) });
  const hidden = await createPublishedBook(db, { ...winning, lastPublishedAt: day(40), hiddenAt: day(41) });
  const chapterless = await createBook(db, winning);
  const draftOnly = await createBook(db, winning);
  await addChapter(db, draftOnly.id, { status: "DRAFT" });
  hiddenIds = [deleted, hidden, chapterless, draftOnly].map((book) => book.id);
});

afterAll(() => t.drop());

const ids = (books: { id: number }[]) => books.map((book) => book.id);

describe("queryRanking", () => {
  it("ranks popular books by views, ties newest book first", async () => {
    expect(ids(await queryRanking(t.db, "popular"))).toEqual([d.id, c.id, a.id, b.id, e.id]);
  });

  it("ranks shelved books by shelf count, ties newest book first", async () => {
    expect(ids(await queryRanking(t.db, "shelved"))).toEqual([c.id, b.id, a.id, d.id, e.id]);
  });

  it("ranks new books by creation, ties newest book first", async () => {
    expect(ids(await queryRanking(t.db, "new"))).toEqual([d.id, b.id, e.id, c.id, a.id]);
  });

  it("ranks only completed books by views for the completed ranking", async () => {
    expect(ids(await queryRanking(t.db, "completed"))).toEqual([c.id, b.id]);
  });

  it("takes the requested number of books", async () => {
    expect(ids(await queryRanking(t.db, "popular", 2))).toEqual([d.id, c.id]);
  });

  it("ranks the week's and the month's reads from the daily counts, public books only", async () => {
    const daysAgo = (n: number) => statDay(new Date(Date.now() - n * 86_400_000));
    const reads: [number, number, number][] = [
      [a.id, 0, 5], // today
      [a.id, 10, 100], // in the month, not the week
      [b.id, 2, 20],
      [e.id, 40, 500], // older than the month
      [hiddenIds[0]!, 1, 1000],
    ];
    for (const [bookId, ago, views] of reads) {
      await t.db.$executeRaw`
        INSERT INTO "BookDailyStat" ("bookId", day, views) VALUES (${bookId}, ${daysAgo(ago)}::date, ${views})
        ON CONFLICT ("bookId", day) DO UPDATE SET views = EXCLUDED.views`;
    }
    expect(ids(await queryRanking(t.db, "week"))).toEqual([b.id, a.id]);
    expect(ids(await queryRanking(t.db, "month"))).toEqual([a.id, b.id]);
    expect(ids(await queryRanking(t.db, "month", 1))).toEqual([a.id]);
  });

  it("never ranks deleted, hidden or chapterless books", async () => {
    for (const kind of ["popular", "shelved", "new", "completed"] as const) {
      expect(ids(await queryRanking(t.db, kind)).filter((id) => hiddenIds.includes(id))).toEqual([]);
    }
  });
});

describe("queryNewestBooks", () => {
  it("lists public books newest first", async () => {
    expect(ids(await queryNewestBooks(t.db))).toEqual([d.id, b.id, e.id, c.id, a.id]);
    expect(ids(await queryNewestBooks(t.db, 1))).toEqual([d.id]);
  });
});

// Last: it publishes a chapter.
describe("queryLatestUpdates", () => {
  it("lists public books by their latest chapter, ties newest book first", async () => {
    expect(ids(await queryLatestUpdates(t.db))).toEqual([d.id, b.id, e.id, a.id, c.id]);
    expect(ids(await queryLatestUpdates(t.db, 2))).toEqual([d.id, b.id]);
  });

  it("moves a book to the top when it publishes a new chapter, with that chapter shown", async () => {
    const chapter = await addChapter(t.db, c.id, { title: "新的一章", publishedAt: day(20) });
    const [first] = await queryLatestUpdates(t.db);
    expect(first).toMatchObject({
      id: c.id,
      lastChapterId: chapter.id,
      lastChapterTitle: "新的一章",
      lastPublishedAt: day(20),
    });
  });

  it("does not move a book for a draft or scheduled chapter", async () => {
    await addChapter(t.db, a.id, { status: "DRAFT" });
    await addChapter(t.db, a.id, { status: "SCHEDULED" });
    const books = await queryLatestUpdates(t.db);
    expect(ids(books).at(-1)).toBe(a.id);
    expect(books.find((book) => book.id === a.id)).toMatchObject({
      lastChapterTitle: "第1章",
      lastPublishedAt: day(10),
    });
  });
});
