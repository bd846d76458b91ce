import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Book, Chapter } from "@/lib/generated/prisma/client";
import { recountChapterPages } from "@/lib/data/recount-pages";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, chineseBody, createBook, createCategory, createPublishedBook } from "@/lib/test/fixtures";
import { queryBookFeed } from "./feeds";
import { queryBookUrls, queryChapterUrls, querySitemapIndex, querySiteUrls } from "./sitemap";

let t: TestDatabase;
let book: Book;
let chapters: Record<string, Chapter>;
let hidden: Book;

beforeAll(async () => {
  t = await createTestDatabase();
  const { db } = t;
  const category = await createCategory(db, { slug: "xuanhuan" });
  await createCategory(db, { slug: "empty" });
  book = await createBook(db, { categoryId: category.id });
  chapters = {
    one: await addChapter(db, book.id, { body: chineseBody(100) }),
    // 6,000 characters: three sub-pages at 2,500.
    long: await addChapter(db, book.id, { body: chineseBody(6000) }),
    draft: await addChapter(db, book.id, { status: "DRAFT" }),
    scheduled: await addChapter(db, book.id, { status: "SCHEDULED" }),
    deleted: await addChapter(db, book.id, { deletedAt: new Date() }),
  };
  hidden = await createPublishedBook(db, { categoryId: category.id, chapters: 2, hiddenAt: new Date() });
  await createPublishedBook(db, { categoryId: category.id, chapters: 1, deletedAt: new Date() });
});

afterAll(() => t.drop());

const paths = (urls: { path: string }[]) => urls.map((u) => u.path);

describe("sitemap queries", () => {
  it("lists every sub-page of public chapters only, with their update times", async () => {
    const index = await querySitemapIndex(t.db);
    expect(index.chapterFiles).toHaveLength(1);
    const urls = await queryChapterUrls(t.db, index.chapterFiles[0]!);
    const { one, long } = chapters as { one: Chapter; long: Chapter };
    expect(paths(urls)).toEqual([
      `/book/${book.id}/${one.id}`,
      `/book/${book.id}/${long.id}`,
      `/book/${book.id}/${long.id}/2`,
      `/book/${book.id}/${long.id}/3`,
    ]);
    expect(urls[0]!.lastModified).toEqual(one.updatedAt);
  });

  it("lists public books and their tables of contents, never hidden or deleted ones", async () => {
    const index = await querySitemapIndex(t.db);
    expect(index.bookFiles).toHaveLength(1);
    expect(paths(await queryBookUrls(t.db, 0))).toEqual([`/book/${book.id}`, `/book/${book.id}/toc`]);
    expect(paths(await queryBookUrls(t.db, 1))).toEqual([]);
  });

  it("lists home, listings and only the categories that have public books", async () => {
    const urls = paths(await querySiteUrls(t.db, ["popular"]));
    expect(urls).toEqual(["/", "/books", "/rank/popular", "/category/xuanhuan"]);
  });

  it("cuts chapter files by URL count over contiguous id ranges", async () => {
    const index = await querySitemapIndex(t.db);
    const file = index.chapterFiles[0]!;
    expect(file.afterId).toBe(0);
    expect(file.lastId).toBeGreaterThanOrEqual(chapters.long!.id);
    // Hidden books' chapters count in the index but never reach the file.
    expect(file.urls).toBeGreaterThanOrEqual(4);
    expect(paths(await queryChapterUrls(t.db, file)).some((p) => p.startsWith(`/book/${hidden.id}/`))).toBe(false);
  });
});

describe("recountChapterPages", () => {
  it("recomputes stored sub-page counts for another page size", async () => {
    const result = await recountChapterPages(t.url, 1000);
    expect(result.changed).toBeGreaterThan(0);
    const long = await t.db.chapter.findUniqueOrThrow({ where: { id: chapters.long!.id } });
    expect(long.pageCount).toBe(7);
    expect((await recountChapterPages(t.url, 2500)).changed).toBe(result.changed);
    expect((await t.db.chapter.findUniqueOrThrow({ where: { id: long.id } })).pageCount).toBe(3);
  });
});

describe("queryBookFeed", () => {
  it("holds the latest published chapters, newest first", async () => {
    const feed = await queryBookFeed(t.db, book.id);
    expect(feed?.chapters.map((c) => c.id)).toEqual([chapters.long!.id, chapters.one!.id]);
    expect(await queryBookFeed(t.db, hidden.id)).toBeNull();
  });
});
