import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Category, Tag, User } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createCategory, createTag, createUser } from "@/lib/test/fixtures";
import type { Actor } from "./actor";
import { createBook as createBookAs, getBookForEdit, listMyBooks, restoreBook, trashBook, updateBook } from "./books";
import { createChapter } from "./chapters";

let t: TestDatabase;
let category: Category;
let other: Category;
let tags: Tag[];
let author: User;
let stranger: User;
let admin: User;

const as = (u: User): Actor => ({ id: u.id, role: u.role });

beforeAll(async () => {
  t = await createTestDatabase();
  category = await createCategory(t.db, { slug: "xuanhuan" });
  other = await createCategory(t.db, { slug: "dushi" });
  tags = [await createTag(t.db), await createTag(t.db), await createTag(t.db)];
  author = await createUser(t.db);
  stranger = await createUser(t.db);
  admin = await createUser(t.db, { role: "ADMIN" });
});

afterAll(() => t.drop());

describe("createBook", () => {
  it("makes a reader an author with their first book, in the same transaction", async () => {
    const reader = await createUser(t.db, { role: "READER" });
    const first = await createBookAs(t.db, as(reader), {
      title: "  第一本书 ",
      categoryId: category.id,
      tagIds: [tags[0]!.id],
      intro: "简介\r\n\r\n第二段",
    });
    expect(first).toEqual({ bookId: expect.any(Number), becameAuthor: true, tags: [] });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: reader.id } })).role).toBe("AUTHOR");
    const book = await t.db.book.findUniqueOrThrow({ where: { id: first.bookId }, include: { tags: true } });
    expect(book).toMatchObject({ title: "第一本书", authorId: reader.id, intro: "简介\n第二段", chapterCount: 0 });
    expect(book.tags.map((x) => x.tagId)).toEqual([tags[0]!.id]);
    // The session still says READER: the database decides, so writing goes on.
    const second = await createBookAs(t.db, as(reader), { title: "第二本", categoryId: category.id });
    expect(second.becameAuthor).toBe(false);
    await createChapter(t.db, as(reader), { bookId: second.bookId, title: "一", body: "正文" });
  });

  it("refuses a reader who already has books (an admin demoted them): no way back to author", async () => {
    const demoted = await createUser(t.db);
    await createBookAs(t.db, as(demoted), { title: "旧书", categoryId: category.id });
    await t.db.user.update({ where: { id: demoted.id }, data: { role: "READER" } });
    const before = await t.db.book.count();
    await expect(
      createBookAs(t.db, { id: demoted.id, role: "READER" }, { title: "新书", categoryId: category.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.book.count()).toBe(before);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: demoted.id } })).role).toBe("READER");
  });

  it("leaves an admin an admin", async () => {
    const r = await createBookAs(t.db, as(admin), { title: "管理员的书", categoryId: category.id });
    expect(r.becameAuthor).toBe(false);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  it("refuses unknown categories and tags, forged fields and bad text, creating nothing", async () => {
    const before = await t.db.book.count();
    await expect(createBookAs(t.db, as(author), { title: "x", categoryId: 999_999 })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { categoryId: [{ key: "authoring.errors.unknownCategory" }] },
    });
    await expect(
      createBookAs(t.db, as(author), { title: "x", categoryId: category.id, tagIds: [999_999] }),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { tagIds: [{ key: "authoring.errors.unknownTag" }] } });
    const forged = { title: "x", categoryId: category.id, authorId: stranger.id, chapterCount: 5 };
    await expect(createBookAs(t.db, as(author), forged)).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { authorId: [{ key: "authoring.errors.unknownField" }], chapterCount: expect.any(Array) },
    });
    await expect(createBookAs(t.db, as(author), { title: "a\u0000b", categoryId: category.id })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { title: [{ key: "authoring.errors.nulCharacter" }] },
    });
    await expect(createBookAs(t.db, as(author), { title: "\uD83D", categoryId: category.id })).rejects.toMatchObject({
      fieldErrors: { title: [{ key: "authoring.errors.loneSurrogate" }] },
    });
    await expect(
      createBookAs(t.db, as(author), { title: "长".repeat(101), categoryId: category.id }),
    ).rejects.toMatchObject({ fieldErrors: { title: [{ key: "authoring.errors.tooLong", values: { max: 100 } }] } });
    expect(await t.db.book.count()).toBe(before);
  });
});

describe("updateBook", () => {
  it("changes only the given fields; a book nobody can see yet revalidates nothing", async () => {
    const { bookId } = await createBookAs(t.db, as(author), { title: "旧名", categoryId: category.id });
    const r = await updateBook(t.db, as(author), { bookId, title: "新名", tagIds: [tags[1]!.id, tags[2]!.id] });
    expect(r.tags).toEqual([]);
    const edit = await getBookForEdit(t.db, as(author), bookId);
    expect(edit).toMatchObject({ title: "新名", categoryId: category.id, tagIds: [tags[1]!.id, tags[2]!.id] });
  });

  it("revalidates the book and the lists it appears in when the book is public", async () => {
    const book = await createBook(t.db, { authorId: author.id, categoryId: category.id });
    await addChapter(t.db, book.id);
    // The intro is on the book's index pages only.
    const intro = await updateBook(t.db, as(author), { bookId: book.id, intro: "新简介" });
    expect(intro.tags).toEqual([`toc:${book.id}`]);
    // The category is on every page of the book (chapter pages included) and on its card.
    const moved = await updateBook(t.db, as(author), { bookId: book.id, categoryId: other.id, status: "COMPLETED" });
    expect(moved.tags.sort()).toEqual(
      [
        `book:${book.id}`,
        `toc:${book.id}`,
        "books",
        "home",
        `author:${author.id}`,
        "category:xuanhuan",
        "category:dushi",
      ].sort(),
    );
    expect(await updateBook(t.db, as(author), { bookId: book.id, status: "COMPLETED" })).toEqual({ tags: [] });
  });

  it("answers NOT_FOUND for someone else's book, lets an admin through", async () => {
    const book = await createBook(t.db, { authorId: author.id, categoryId: category.id, title: "原名" });
    await expect(updateBook(t.db, as(stranger), { bookId: book.id, title: "偷改" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(updateBook(t.db, as(stranger), { bookId: 999_999, title: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getBookForEdit(t.db, as(stranger), book.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const reader = await createUser(t.db, { role: "READER" });
    await expect(trashBook(t.db, as(reader), { bookId: book.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await updateBook(t.db, as(admin), { bookId: book.id, title: "管理员改" });
    expect((await getBookForEdit(t.db, as(admin), book.id)).title).toBe("管理员改");
  });

  it("refuses forged fields: author, counters, moderation", async () => {
    const book = await createBook(t.db, { authorId: author.id, categoryId: category.id });
    for (const forged of [{ authorId: stranger.id }, { wordCount: 1 }, { hiddenAt: null }, { viewCount: 9 }]) {
      await expect(updateBook(t.db, as(author), { bookId: book.id, ...forged })).rejects.toMatchObject({
        code: "INVALID",
      });
    }
    expect((await t.db.book.findUniqueOrThrow({ where: { id: book.id } })).authorId).toBe(author.id);
  });

  it("lets a demoted owner read but not write (FORBIDDEN)", async () => {
    const demoted = await createUser(t.db);
    const book = await createBook(t.db, { authorId: demoted.id, categoryId: category.id });
    await t.db.user.update({ where: { id: demoted.id }, data: { role: "READER" } });
    expect((await getBookForEdit(t.db, { id: demoted.id, role: "READER" }, book.id)).id).toBe(book.id);
    await expect(
      updateBook(t.db, { id: demoted.id, role: "READER" }, { bookId: book.id, title: "x" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("trash and restore", () => {
  it("takes a public book off the site and back, listed apart while in the trash", async () => {
    const owner = await createUser(t.db);
    const book = await createBook(t.db, { authorId: owner.id, categoryId: category.id });
    await addChapter(t.db, book.id);
    const lists = [
      `book:${book.id}`,
      `toc:${book.id}`,
      "books",
      "home",
      `author:${owner.id}`,
      "category:xuanhuan",
    ].sort();
    // Trashed, it leaves the sitemaps too; restored, it comes back to them with their hourly refresh.
    expect((await trashBook(t.db, as(owner), { bookId: book.id })).tags.sort()).toEqual([...lists, "sitemap"].sort());
    expect(await trashBook(t.db, as(owner), { bookId: book.id })).toEqual({ tags: [] });
    let mine = await listMyBooks(t.db, as(owner));
    expect(mine.books).toEqual([]);
    expect(mine.trashed.map((b) => b.id)).toEqual([book.id]);
    await expect(updateBook(t.db, as(owner), { bookId: book.id, title: "x" })).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "authoring.errors.bookInTrash",
    });
    expect((await restoreBook(t.db, as(owner), { bookId: book.id })).tags.sort()).toEqual(lists);
    mine = await listMyBooks(t.db, as(owner));
    expect(mine.books.map((b) => b.id)).toEqual([book.id]);
    expect(mine.trashed).toEqual([]);
    await expect(restoreBook(t.db, as(stranger), { bookId: book.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("listMyBooks", () => {
  it("shows the actor's books with counters and drafts waiting, nobody else's", async () => {
    const owner = await createUser(t.db);
    const book = await createBook(t.db, { authorId: owner.id, categoryId: category.id, viewCount: 7, shelfCount: 3 });
    await addChapter(t.db, book.id, { body: "一二三" });
    await addChapter(t.db, book.id, { status: "DRAFT" });
    await addChapter(t.db, book.id, { status: "SCHEDULED" });
    await addChapter(t.db, book.id, { status: "DRAFT", deletedAt: new Date() });
    await createBook(t.db, { authorId: stranger.id, categoryId: category.id });
    const { books } = await listMyBooks(t.db, as(owner));
    expect(books).toEqual([
      expect.objectContaining({
        id: book.id,
        chapterCount: 1,
        wordCount: 3,
        viewCount: 7,
        shelfCount: 3,
        draftsWaiting: 2,
        category: expect.objectContaining({ slug: "xuanhuan" }),
      }),
    ]);
    expect((await listMyBooks(t.db, as(await createUser(t.db, { role: "READER" })))).books).toEqual([]);
  });
});
