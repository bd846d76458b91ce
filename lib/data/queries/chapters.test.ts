import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Book, Chapter } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import {
  addChapter,
  addPublishedChapters,
  chineseBody,
  createBook,
  createPublishedBook,
  createUser,
  createVolume,
} from "@/lib/test/fixtures";
import { queryChapterPage, queryTableOfContents } from "./chapters";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(() => t.drop());

describe("queryTableOfContents", () => {
  let book: Book;
  let ids: Record<string, number>;

  beforeAll(async () => {
    const { db } = t;
    book = await createBook(db, { title: "目录书" });
    // Created out of order: the table follows volume position, not creation.
    const second = await db.volume.create({ data: { bookId: book.id, title: "第二卷", position: 2 } });
    const first = await db.volume.create({ data: { bookId: book.id, title: "第一卷", position: 1 } });
    const draftsOnly = await db.volume.create({ data: { bookId: book.id, title: "草稿卷", position: 3 } });
    await db.volume.create({ data: { bookId: book.id, title: "空卷", position: 4 } });
    const add = async (title: string, volumeId: number | null, extra: Parameters<typeof addChapter>[2] = {}) =>
      [title, (await addChapter(db, book.id, { title, volumeId, ...extra })).id] as const;
    ids = Object.fromEntries([
      await add("一", first.id),
      await add("序", null),
      await add("二", second.id),
      await add("草稿", first.id, { status: "DRAFT" }),
      await add("草稿卷的章", draftsOnly.id, { status: "SCHEDULED" }),
      await add("三", first.id),
      await add("已删除", second.id, { deletedAt: day(1) }),
      await add("定时", null, { status: "SCHEDULED" }),
      await add("四", second.id),
    ]);
  });

  it("groups public chapters by volume in volume order, loose chapters first, empty volumes omitted", async () => {
    const toc = await queryTableOfContents(t.db, book.id);
    expect(toc?.volumes).toEqual([
      { id: null, title: null, chapters: [{ id: ids["序"], title: "序" }] },
      {
        id: expect.any(Number),
        title: "第一卷",
        chapters: [
          { id: ids["一"], title: "一" },
          { id: ids["三"], title: "三" },
        ],
      },
      {
        id: expect.any(Number),
        title: "第二卷",
        chapters: [
          { id: ids["二"], title: "二" },
          { id: ids["四"], title: "四" },
        ],
      },
    ]);
    expect(toc?.chapterTotal).toBe(5);
    expect(toc?.book).toMatchObject({ id: book.id, title: "目录书", chapterCount: 5 });
  });

  it("is null for a hidden, deleted, chapterless or unknown book", async () => {
    const hidden = await createPublishedBook(t.db, { hiddenAt: day(1) });
    const deleted = await createPublishedBook(t.db, { deletedAt: day(1) });
    const chapterless = await createBook(t.db);
    for (const id of [hidden.id, deleted.id, chapterless.id, 2_147_483_647]) {
      expect(await queryTableOfContents(t.db, id)).toBeNull();
    }
  });

  it("lists every chapter of a 3,000-chapter book in order", async () => {
    const big = await createBook(t.db);
    const first = await createVolume(t.db, big.id, "上卷");
    const second = await createVolume(t.db, big.id, "下卷");
    await addPublishedChapters(t.db, big.id, 1500, { volumeId: first.id });
    await addPublishedChapters(t.db, big.id, 1500, { volumeId: second.id });

    const toc = await queryTableOfContents(t.db, big.id);

    expect(toc?.chapterTotal).toBe(3000);
    expect(toc?.book.chapterCount).toBe(3000);
    expect(toc?.volumes.map((v) => [v.title, v.chapters.length])).toEqual([
      ["上卷", 1500],
      ["下卷", 1500],
    ]);
    const titles = toc?.volumes.flatMap((v) => v.chapters.map((c) => c.title));
    expect(titles).toEqual(Array.from({ length: 3000 }, (_, i) => `第${i + 1}章`));
  });
});

describe("queryChapterPage", () => {
  const PAGE_CHARS = 250;
  let book: Book;
  let opening: Chapter, draft: Chapter, scheduled: Chapter, deleted: Chapter, long: Chapter, lastDraft: Chapter;

  beforeAll(async () => {
    const { db } = t;
    const author = await createUser(db, { name: "天蚕土豆" });
    book = await createBook(db, { title: "斗破", authorId: author.id });
    opening = await addChapter(db, book.id, { title: "开篇", body: "第一段。\n第二段。", authorNote: "感谢支持" });
    draft = await addChapter(db, book.id, { status: "DRAFT" });
    scheduled = await addChapter(db, book.id, { status: "SCHEDULED" });
    deleted = await addChapter(db, book.id, { deletedAt: day(1) });
    long = await addChapter(db, book.id, { title: "长章", body: chineseBody(1000, 100) });
    lastDraft = await addChapter(db, book.id, { status: "DRAFT" });
  });

  it("shows a public chapter with its book, author and author's note", async () => {
    const page = await queryChapterPage(t.db, book.id, opening.id, PAGE_CHARS);
    expect(page).toMatchObject({
      id: opening.id,
      title: "开篇",
      authorNote: "感谢支持",
      pages: [["第一段。", "第二段。"]],
      book: { id: book.id, title: "斗破", author: { name: "天蚕土豆" } },
    });
  });

  it("gives an empty author's note when the author left none", async () => {
    expect((await queryChapterPage(t.db, book.id, long.id, PAGE_CHARS))?.authorNote).toBe("");
  });

  it("links to the previous and next public chapters, skipping the rest", async () => {
    const first = await queryChapterPage(t.db, book.id, opening.id, PAGE_CHARS);
    expect(first?.prev).toBeNull();
    expect(first?.next).toEqual({ id: long.id });
    const last = await queryChapterPage(t.db, book.id, long.id, PAGE_CHARS);
    expect(last?.prev).toEqual({ id: opening.id });
    expect(last?.next).toBeNull();
  });

  it("splits a long chapter into pages of whole paragraphs, none empty", async () => {
    const page = await queryChapterPage(t.db, book.id, long.id, PAGE_CHARS);
    const pages = page?.pages ?? [];
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) {
      expect(p.length).toBeGreaterThan(0);
      expect(p.join("").length).toBeLessThanOrEqual(PAGE_CHARS);
    }
    expect(pages.flat()).toEqual(chineseBody(1000, 100).split("\n"));
  });

  it("is null for a draft, scheduled or deleted chapter", async () => {
    for (const chapter of [draft, scheduled, deleted, lastDraft]) {
      expect(await queryChapterPage(t.db, book.id, chapter.id, PAGE_CHARS)).toBeNull();
    }
  });

  it("is null for a chapter asked for under another book", async () => {
    const other = await createPublishedBook(t.db);
    expect(await queryChapterPage(t.db, other.id, opening.id, PAGE_CHARS)).toBeNull();
  });

  it("is null for a chapter of a hidden or deleted book", async () => {
    for (const state of [{ hiddenAt: day(1) }, { deletedAt: day(1) }]) {
      const gone = await createBook(t.db, state);
      const chapter = await addChapter(t.db, gone.id);
      expect(await queryChapterPage(t.db, gone.id, chapter.id, PAGE_CHARS)).toBeNull();
    }
  });
});
