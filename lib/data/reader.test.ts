import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addChapter, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import {
  addToShelf,
  getHistory,
  getPositions,
  getShelf,
  HISTORY_PAGE_SIZE,
  isOnShelf,
  mergeProgress,
  recordProgress,
  removeFromShelf,
} from "./reader";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const reader = () => createUser(t.db, { role: "READER" });
const chaptersOf = (bookId: number) =>
  t.db.chapter.findMany({ where: { bookId }, orderBy: { position: "asc" }, select: { id: true, title: true } });
const shelfCount = async (bookId: number) =>
  (await t.db.book.findUniqueOrThrow({ where: { id: bookId }, select: { shelfCount: true } })).shelfCount;

describe("shelf", () => {
  it("adds once: counters move only on a real insert, today's shelfAdds in the site's time zone", async () => {
    const user = await reader();
    const other = await reader();
    const book = await createPublishedBook(t.db, { chapters: 2 });
    // 2026-03-01 17:00 UTC is already 2026-03-02 in Asia/Shanghai.
    const now = new Date("2026-03-01T17:00:00Z");

    expect(await addToShelf(t.db, user.id, { bookId: book.id }, now)).toEqual({ ok: true, changed: true });
    expect(await addToShelf(t.db, user.id, { bookId: book.id }, now)).toEqual({ ok: true, changed: false });
    await addToShelf(t.db, other.id, { bookId: book.id }, now);

    expect(await shelfCount(book.id)).toBe(2);
    expect(await isOnShelf(t.db, user.id, book.id)).toBe(true);
    const stats = await t.db.bookDailyStat.findMany({ where: { bookId: book.id } });
    expect(stats.map((s) => [s.day.toISOString().slice(0, 10), s.shelfAdds])).toEqual([["2026-03-02", 2]]);
  });

  it("removes once: shelfCount drops only on a real delete", async () => {
    const user = await reader();
    const book = await createPublishedBook(t.db);
    await addToShelf(t.db, user.id, { bookId: book.id });
    expect(await removeFromShelf(t.db, user.id, { bookId: book.id })).toEqual({ ok: true, changed: true });
    expect(await removeFromShelf(t.db, user.id, { bookId: book.id })).toEqual({ ok: true, changed: false });
    expect(await shelfCount(book.id)).toBe(0);
    expect(await isOnShelf(t.db, user.id, book.id)).toBe(false);
  });

  it("refuses books that are not public", async () => {
    const user = await reader();
    const hidden = await createPublishedBook(t.db, { hiddenAt: new Date() });
    const deleted = await createPublishedBook(t.db, { deletedAt: new Date() });
    for (const book of [hidden, deleted]) {
      expect(await addToShelf(t.db, user.id, { bookId: book.id })).toEqual({ ok: false, reason: "NOT_FOUND" });
      expect(await shelfCount(book.id)).toBe(0);
    }
    expect(await addToShelf(t.db, user.id, { bookId: 999_999 })).toEqual({ ok: false, reason: "NOT_FOUND" });
  });

  it("shows the last chapter read and the public chapters published after it", async () => {
    const user = await reader();
    const book = await createPublishedBook(t.db, { chapters: 5 });
    const unread = await createPublishedBook(t.db, { chapters: 3 });
    await addChapter(t.db, book.id, { status: "DRAFT" });
    await addChapter(t.db, book.id, { deletedAt: new Date() });
    const chapters = await chaptersOf(book.id);
    const second = chapters[1]!;

    await addToShelf(t.db, user.id, { bookId: unread.id });
    await addToShelf(t.db, user.id, { bookId: book.id });
    await recordProgress(t.db, user.id, { bookId: book.id, chapterId: second.id, page: 2, at: Date.now() });

    const shelf = await getShelf(t.db, user.id);
    expect(shelf.map((s) => s.bookId)).toEqual([book.id, unread.id]);
    expect(shelf[0]).toMatchObject({ chapter: { id: second.id, title: second.title, page: 2 }, newChapters: 3 });
    expect(shelf[1]).toMatchObject({ chapter: null, newChapters: 3 });
  });

  it("starts a new entry at the position read before shelving", async () => {
    const user = await reader();
    const book = await createPublishedBook(t.db, { chapters: 3 });
    const [, , third] = await chaptersOf(book.id);
    await recordProgress(t.db, user.id, { bookId: book.id, chapterId: third!.id, page: 1, at: Date.now() });
    await addToShelf(t.db, user.id, { bookId: book.id });
    const [item] = await getShelf(t.db, user.id);
    expect(item).toMatchObject({ chapter: { id: third!.id }, newChapters: 0 });
  });
});

describe("progress", () => {
  it("refuses chapters that are not public and chapters of another book", async () => {
    const user = await reader();
    const book = await createPublishedBook(t.db, { chapters: 1 });
    const other = await createPublishedBook(t.db, { chapters: 1 });
    const draft = await addChapter(t.db, book.id, { status: "DRAFT" });
    const [otherChapter] = await chaptersOf(other.id);
    const hiddenBook = await createPublishedBook(t.db, { hiddenAt: new Date() });
    const [hiddenChapter] = await chaptersOf(hiddenBook.id);
    const at = Date.now();

    for (const input of [
      { bookId: book.id, chapterId: draft.id, page: 1, at },
      { bookId: book.id, chapterId: otherChapter!.id, page: 1, at },
      { bookId: hiddenBook.id, chapterId: hiddenChapter!.id, page: 1, at },
    ]) {
      expect(await recordProgress(t.db, user.id, input)).toEqual({ ok: false, reason: "NOT_FOUND" });
    }
    expect(await t.db.readingHistory.count({ where: { userId: user.id } })).toBe(0);
  });

  it("ignores a position older than the stored one, and updates the shelf entry with a newer one", async () => {
    const user = await reader();
    const book = await createPublishedBook(t.db, { chapters: 3 });
    const [first, second, third] = await chaptersOf(book.id);
    await addToShelf(t.db, user.id, { bookId: book.id });
    const at = Date.now() - 60_000;

    await recordProgress(t.db, user.id, { bookId: book.id, chapterId: third!.id, page: 2, at });
    expect(
      await recordProgress(t.db, user.id, { bookId: book.id, chapterId: first!.id, page: 1, at: at - 1000 }),
    ).toEqual({ ok: true, applied: false });
    let [item] = await getShelf(t.db, user.id);
    expect(item?.chapter).toMatchObject({ id: third!.id, page: 2 });

    // Going back on purpose later is a newer position, and it wins.
    expect(
      await recordProgress(t.db, user.id, { bookId: book.id, chapterId: second!.id, page: 1, at: at + 1000 }),
    ).toEqual({ ok: true, applied: true });
    [item] = await getShelf(t.db, user.id);
    expect(item?.chapter).toMatchObject({ id: second!.id, page: 1 });
    expect(item?.newChapters).toBe(1);
  });

  it("never stores a position in the future of the server's clock", async () => {
    const user = await reader();
    const book = await createPublishedBook(t.db, { chapters: 2 });
    const [first, second] = await chaptersOf(book.id);
    const now = new Date();
    await recordProgress(
      t.db,
      user.id,
      { bookId: book.id, chapterId: first!.id, page: 1, at: now.getTime() + 86_400_000 },
      now,
    );
    const later = new Date(now.getTime() + 1000);
    const result = await recordProgress(
      t.db,
      user.id,
      { bookId: book.id, chapterId: second!.id, page: 1, at: later.getTime() },
      later,
    );
    expect(result).toEqual({ ok: true, applied: true });
  });

  it("merges browser positions at sign-in: newest wins per book, non-public skipped", async () => {
    const user = await reader();
    const a = await createPublishedBook(t.db, { chapters: 3 });
    const b = await createPublishedBook(t.db, { chapters: 3 });
    const c = await createPublishedBook(t.db, { chapters: 1 });
    const draft = await addChapter(t.db, c.id, { status: "DRAFT" });
    const [a1, a2, a3] = await chaptersOf(a.id);
    const [b1, b2] = await chaptersOf(b.id);
    const base = Date.now() - 600_000;

    // The account already read further in A than this browser, and less far in B.
    await recordProgress(t.db, user.id, { bookId: a.id, chapterId: a3!.id, page: 1, at: base + 5000 });
    await recordProgress(t.db, user.id, { bookId: b.id, chapterId: b1!.id, page: 1, at: base });

    const positions = await mergeProgress(t.db, user.id, [
      { bookId: a.id, chapterId: a1!.id, page: 1, at: base + 1000 },
      { bookId: a.id, chapterId: a2!.id, page: 1, at: base + 2000 },
      { bookId: b.id, chapterId: b2!.id, page: 3, at: base + 3000 },
      { bookId: b.id, chapterId: b1!.id, page: 2, at: base + 100 },
      { bookId: c.id, chapterId: draft.id, page: 1, at: base + 9000 },
    ]);

    expect(positions.map((p) => [p.bookId, p.chapterId, p.page])).toEqual([
      [a.id, a3!.id, 1],
      [b.id, b2!.id, 3],
    ]);
    expect(positions[0]).toMatchObject({ chapterTitle: a3!.title, at: base + 5000 });
    expect(await getPositions(t.db, user.id)).toEqual(positions);
  });
});

describe("history", () => {
  it("lists the books read, newest first, page by page", async () => {
    const user = await reader();
    const base = Date.now() - 3_600_000;
    const books = [];
    for (let i = 0; i < HISTORY_PAGE_SIZE + 2; i++) {
      const book = await createPublishedBook(t.db);
      const [chapter] = await chaptersOf(book.id);
      await recordProgress(t.db, user.id, { bookId: book.id, chapterId: chapter!.id, page: 1, at: base + i * 1000 });
      books.push(book);
    }
    await t.db.book.update({ where: { id: books[0]!.id }, data: { deletedAt: new Date() } });

    const first = await getHistory(t.db, user.id, 1);
    expect(first.total).toBe(HISTORY_PAGE_SIZE + 1);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.items[0]).toMatchObject({ bookId: books.at(-1)!.id, chapterTitle: "第1章", page: 1 });
    const times = first.items.map((i) => i.readAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));

    const second = await getHistory(t.db, user.id, 2);
    expect(second.items.map((i) => i.bookId)).toEqual([books[1]!.id]);
    expect((await getHistory(t.db, user.id, 99)).page).toBe(2);
  });
});
