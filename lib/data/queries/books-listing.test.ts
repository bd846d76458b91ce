import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Book, Category } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createCategory, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { DEFAULT_LISTING_PARAMS, type ListingParams } from "@/lib/validation/listing";
import { LISTING_PAGE_SIZE, queryBookListing } from "./books";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
const hour = (n: number) => new Date(Date.UTC(2026, 1, 1, n));

let t: TestDatabase;
let fantasy: Category;
let history: Category;
let lengths: Category;
let paged: Category;
let empty: Category;
// Public books of `fantasy`, created in this order (so ids rise in this order).
let ongoing: Book, completed: Book, hiatus: Book, completedLater: Book;
let hiddenIds: number[];
let lengthBooks: { short: Book; mediumLow: Book; mediumHigh: Book; long: Book };
let pagedBooks: Book[];

beforeAll(async () => {
  t = await createTestDatabase();
  const { db } = t;
  const author = await createUser(db);
  fantasy = await createCategory(db, { slug: "fantasy" });
  history = await createCategory(db, { slug: "history" });
  lengths = await createCategory(db, { slug: "lengths" });
  paged = await createCategory(db, { slug: "paged" });
  empty = await createCategory(db, { slug: "empty" });
  const inFantasy = { authorId: author.id, categoryId: fantasy.id };

  ongoing = await createPublishedBook(db, {
    ...inFantasy,
    status: "ONGOING",
    words: 100,
    viewCount: 50,
    createdAt: day(1),
    lastPublishedAt: hour(10),
  });
  completed = await createPublishedBook(db, {
    ...inFantasy,
    status: "COMPLETED",
    words: 300,
    viewCount: 80,
    createdAt: day(2),
    lastPublishedAt: hour(5),
  });
  // Ties with the books above on every sort key but status.
  hiatus = await createPublishedBook(db, {
    ...inFantasy,
    status: "HIATUS",
    words: 200,
    viewCount: 80,
    createdAt: day(2),
    lastPublishedAt: hour(10),
  });
  completedLater = await createPublishedBook(db, {
    ...inFantasy,
    status: "COMPLETED",
    words: 300,
    viewCount: 10,
    createdAt: day(3),
    lastPublishedAt: hour(1),
  });

  // Books a reader must never see, each of which would top every sort if it were listed.
  const winning = { ...inFantasy, viewCount: 9999, createdAt: day(30) };
  const deleted = await createPublishedBook(db, {
    ...winning,
    words: 5000,
    lastPublishedAt: hour(20),
    deletedAt: day(31),
  });
  const hidden = await createPublishedBook(db, {
    ...winning,
    words: 5000,
    lastPublishedAt: hour(20),
    hiddenAt: day(31),
  });
  const chapterless = await createBook(db, winning);
  const draftOnly = await createBook(db, winning);
  await addChapter(db, draftOnly.id, { status: "DRAFT" });
  const scheduledOnly = await createBook(db, winning);
  await addChapter(db, scheduledOnly.id, { status: "SCHEDULED" });
  const deletedChapterOnly = await createBook(db, winning);
  await addChapter(db, deletedChapterOnly.id, { deletedAt: day(31) });
  hiddenIds = [deleted, hidden, chapterless, draftOnly, scheduledOnly, deletedChapterOnly].map((b) => b.id);

  await createPublishedBook(db, { authorId: author.id, categoryId: history.id });

  const inLengths = { authorId: author.id, categoryId: lengths.id };
  lengthBooks = {
    short: await createPublishedBook(db, { ...inLengths, words: 299_999 }),
    mediumLow: await createPublishedBook(db, { ...inLengths, words: 300_000, chapters: 2 }),
    mediumHigh: await createPublishedBook(db, { ...inLengths, words: 1_000_000, chapters: 2 }),
    long: await createPublishedBook(db, { ...inLengths, words: 1_000_001, chapters: 2 }),
  };

  pagedBooks = [];
  for (let i = 0; i < 2 * LISTING_PAGE_SIZE + 5; i++) {
    pagedBooks.push(await createPublishedBook(db, { authorId: author.id, categoryId: paged.id, viewCount: i }));
  }
}, 120_000);

afterAll(() => t.drop());

async function list(params: Partial<ListingParams>, categoryId?: number) {
  return queryBookListing(t.db, { ...DEFAULT_LISTING_PARAMS, ...params }, categoryId);
}

async function listIds(params: Partial<ListingParams>, categoryId?: number): Promise<number[]> {
  return (await list(params, categoryId)).books.map((b) => b.id);
}

describe("queryBookListing", () => {
  it("orders by latest chapter publication by default, ties newest book first", async () => {
    expect(await listIds({}, fantasy.id)).toEqual([hiatus.id, ongoing.id, completed.id, completedLater.id]);
  });

  it("orders by views for the popular sort, ties newest book first", async () => {
    expect(await listIds({ sort: "popular" }, fantasy.id)).toEqual([
      hiatus.id,
      completed.id,
      ongoing.id,
      completedLater.id,
    ]);
  });

  it("orders by creation for the new sort, ties newest book first", async () => {
    expect(await listIds({ sort: "new" }, fantasy.id)).toEqual([
      completedLater.id,
      hiatus.id,
      completed.id,
      ongoing.id,
    ]);
  });

  it("orders by word count for the words sort, ties newest book first", async () => {
    expect(await listIds({ sort: "words" }, fantasy.id)).toEqual([
      completedLater.id,
      completed.id,
      hiatus.id,
      ongoing.id,
    ]);
  });

  it("filters by status", async () => {
    expect(await listIds({ status: "ongoing" }, fantasy.id)).toEqual([ongoing.id]);
    expect(await listIds({ status: "completed" }, fantasy.id)).toEqual([completed.id, completedLater.id]);
    expect(await listIds({ status: "hiatus" }, fantasy.id)).toEqual([hiatus.id]);
    expect((await list({ status: "all" }, fantasy.id)).total).toBe(4);
  });

  it("filters by length at the documented word-count boundaries", async () => {
    const { short, mediumLow, mediumHigh, long } = lengthBooks;
    expect(await listIds({ length: "short", sort: "words" }, lengths.id)).toEqual([short.id]);
    expect(await listIds({ length: "medium", sort: "words" }, lengths.id)).toEqual([mediumHigh.id, mediumLow.id]);
    expect(await listIds({ length: "long", sort: "words" }, lengths.id)).toEqual([long.id]);
    expect(await listIds({ length: "all", sort: "words" }, lengths.id)).toEqual([
      long.id,
      mediumHigh.id,
      mediumLow.id,
      short.id,
    ]);
  });

  it("shows word counts and latest chapter that match the book's published chapters", async () => {
    const [book] = (await list({ sort: "words" }, lengths.id)).books;
    expect(book).toMatchObject({
      id: lengthBooks.long.id,
      wordCount: 1_000_001,
      chapterCount: 2,
      lastChapterTitle: "第2章",
    });
  });

  it("filters by category", async () => {
    const { books, total } = await list({}, history.id);
    expect(total).toBe(1);
    expect(books[0]?.category.slug).toBe("history");
    expect((await list({}, fantasy.id)).books.every((b) => b.category.slug === "fantasy")).toBe(true);
  });

  it("pages through a category with a total and page count", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => list({ sort: "popular", page }, paged.id)));
    expect(pages.map((p) => p.books.length)).toEqual([LISTING_PAGE_SIZE, LISTING_PAGE_SIZE, 5]);
    for (const p of pages) expect(p).toMatchObject({ total: 2 * LISTING_PAGE_SIZE + 5, pageCount: 3 });
    expect(pages.flatMap((p) => p.books.map((b) => b.id))).toEqual(pagedBooks.map((b) => b.id).reverse());
  });

  it("returns no books past the last page, still with the total", async () => {
    expect(await list({ page: 4 }, paged.id)).toEqual({ books: [], total: 2 * LISTING_PAGE_SIZE + 5, pageCount: 3 });
  });

  it("reports one empty page for a category without books", async () => {
    expect(await list({}, empty.id)).toEqual({ books: [], total: 0, pageCount: 1 });
  });

  it("never lists deleted, hidden or chapterless books, under any sort", async () => {
    const publicTotal = 4 + 1 + 4 + pagedBooks.length;
    for (const sort of ["updated", "popular", "new", "words"] as const) {
      const pages = await Promise.all([1, 2, 3].map((page) => list({ sort, page })));
      const ids = pages.flatMap((p) => p.books.map((b) => b.id));
      expect(pages[0]?.total).toBe(publicTotal);
      expect(ids).toHaveLength(publicTotal);
      expect(ids.filter((id) => hiddenIds.includes(id))).toEqual([]);
    }
  });
});
