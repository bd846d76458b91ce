import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Book, Category, User } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import {
  addChapter,
  createBook,
  createCategory,
  createUser,
  createVolume,
  syncBookCounters,
} from "@/lib/test/fixtures";
import type { Actor } from "./actor";
import {
  bulkUpdateChapters,
  createChapter,
  getChapterForEdit,
  listChaptersForEdit,
  moveChapter,
  publishChapter,
  reorderChapters,
  restoreChapter,
  trashChapter,
  unpublishChapter,
  updateChapter,
} from "./chapters";

let t: TestDatabase;
let category: Category;
let author: User;
let stranger: User;
let admin: User;
let book: Book;

const as = (u: User): Actor => ({ id: u.id, role: u.role });

beforeAll(async () => {
  t = await createTestDatabase();
  category = await createCategory(t.db, { slug: "wuxia" });
  author = await createUser(t.db);
  stranger = await createUser(t.db);
  admin = await createUser(t.db, { role: "ADMIN" });
});

beforeEach(async () => {
  book = await createBook(t.db, { authorId: author.id, categoryId: category.id });
});

afterAll(() => t.drop());

async function counters(bookId = book.id) {
  return t.db.book.findUniqueOrThrow({
    where: { id: bookId },
    select: { chapterCount: true, wordCount: true, lastChapterId: true, lastChapterTitle: true, lastPublishedAt: true },
  });
}

/** The counters a full recount gives, to compare with those the writes left. */
async function recounted(bookId = book.id) {
  const kept = await counters(bookId);
  await syncBookCounters(t.db, bookId);
  const fresh = await counters(bookId);
  expect(kept).toEqual(fresh);
  return fresh;
}

async function positions(bookId = book.id) {
  const rows = await t.db.chapter.findMany({ where: { bookId, deletedAt: null }, orderBy: { position: "asc" } });
  return rows.map((c) => [c.position, c.title] as const);
}

/** A change to the book's card: its index pages, every list it is on, and the given chapters' pages. */
const listTags = (...chapterIds: number[]) =>
  [
    `toc:${book.id}`,
    ...chapterIds.map((id) => `chapter:${id}`),
    "books",
    "home",
    `author:${author.id}`,
    "category:wuxia",
  ].sort();

/** The book enters or leaves the public site: all its pages (no chapter tag needed) and lists. */
const publicChangeTags = () => [`book:${book.id}`, ...listTags()].sort();

describe("createChapter", () => {
  it("saves a draft: not public, no counters, no tags; body cleaned", async () => {
    const r = await createChapter(t.db, as(author), {
      bookId: book.id,
      title: "第一章",
      body: "  第一段。 \r\n\r\n\u3000\u3000第二段。\u200B",
      authorNote: " 求收藏 ",
    });
    expect(r.tags).toEqual([]);
    const chapter = await getChapterForEdit(t.db, as(author), r.chapterId);
    expect(chapter).toMatchObject({
      status: "DRAFT",
      position: 1,
      body: "第一段。\n第二段。",
      authorNote: "求收藏",
      wordCount: 6,
    });
    expect(await counters()).toMatchObject({ chapterCount: 0, wordCount: 0, lastChapterId: null });
  });

  it("publishes now: counters, last chapter, update time and tags in the same write", async () => {
    const now = new Date("2026-03-01T10:00:00Z");
    const r = await createChapter(
      t.db,
      as(author),
      { bookId: book.id, title: "开篇", body: "一二三四五", intent: "publish" },
      now,
    );
    expect(r.tags.sort()).toEqual(publicChangeTags());
    expect(await recounted()).toEqual({
      chapterCount: 1,
      wordCount: 5,
      lastChapterId: r.chapterId,
      lastChapterTitle: "开篇",
      lastPublishedAt: now,
    });
  });

  it("inserts at a position, the others move down", async () => {
    for (const title of ["一", "二", "三"]) await createChapter(t.db, as(author), { bookId: book.id, title });
    await createChapter(t.db, as(author), { bookId: book.id, title: "插", position: 2 });
    await createChapter(t.db, as(author), { bookId: book.id, title: "尾", position: 99 });
    expect(await positions()).toEqual([
      [1, "一"],
      [2, "插"],
      [3, "二"],
      [4, "三"],
      [5, "尾"],
    ]);
  });

  it("refuses someone else's book, a volume of another book, forged fields and empty publishes", async () => {
    await expect(createChapter(t.db, as(stranger), { bookId: book.id, title: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const reader = await createUser(t.db, { role: "READER" });
    await expect(createChapter(t.db, as(reader), { bookId: book.id, title: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const elsewhere = await createVolume(t.db, (await createBook(t.db)).id, "别人的卷");
    await expect(
      createChapter(t.db, as(author), { bookId: book.id, title: "x", volumeId: elsewhere.id }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { volumeId: [{ key: "authoring.errors.unknownVolume" }] },
    });
    const forged = { bookId: book.id, title: "x", status: "PUBLISHED", wordCount: 100 };
    await expect(createChapter(t.db, as(author), forged)).rejects.toMatchObject({ code: "INVALID" });
    await expect(
      createChapter(t.db, as(author), { bookId: book.id, title: "空", intent: "publish" }),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { body: [{ key: "authoring.errors.emptyBodyPublish" }] } });
    await expect(
      createChapter(t.db, as(author), { bookId: book.id, title: "x", body: "坏\u0000" }),
    ).rejects.toMatchObject({ fieldErrors: { body: [{ key: "authoring.errors.nulCharacter" }] } });
    await expect(
      createChapter(t.db, as(author), { bookId: book.id, title: "x", body: "书".repeat(90_000) }),
    ).rejects.toMatchObject({ fieldErrors: { body: [{ key: "authoring.errors.tooManyBytes" }] } });
    expect(await t.db.chapter.count({ where: { bookId: book.id } })).toBe(0);
    // An admin may write in anyone's book.
    await createChapter(t.db, as(admin), { bookId: book.id, title: "管理员", body: "x", intent: "publish" });
    expect((await counters()).chapterCount).toBe(1);
  });
});

describe("updateChapter, publish, unpublish", () => {
  it("keeps counters exact through publish, edit of a published chapter, unpublish", async () => {
    const a = await createChapter(t.db, as(author), { bookId: book.id, title: "甲", body: "一二" });
    const b = await createChapter(t.db, as(author), { bookId: book.id, title: "乙", body: "一二三" });
    // The first public chapter: the book enters the site.
    expect((await publishChapter(t.db, as(author), { chapterId: a.chapterId })).tags.sort()).toEqual(
      publicChangeTags(),
    );
    expect(await publishChapter(t.db, as(author), { chapterId: a.chapterId })).toEqual({ tags: [] });
    // A new last chapter: its page, and the page of the one before it (its "next" link).
    expect((await publishChapter(t.db, as(author), { chapterId: b.chapterId })).tags.sort()).toEqual(
      listTags(a.chapterId, b.chapterId),
    );
    expect(await recounted()).toMatchObject({ chapterCount: 2, wordCount: 5, lastChapterTitle: "乙" });

    // Editing the text of a published chapter that is not the last: its page and the book's
    // (word count) change, and so do the lists (they show word counts); not the next chapter's.
    const edit = await updateChapter(t.db, as(author), { chapterId: a.chapterId, body: "一二三四五六七" });
    expect(edit.tags.sort()).toEqual(listTags(a.chapterId));
    expect(await recounted()).toMatchObject({ chapterCount: 2, wordCount: 10 });
    // Only the author's note: the chapter's pages and the book's index pages, not the lists.
    const note = await updateChapter(t.db, as(author), { chapterId: a.chapterId, authorNote: "谢谢" });
    expect(note.tags.sort()).toEqual([`chapter:${a.chapterId}`, `toc:${book.id}`]);
    // Renaming the last chapter changes every list showing it; the chapter before it only links to it.
    const renamed = await updateChapter(t.db, as(author), { chapterId: b.chapterId, title: "乙（修）" });
    expect(renamed.tags.sort()).toEqual(listTags(b.chapterId));
    expect(await recounted()).toMatchObject({ lastChapterTitle: "乙（修）" });

    // The last chapter leaves: its page, the one before it (no "next" any more), the sitemaps.
    expect((await unpublishChapter(t.db, as(author), { chapterId: b.chapterId })).tags.sort()).toEqual(
      [...listTags(a.chapterId, b.chapterId), "sitemap"].sort(),
    );
    expect(await recounted()).toMatchObject({ chapterCount: 1, wordCount: 7, lastChapterId: a.chapterId });
    // The last public chapter leaves, and with it the book.
    expect((await unpublishChapter(t.db, as(author), { chapterId: a.chapterId })).tags.sort()).toEqual(
      [...publicChangeTags(), "sitemap"].sort(),
    );
    expect(await recounted()).toEqual({
      chapterCount: 0,
      wordCount: 0,
      lastChapterId: null,
      lastChapterTitle: null,
      lastPublishedAt: null,
    });
    // Editing a draft of a book nobody can see: nothing to revalidate.
    expect(await updateChapter(t.db, as(author), { chapterId: a.chapterId, title: "甲二" })).toEqual({ tags: [] });
  });

  it("publishes from the editor and refuses strangers and trashed chapters", async () => {
    const c = await createChapter(t.db, as(author), { bookId: book.id, title: "甲" });
    await expect(updateChapter(t.db, as(stranger), { chapterId: c.chapterId, title: "偷" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getChapterForEdit(t.db, as(stranger), c.chapterId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(publishChapter(t.db, as(stranger), { chapterId: c.chapterId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // The book's first public chapter: the book enters the site, all its pages with it.
    const r = await updateChapter(t.db, as(author), { chapterId: c.chapterId, body: "正文", intent: "publish" });
    expect(r.tags.sort()).toEqual(publicChangeTags());
    expect(await recounted()).toMatchObject({ chapterCount: 1, wordCount: 2 });
    await trashChapter(t.db, as(author), { chapterId: c.chapterId });
    await expect(updateChapter(t.db, as(author), { chapterId: c.chapterId, title: "x" })).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "authoring.errors.chapterInTrash",
    });
  });
});

describe("a live chapter keeps its text", () => {
  it("refuses to empty the body of a published or scheduled chapter, not of a draft", async () => {
    const now = new Date("2026-05-01T00:00:00Z");
    const emptied = { code: "INVALID", fieldErrors: { body: [{ key: "authoring.errors.emptyBodyLive" }] } };
    const pub = await createChapter(t.db, as(author), {
      bookId: book.id,
      title: "甲",
      body: "正文",
      intent: "publish",
    });
    await expect(updateChapter(t.db, as(author), { chapterId: pub.chapterId, body: " \n " })).rejects.toMatchObject(
      emptied,
    );
    const sch = await createChapter(
      t.db,
      as(author),
      { bookId: book.id, title: "乙", body: "正文", intent: "schedule", publishAt: new Date("2026-05-02T00:00:00Z") },
      now,
    );
    await expect(updateChapter(t.db, as(author), { chapterId: sch.chapterId, body: "" }, now)).rejects.toMatchObject(
      emptied,
    );
    const bodies = await t.db.chapterContent.findMany({ where: { chapterId: { in: [pub.chapterId, sch.chapterId] } } });
    expect(bodies.map((c) => c.body)).toEqual(["正文", "正文"]);
    // Emptying while turning it back into a draft is fine, and so is emptying a draft.
    await updateChapter(t.db, as(author), { chapterId: sch.chapterId, body: "", intent: "unschedule" }, now);
    await updateChapter(t.db, as(author), { chapterId: sch.chapterId, body: "" }, now);
  });

  it("cancels a schedule from the editor, saving the edits with it", async () => {
    const now = new Date("2026-05-01T00:00:00Z");
    const c = await createChapter(
      t.db,
      as(author),
      { bookId: book.id, title: "甲", body: "正文", intent: "schedule", publishAt: new Date("2026-05-02T00:00:00Z") },
      now,
    );
    expect(
      await updateChapter(t.db, as(author), { chapterId: c.chapterId, title: "甲二", intent: "unschedule" }, now),
    ).toEqual({ tags: [] });
    expect(await t.db.chapter.findUniqueOrThrow({ where: { id: c.chapterId } })).toMatchObject({
      title: "甲二",
      status: "DRAFT",
      publishAt: null,
      publishedAt: null,
    });
    // A published chapter is unpublished, not "unscheduled".
    const p = await createChapter(t.db, as(author), { bookId: book.id, title: "乙", body: "正文", intent: "publish" });
    await expect(
      updateChapter(t.db, as(author), { chapterId: p.chapterId, intent: "unschedule" }, now),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "authoring.errors.notScheduled" });
  });
});

describe("trash and restore", () => {
  it("closes the gap, keeps trashed positions apart, restores at the end with counters", async () => {
    const ids: number[] = [];
    for (const title of ["一", "二", "三", "四"]) {
      ids.push(
        (await createChapter(t.db, as(author), { bookId: book.id, title, body: title, intent: "publish" })).chapterId,
      );
    }
    // Its page and its neighbours' (their links now skip it); not the last chapter's.
    const r = await trashChapter(t.db, as(author), { chapterId: ids[1]! });
    expect(r.tags.sort()).toEqual([...listTags(ids[0]!, ids[1]!, ids[2]!), "sitemap"].sort());
    expect(await positions()).toEqual([
      [1, "一"],
      [2, "三"],
      [3, "四"],
    ]);
    await trashChapter(t.db, as(author), { chapterId: ids[3]! });
    expect(await recounted()).toMatchObject({ chapterCount: 2, wordCount: 2, lastChapterTitle: "三" });
    const trashed = await t.db.chapter.findMany({ where: { id: { in: [ids[1]!, ids[3]!] } } });
    expect(trashed.map((c) => c.position).sort()).toEqual([-ids[3]!, -ids[1]!].sort());

    const list = await listChaptersForEdit(t.db, as(author), book.id);
    expect(list.chapters.map((c) => c.title)).toEqual(["一", "三"]);
    expect(list.trashed.map((c) => c.id).sort()).toEqual([ids[1], ids[3]].sort());
    expect(list.chapters[0]).not.toHaveProperty("body");

    // Back at the end: its page and the previous last chapter's ("next" link).
    const restored = await restoreChapter(t.db, as(author), { chapterId: ids[1]! });
    expect(restored.tags.sort()).toEqual(listTags(ids[1]!, ids[2]!));
    expect(await positions()).toEqual([
      [1, "一"],
      [2, "三"],
      [3, "二"],
    ]);
    expect(await recounted()).toMatchObject({ chapterCount: 3, wordCount: 3, lastChapterTitle: "二" });
    expect(await restoreChapter(t.db, as(author), { chapterId: ids[1]! })).toEqual({ tags: [] });
    await expect(restoreChapter(t.db, as(stranger), { chapterId: ids[3]! })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(listChaptersForEdit(t.db, as(stranger), book.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists a long book a page at a time, in reading order", async () => {
    for (const title of ["一", "二", "三", "四", "五"]) {
      await createChapter(t.db, as(author), { bookId: book.id, title, body: title });
    }
    const second = await listChaptersForEdit(t.db, as(author), book.id, { page: 2, pageSize: 2 });
    expect(second).toMatchObject({ total: 5, page: 2, pageCount: 3, pageSize: 2 });
    expect(second.chapters.map((c) => [c.position, c.title])).toEqual([
      [3, "三"],
      [4, "四"],
    ]);
    // A page past the end, or not a page at all, shows the nearest real one.
    const past = await listChaptersForEdit(t.db, as(author), book.id, { page: 99, pageSize: 2 });
    expect(past.page).toBe(3);
    expect(past.chapters.map((c) => c.title)).toEqual(["五"]);
    expect((await listChaptersForEdit(t.db, as(author), book.id, { page: Number.NaN })).page).toBe(1);
  });
});

describe("moveChapter and reorderChapters", () => {
  it("moves one chapter and rewrites a whole order, refusing a stale list", async () => {
    const ids: number[] = [];
    for (const title of ["一", "二", "三", "四"]) {
      ids.push(
        (await createChapter(t.db, as(author), { bookId: book.id, title, body: "x", intent: "publish" })).chapterId,
      );
    }
    // 四 moves first: its pages, 一's (new "previous") and 三's (no "next" any more), and the
    // lists (三 is the last chapter now); not 二's, whose neighbours stay 一 and 三.
    const moved = await moveChapter(t.db, as(author), { chapterId: ids[3]!, position: 1 });
    expect(moved.tags.sort()).toEqual(listTags(ids[0]!, ids[2]!, ids[3]!));
    expect(moved.tags).not.toContain(`chapter:${ids[1]}`);
    expect(moved.tags).not.toContain(`book:${book.id}`);
    expect((await positions()).map(([, title]) => title)).toEqual(["四", "一", "二", "三"]);
    const reordered = await reorderChapters(t.db, as(author), {
      bookId: book.id,
      chapterIds: [ids[0]!, ids[1]!, ids[2]!, ids[3]!],
    });
    expect(reordered.tags.sort()).toEqual(listTags(ids[0]!, ids[2]!, ids[3]!));
    expect((await positions()).map(([, title]) => title)).toEqual(["一", "二", "三", "四"]);
    // The same order again changes nothing.
    expect(
      await reorderChapters(t.db, as(author), { bookId: book.id, chapterIds: [ids[0]!, ids[1]!, ids[2]!, ids[3]!] }),
    ).toEqual({ tags: [] });
    expect(await recounted()).toMatchObject({ lastChapterTitle: "四" });
    await expect(
      reorderChapters(t.db, as(author), { bookId: book.id, chapterIds: [ids[0]!, ids[1]!, ids[2]!] }),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "authoring.errors.staleOrder" });
    await expect(
      reorderChapters(t.db, as(stranger), { bookId: book.id, chapterIds: [...ids].reverse() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Moving a draft among drafts changes nothing public.
    const draft = await createChapter(t.db, as(author), { bookId: book.id, title: "草稿" });
    const draft2 = await createChapter(t.db, as(author), { bookId: book.id, title: "草稿二" });
    expect(await moveChapter(t.db, as(author), { chapterId: draft2.chapterId, position: 5 })).toEqual({ tags: [] });
    expect(draft.chapterId).toBeGreaterThan(0);
  });
});

describe("bulkUpdateChapters", () => {
  it("publishes, schedules and trashes several chapters at once, all or none", async () => {
    const ids: number[] = [];
    for (const title of ["一", "二", "三", "四", "五"]) {
      ids.push((await createChapter(t.db, as(author), { bookId: book.id, title, body: "字字" })).chapterId);
    }
    const now = new Date("2026-05-01T00:00:00Z");
    const pub = await bulkUpdateChapters(
      t.db,
      as(author),
      { bookId: book.id, chapterIds: ids.slice(0, 3), action: "publish" },
      now,
    );
    expect(pub.changed).toEqual(ids.slice(0, 3));
    expect(await recounted()).toMatchObject({
      chapterCount: 3,
      wordCount: 6,
      lastChapterTitle: "三",
      lastPublishedAt: now,
    });

    const sch = await bulkUpdateChapters(
      t.db,
      as(author),
      { bookId: book.id, chapterIds: ids.slice(3), action: "schedule", publishAt: new Date("2026-05-02T00:00:00Z") },
      now,
    );
    expect(sch.tags).toEqual([]);
    const scheduled = await t.db.chapter.findMany({ where: { id: { in: ids.slice(3) } } });
    expect(scheduled.every((c) => c.status === "SCHEDULED")).toBe(true);

    // One published chapter in the list: scheduling is refused for all.
    await expect(
      bulkUpdateChapters(
        t.db,
        as(author),
        {
          bookId: book.id,
          chapterIds: [ids[0]!, ids[3]!],
          action: "schedule",
          publishAt: new Date("2026-06-01T00:00:00Z"),
        },
        now,
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // A chapter of another book in the list: NOT_FOUND, nothing changes.
    const foreign = await addChapter(t.db, (await createBook(t.db)).id, { status: "DRAFT" });
    await expect(
      bulkUpdateChapters(t.db, as(author), { bookId: book.id, chapterIds: [ids[3]!, foreign.id], action: "publish" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await t.db.chapter.findUniqueOrThrow({ where: { id: ids[3]! } })).status).toBe("SCHEDULED");

    const del = await bulkUpdateChapters(t.db, as(author), {
      bookId: book.id,
      chapterIds: [ids[0]!, ids[2]!, ids[4]!],
      action: "trash",
    });
    // 一 and 三 leave, and 二 loses both its neighbours; 五 was never public.
    expect(del.tags.sort()).toEqual([...listTags(ids[0]!, ids[1]!, ids[2]!), "sitemap"].sort());
    expect(del.tags).not.toContain(`chapter:${ids[4]}`);
    expect((await positions()).map(([p, title]) => [p, title])).toEqual([
      [1, "二"],
      [2, "四"],
    ]);
    expect(await recounted()).toMatchObject({ chapterCount: 1, wordCount: 2, lastChapterTitle: "二" });
    await expect(
      bulkUpdateChapters(t.db, as(stranger), { bookId: book.id, chapterIds: [ids[1]!], action: "trash" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      bulkUpdateChapters(t.db, as(author), { bookId: book.id, chapterIds: [ids[1]!], action: "delete" } as never),
    ).rejects.toMatchObject({ code: "INVALID" });
  });
});
