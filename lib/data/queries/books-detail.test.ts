import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Book, Chapter, User } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createCategory, createPublishedBook, createUser } from "@/lib/test/fixtures";
import {
  queryAuthorPage,
  queryBookDetail,
  queryCategories,
  querySampleBook,
  querySampleTag,
  queryTagPage,
} from "./books";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(() => t.drop());

describe("queryBookDetail", () => {
  let book: Book;
  let published: Chapter[];

  beforeAll(async () => {
    const { db } = t;
    book = await createBook(t.db, { title: "剑来", intro: "大千世界，无奇不有。" });
    // Position 1 is a draft, so the first public chapter is position 2.
    await addChapter(db, book.id, { status: "DRAFT", title: "草稿" });
    published = [];
    for (let i = 1; i <= 14; i++) {
      published.push(await addChapter(db, book.id, { title: `第${i}章`, publishedAt: day(i) }));
      if (i === 7) await addChapter(db, book.id, { title: "已删除", deletedAt: day(8) });
    }
    await addChapter(db, book.id, { status: "SCHEDULED", title: "定时" });
    await addChapter(db, book.id, { status: "DRAFT", title: "末尾草稿" });
    const tags = await Promise.all(
      [
        { slug: "xianxia", name: "仙侠" },
        { slug: "adventure", name: "冒险" },
      ].map((data) => db.tag.create({ data })),
    );
    await db.bookTag.createMany({ data: tags.map((tag) => ({ bookId: book.id, tagId: tag.id })) });
  });

  it("shows the book with its intro, tags and counters", async () => {
    const detail = await queryBookDetail(t.db, book.id);
    expect(detail).toMatchObject({
      id: book.id,
      title: "剑来",
      intro: "大千世界，无奇不有。",
      chapterCount: 14,
      lastChapterTitle: "第14章",
    });
    expect(detail?.tags).toEqual(
      expect.arrayContaining([
        { slug: "xianxia", name: "仙侠" },
        { slug: "adventure", name: "冒险" },
      ]),
    );
    expect(detail?.tags).toHaveLength(2);
  });

  it("lists the twelve latest public chapters, newest first", async () => {
    const detail = await queryBookDetail(t.db, book.id);
    const titles = detail?.latestChapters.map((c) => c.title);
    expect(titles).toEqual(Array.from({ length: 12 }, (_, i) => `第${14 - i}章`));
    expect(detail?.latestChapters[0]).toEqual({ id: published[13]?.id, title: "第14章", publishedAt: day(14) });
  });

  it("starts reading at the first public chapter", async () => {
    expect((await queryBookDetail(t.db, book.id))?.firstChapter).toEqual({ id: published[0]?.id, title: "第1章" });
  });

  it("never shows drafts, scheduled or deleted chapters", async () => {
    const detail = await queryBookDetail(t.db, book.id);
    const seen = [...(detail?.latestChapters ?? []), detail?.firstChapter].map((c) => c?.title);
    for (const title of ["草稿", "已删除", "定时", "末尾草稿"]) expect(seen).not.toContain(title);
  });

  it("is null for a deleted, hidden, chapterless or unknown book", async () => {
    const deleted = await createPublishedBook(t.db, { deletedAt: day(1) });
    const hidden = await createPublishedBook(t.db, { hiddenAt: day(1) });
    const chapterless = await createBook(t.db);
    const draftOnly = await createBook(t.db);
    await addChapter(t.db, draftOnly.id, { status: "DRAFT" });
    for (const id of [deleted.id, hidden.id, chapterless.id, draftOnly.id, 2_147_483_647]) {
      expect(await queryBookDetail(t.db, id)).toBeNull();
    }
  });
});

describe("queryAuthorPage", () => {
  let author: User;
  let older: Book;
  let newer: Book;

  beforeAll(async () => {
    const { db } = t;
    author = await createUser(db, { name: "猫腻", bio: "写书的人" });
    older = await createPublishedBook(db, { authorId: author.id, lastPublishedAt: day(1) });
    newer = await createPublishedBook(db, { authorId: author.id, lastPublishedAt: day(5) });
    await createPublishedBook(db, { authorId: author.id, deletedAt: day(2) });
    await createPublishedBook(db, { authorId: author.id, hiddenAt: day(2) });
    await createBook(db, { authorId: author.id });
  });

  it("shows the author with only their public books, latest updated first", async () => {
    const page = await queryAuthorPage(t.db, author.id);
    expect(page).toMatchObject({ id: author.id, name: "猫腻", bio: "写书的人" });
    expect(page?.books.map((b) => b.id)).toEqual([newer.id, older.id]);
  });

  it("does not expose the author's email or password hash", async () => {
    const page = await queryAuthorPage(t.db, author.id);
    expect(Object.keys(page ?? {}).sort()).toEqual(["bio", "books", "id", "name"]);
  });

  it("is null for an author without public books", async () => {
    const unpublished = await createUser(t.db);
    await createBook(t.db, { authorId: unpublished.id });
    const removed = await createUser(t.db);
    await createPublishedBook(t.db, { authorId: removed.id, hiddenAt: day(1) });
    expect(await queryAuthorPage(t.db, unpublished.id)).toBeNull();
    expect(await queryAuthorPage(t.db, removed.id)).toBeNull();
  });

  it("is null for a disabled author or an unknown id", async () => {
    const disabled = await createUser(t.db, { disabledAt: day(1) });
    await createPublishedBook(t.db, { authorId: disabled.id });
    expect(await queryAuthorPage(t.db, disabled.id)).toBeNull();
    expect(await queryAuthorPage(t.db, 2_147_483_647)).toBeNull();
  });
});

describe("queryCategories", () => {
  it("lists categories by their sort key, then by creation", async () => {
    const own = await createTestDatabase();
    try {
      const third = await createCategory(own.db, { slug: "c", sort: 2 });
      const first = await createCategory(own.db, { slug: "a", name: "玄幻", nameEn: "Fantasy", sort: 1 });
      const second = await createCategory(own.db, { slug: "b", sort: 1 });
      const categories = await queryCategories(own.db);
      expect(categories.map((c) => c.id)).toEqual([first.id, second.id, third.id]);
      expect(categories[0]).toEqual({ id: first.id, slug: "a", name: "玄幻", nameEn: "Fantasy" });
    } finally {
      await own.drop();
    }
  });
});

describe("querySampleBook", () => {
  it("is null on a site without public books", async () => {
    const own = await createTestDatabase();
    try {
      await createBook(own.db, { viewCount: 100 });
      expect(await querySampleBook(own.db)).toBeNull();
    } finally {
      await own.drop();
    }
  });

  it("names the most viewed public book, its author and its first public chapter", async () => {
    const own = await createTestDatabase();
    try {
      await createPublishedBook(own.db, { viewCount: 10 });
      await createPublishedBook(own.db, { viewCount: 500, hiddenAt: day(1) });
      const author = await createUser(own.db);
      const book = await createBook(own.db, { authorId: author.id, viewCount: 50 });
      await addChapter(own.db, book.id, { status: "DRAFT" });
      const first = await addChapter(own.db, book.id);
      await addChapter(own.db, book.id);
      expect(await querySampleBook(own.db)).toEqual({ bookId: book.id, authorId: author.id, chapterId: first.id });
    } finally {
      await own.drop();
    }
  });
});

describe("queryTagPage", () => {
  it("shows a tag's public books, most read first; nothing for an unknown tag", async () => {
    const { db } = t;
    const tag = await db.tag.create({ data: { slug: "tag-page", name: "标签页" } });
    const popular = await createPublishedBook(db, { title: "热门", viewCount: 900 });
    const quiet = await createPublishedBook(db, { title: "冷门", viewCount: 3 });
    const hidden = await createPublishedBook(db, { title: "隐藏", viewCount: 5000, hiddenAt: new Date() });
    const untagged = await createPublishedBook(db, { title: "无关", viewCount: 100 });
    for (const b of [quiet, popular, hidden]) await db.bookTag.create({ data: { bookId: b.id, tagId: tag.id } });
    const page = await queryTagPage(db, "tag-page");
    expect(page).toMatchObject({ slug: "tag-page", name: "标签页" });
    expect(page!.books.map((b) => b.title)).toEqual(["热门", "冷门"]);
    expect(page!.books.some((b) => b.id === untagged.id)).toBe(false);
    expect(await queryTagPage(db, "no-such-tag")).toBeNull();
    expect(await querySampleTag(db)).not.toBeNull();
  });
});
