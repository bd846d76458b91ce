import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addChapter, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { BOOKMARKS_PER_ACCOUNT, BOOKMARKS_PER_BOOK } from "@/lib/validation/bookmarks";
import { addBookmark, listBookmarks, listRecentBookmarks, mergeBookmarks, removeBookmark } from "./bookmarks";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const reader = () => createUser(t.db, { role: "READER" });
const chaptersOf = (bookId: number) =>
  t.db.chapter.findMany({ where: { bookId }, orderBy: { position: "asc" }, select: { id: true, title: true } });
const mark = (bookId: number, chapterId: number, paragraph: number, snippet = `第${paragraph}段`) => ({
  bookId,
  chapterId,
  paragraph,
  page: 1,
  snippet,
});

describe("bookmarks", () => {
  it("adds a paragraph once and lists a book's bookmarks in reading order, only the reader's own", async () => {
    const me = await reader();
    const other = await reader();
    const book = await createPublishedBook(t.db, { chapters: 2 });
    const [one, two] = await chaptersOf(book.id);
    expect(await addBookmark(t.db, me.id, mark(book.id, two!.id, 3))).toMatchObject({ ok: true, added: true });
    expect(await addBookmark(t.db, me.id, mark(book.id, one!.id, 7))).toMatchObject({ ok: true, added: true });
    const again = await addBookmark(t.db, me.id, mark(book.id, one!.id, 7, "别的文字"));
    expect(again).toMatchObject({ ok: true, added: false, bookmark: { snippet: "第7段" } });
    await addBookmark(t.db, other.id, mark(book.id, one!.id, 1));

    const mine = await listBookmarks(t.db, me.id, book.id);
    expect(mine.map((b) => [b.chapterId, b.chapterTitle, b.paragraph, b.snippet])).toEqual([
      [one!.id, one!.title, 7, "第7段"],
      [two!.id, two!.title, 3, "第3段"],
    ]);
    expect(await removeBookmark(t.db, me.id, { chapterId: one!.id, paragraph: 1 })).toEqual({ removed: false });
    expect(await listBookmarks(t.db, other.id, book.id)).toHaveLength(1);
    expect(await removeBookmark(t.db, me.id, { chapterId: one!.id, paragraph: 7 })).toEqual({ removed: true });
    expect((await listBookmarks(t.db, me.id, book.id)).map((b) => b.paragraph)).toEqual([3]);
  });

  it("refuses chapters that are not public, or not in the book, storing nothing", async () => {
    const me = await reader();
    const book = await createPublishedBook(t.db);
    const otherBook = await createPublishedBook(t.db);
    const [elsewhere] = await chaptersOf(otherBook.id);
    const draft = await addChapter(t.db, book.id, { status: "DRAFT" });
    const hidden = await createPublishedBook(t.db, { hiddenAt: new Date() });
    const [inHidden] = await chaptersOf(hidden.id);
    for (const input of [
      mark(book.id, draft.id, 0),
      mark(book.id, elsewhere!.id, 0),
      mark(hidden.id, inHidden!.id, 0),
      mark(book.id, 2_147_483_647, 0),
    ]) {
      expect(await addBookmark(t.db, me.id, input)).toEqual({ ok: false, reason: "NOT_FOUND" });
    }
    expect(await t.db.readerBookmark.count({ where: { userId: me.id } })).toBe(0);
  });

  it("keeps at most BOOKMARKS_PER_BOOK in a book, also when the adds arrive together", async () => {
    const me = await reader();
    const book = await createPublishedBook(t.db);
    const [chapter] = await chaptersOf(book.id);
    const results = await Promise.all(
      Array.from({ length: BOOKMARKS_PER_BOOK + 5 }, (_, i) => addBookmark(t.db, me.id, mark(book.id, chapter!.id, i))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(BOOKMARKS_PER_BOOK);
    expect(results.filter((r) => !r.ok)).toEqual(Array(5).fill({ ok: false, reason: "BOOK_FULL" }));
    expect(await t.db.readerBookmark.count({ where: { userId: me.id } })).toBe(BOOKMARKS_PER_BOOK);
    // Another book still takes them.
    const next = await createPublishedBook(t.db);
    const [there] = await chaptersOf(next.id);
    expect(await addBookmark(t.db, me.id, mark(next.id, there!.id, 0))).toMatchObject({ ok: true });
  });

  it("keeps at most BOOKMARKS_PER_ACCOUNT in all", async () => {
    const me = await reader();
    const book = await createPublishedBook(t.db);
    const [chapter] = await chaptersOf(book.id);
    // A full account, in another book (which holds more than a book may: inserted directly).
    const filler = await createPublishedBook(t.db);
    const [fillerChapter] = await chaptersOf(filler.id);
    await t.db.readerBookmark.createMany({
      data: Array.from({ length: BOOKMARKS_PER_ACCOUNT }, (_, i) => ({
        userId: me.id,
        bookId: filler.id,
        chapterId: fillerChapter!.id,
        paragraph: i,
        snippet: "x",
      })),
    });
    expect(await addBookmark(t.db, me.id, mark(book.id, chapter!.id, 0))).toEqual({
      ok: false,
      reason: "ACCOUNT_FULL",
    });
    await removeBookmark(t.db, me.id, { chapterId: fillerChapter!.id, paragraph: 0 });
    expect(await addBookmark(t.db, me.id, mark(book.id, chapter!.id, 0))).toMatchObject({ ok: true, added: true });
  });

  it("merges a browser's bookmarks: adds the new ones, keeps the account's, skips what it cannot take", async () => {
    const me = await reader();
    const book = await createPublishedBook(t.db, { chapters: 2 });
    const [one, two] = await chaptersOf(book.id);
    const draft = await addChapter(t.db, book.id, { status: "DRAFT" });
    await addBookmark(t.db, me.id, mark(book.id, one!.id, 2, "账号里的"));
    const merged = await mergeBookmarks(t.db, me.id, {
      bookId: book.id,
      bookmarks: [
        { chapterId: one!.id, paragraph: 2, page: 1, snippet: "浏览器里的" },
        { chapterId: two!.id, paragraph: 0, page: 1, snippet: "新的" },
        { chapterId: draft.id, paragraph: 0, page: 1, snippet: "草稿" },
      ],
    });
    expect(merged.skipped).toBe(1);
    expect(merged.bookmarks.map((b) => [b.chapterId, b.paragraph, b.snippet])).toEqual([
      [one!.id, 2, "账号里的"],
      [two!.id, 0, "新的"],
    ]);
  });

  it("lists the reader's newest bookmarks across books for the shelf, leaving out chapters no longer public", async () => {
    const me = await reader();
    const a = await createPublishedBook(t.db, { title: "甲之书" });
    const b = await createPublishedBook(t.db, { title: "乙之书" });
    const [inA] = await chaptersOf(a.id);
    const [inB] = await chaptersOf(b.id);
    await addBookmark(t.db, me.id, mark(a.id, inA!.id, 1), new Date("2026-01-01T00:00:00Z"));
    await addBookmark(t.db, me.id, mark(b.id, inB!.id, 2), new Date("2026-01-02T00:00:00Z"));
    expect((await listRecentBookmarks(t.db, me.id)).map((x) => [x.bookTitle, x.paragraph])).toEqual([
      ["乙之书", 2],
      ["甲之书", 1],
    ]);
    await t.db.book.update({ where: { id: b.id }, data: { hiddenAt: new Date() } });
    expect((await listRecentBookmarks(t.db, me.id)).map((x) => x.bookTitle)).toEqual(["甲之书"]);
    expect(await listRecentBookmarks(t.db, (await reader()).id)).toEqual([]);
  });
});
