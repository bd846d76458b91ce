import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TAGS } from "@/lib/data/cache-tags";
import type { User } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createCategory, createUser } from "@/lib/test/fixtures";
import {
  createCategory as createCategoryAs,
  deleteCategory,
  disableUser,
  enableUser,
  getSiteNoticeForAdmin,
  hideBook,
  listCategories,
  listFeatured,
  moveCategory,
  renameCategory,
  listHiddenBooks,
  searchBooks,
  searchUsers,
  setFeatured,
  setSiteNotice,
  setUserRole,
  unhideBook,
} from "./admin";
import type { Actor } from "./authoring/actor";
import { DomainError } from "./errors";

let t: TestDatabase;
let admin: User;
let author: User;
let reader: User;

const as = (u: User): Actor => ({ id: u.id, role: u.role });

/** The message keys of one field's errors. */
const keys = (errors: { key: string }[] | undefined) => errors?.map((e) => e.key);

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await createUser(t.db, { role: "ADMIN", name: "管理员" });
  author = await createUser(t.db, { role: "AUTHOR", name: "作者_甲" });
  reader = await createUser(t.db, { role: "READER", name: "读者100%" });
});

afterAll(() => t.drop());

describe("every function refuses a non-admin actor", () => {
  const calls: [string, (a: Actor) => Promise<unknown>][] = [
    ["searchUsers", (a) => searchUsers(t.db, a, {})],
    ["setUserRole", (a) => setUserRole(t.db, a, { userId: String(reader.id), role: "ADMIN" })],
    ["disableUser", (a) => disableUser(t.db, a, { userId: String(reader.id) })],
    ["enableUser", (a) => enableUser(t.db, a, { userId: String(reader.id) })],
    ["listCategories", (a) => listCategories(t.db, a)],
    ["createCategory", (a) => createCategoryAs(t.db, a, { slug: "x", name: "x", nameEn: "x" })],
    ["renameCategory", (a) => renameCategory(t.db, a, { categoryId: "1", name: "x", nameEn: "x" })],
    ["moveCategory", (a) => moveCategory(t.db, a, { categoryId: "1", direction: "up" })],
    ["deleteCategory", (a) => deleteCategory(t.db, a, { categoryId: "1" })],
    ["listFeatured", (a) => listFeatured(t.db, a)],
    ["setFeatured", (a) => setFeatured(t.db, a, { kind: "EDITOR_PICK", bookIds: [] })],
    ["getSiteNoticeForAdmin", (a) => getSiteNoticeForAdmin(t.db, a)],
    ["setSiteNotice", (a) => setSiteNotice(t.db, a, { text: "x" })],
    ["searchBooks", (a) => searchBooks(t.db, a, {})],
    ["listHiddenBooks", (a) => listHiddenBooks(t.db, a)],
    ["hideBook", (a) => hideBook(t.db, a, { bookId: "1", reason: "x" })],
    ["unhideBook", (a) => unhideBook(t.db, a, { bookId: "1" })],
  ];
  for (const [name, call] of calls) {
    it(name, async () => {
      for (const u of [author, reader]) expect((await refusal(call(as(u)))).code).toBe("FORBIDDEN");
    });
  }
});

describe("users", () => {
  it("searches email and name case-insensitively, with wildcards taken literally", async () => {
    const byName = await searchUsers(t.db, as(admin), { q: "作者_" });
    expect(byName.users.map((u) => u.id)).toEqual([author.id]);
    const percent = await searchUsers(t.db, as(admin), { q: "100%" });
    expect(percent.users.map((u) => u.id)).toEqual([reader.id]);
    expect((await searchUsers(t.db, as(admin), { q: "_" })).users.map((u) => u.id)).toEqual([author.id]);
    const byEmail = await searchUsers(t.db, as(admin), { q: reader.email.toUpperCase() });
    expect(byEmail.users.map((u) => u.id)).toEqual([reader.id]);
    const all = await searchUsers(t.db, as(admin), { q: "", page: "1" });
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.users[0]).toMatchObject({ id: admin.id, role: "ADMIN", disabledAt: null });
  });

  it("paginates", async () => {
    const far = await searchUsers(t.db, as(admin), { q: "", page: "50" });
    expect(far.users).toEqual([]);
    expect((await refusal(searchUsers(t.db, as(admin), { page: "0" }))).code).toBe("INVALID");
  });

  it("changes another user's role", async () => {
    const u = await createUser(t.db, { role: "READER" });
    const r = await setUserRole(t.db, as(admin), { userId: String(u.id), role: "AUTHOR" });
    expect(r.tags).toEqual([TAGS.author(u.id)]);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).role).toBe("AUTHOR");
  });

  it("refuses self-demotion, unknown users, bad roles and forged fields", async () => {
    const self = await refusal(setUserRole(t.db, as(admin), { userId: String(admin.id), role: "READER" }));
    expect(self).toMatchObject({ code: "FORBIDDEN", messageKey: "admin.errors.notYourself" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    expect((await refusal(setUserRole(t.db, as(admin), { userId: "999999", role: "READER" }))).code).toBe("NOT_FOUND");
    const badRole = await refusal(setUserRole(t.db, as(admin), { userId: String(reader.id), role: "ROOT" }));
    expect(keys(badRole.fieldErrors.role)).toEqual(["admin.errors.invalidRole"]);
    const forged = await refusal(
      setUserRole(t.db, as(admin), { userId: String(reader.id), role: "AUTHOR", actorId: String(admin.id) }),
    );
    expect(keys(forged.fieldErrors.actorId)).toEqual(["admin.errors.unknownField"]);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: reader.id } })).role).toBe("READER");
  });

  it("disables a user, ending their sessions in the same write, and enables them again", async () => {
    const u = await createUser(t.db, { role: "AUTHOR" });
    const before = u.sessionVersion;
    await disableUser(t.db, as(admin), { userId: String(u.id) });
    const disabled = await t.db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(disabled.sessionVersion).toBe(before + 1);
    await enableUser(t.db, as(admin), { userId: String(u.id) });
    const enabled = await t.db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(enabled.disabledAt).toBeNull();
    expect(enabled.sessionVersion).toBe(before + 1);
  });

  it("refuses to disable yourself, unknown users and forged fields", async () => {
    expect((await refusal(disableUser(t.db, as(admin), { userId: String(admin.id) }))).code).toBe("FORBIDDEN");
    expect((await refusal(enableUser(t.db, as(admin), { userId: String(admin.id) }))).code).toBe("FORBIDDEN");
    expect((await refusal(disableUser(t.db, as(admin), { userId: "424242" }))).code).toBe("NOT_FOUND");
    const forged = await refusal(disableUser(t.db, as(admin), { userId: String(reader.id), disabledAt: "" }));
    expect(forged.code).toBe("INVALID");
    expect(keys((await refusal(disableUser(t.db, as(admin), { userId: "abc" }))).fieldErrors.userId)).toEqual([
      "admin.errors.invalidId",
    ]);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: reader.id } })).disabledAt).toBeNull();
  });

  it("refuses an actor who stopped being an active admin since the request began", async () => {
    const other = await createUser(t.db, { role: "ADMIN" });
    const target = await createUser(t.db, { role: "AUTHOR" });
    const stale = await createUser(t.db, { role: "ADMIN" });
    // Checked at the start of their request, then demoted (or disabled) by another admin.
    await setUserRole(t.db, as(other), { userId: String(stale.id), role: "READER" });
    const userId = String(target.id);
    const writes = [
      () => setUserRole(t.db, as(stale), { userId, role: "READER" }),
      () => disableUser(t.db, as(stale), { userId }),
      () => enableUser(t.db, as(stale), { userId }),
    ];
    for (const write of writes) expect((await refusal(write())).code).toBe("FORBIDDEN");
    await setUserRole(t.db, as(other), { userId: String(stale.id), role: "ADMIN" });
    await disableUser(t.db, as(other), { userId: String(stale.id) });
    expect((await refusal(disableUser(t.db, as(stale), { userId }))).code).toBe("FORBIDDEN");
    expect(await t.db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      role: "AUTHOR",
      disabledAt: null,
    });
  });

  it("never leaves the site without an admin when the last two demote or disable each other at once", async () => {
    await t.db.user.updateMany({ where: { role: "ADMIN", id: { not: admin.id } }, data: { role: "AUTHOR" } });
    const second = await createUser(t.db, { role: "ADMIN" });
    for (const [a, b] of [
      [
        () => setUserRole(t.db, as(admin), { userId: String(second.id), role: "READER" }),
        () => setUserRole(t.db, as(second), { userId: String(admin.id), role: "READER" }),
      ],
      [
        () => disableUser(t.db, as(admin), { userId: String(second.id) }),
        () => disableUser(t.db, as(second), { userId: String(admin.id) }),
      ],
    ] as const) {
      const outcomes = await Promise.allSettled([a(), b()]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      const rejected = outcomes.find((o) => o.status === "rejected")!;
      expect((rejected.reason as DomainError).code).toBe("FORBIDDEN");
      expect(await t.db.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);
      // Put both back for the next round.
      await t.db.user.updateMany({
        where: { id: { in: [admin.id, second.id] } },
        data: { role: "ADMIN", disabledAt: null },
      });
    }
    await t.db.user.update({ where: { id: second.id }, data: { role: "AUTHOR" } });
  });
});

describe("categories", () => {
  it("creates, renames, reorders and deletes an empty category", async () => {
    const created = await createCategoryAs(t.db, as(admin), { slug: " Wuxia ", name: " 武侠 ", nameEn: "Wuxia" });
    expect(created.tags).toEqual([TAGS.categories, TAGS.home, TAGS.books, TAGS.category("wuxia")]);
    const second = await createCategoryAs(t.db, as(admin), { slug: "kehuan", name: "科幻", nameEn: "Sci-fi" });
    let list = await listCategories(t.db, as(admin));
    expect(list.map((c) => c.slug).slice(-2)).toEqual(["wuxia", "kehuan"]);
    expect(list.find((c) => c.slug === "wuxia")).toMatchObject({ name: "武侠", books: 0 });

    await renameCategory(t.db, as(admin), {
      categoryId: String(created.categoryId),
      name: "武侠仙侠",
      nameEn: "Martial",
    });
    await moveCategory(t.db, as(admin), { categoryId: String(second.categoryId), direction: "up" });
    list = await listCategories(t.db, as(admin));
    expect(list.map((c) => c.slug).slice(-2)).toEqual(["kehuan", "wuxia"]);
    expect(list.at(-1)).toMatchObject({ name: "武侠仙侠", nameEn: "Martial" });
    expect(list.map((c) => c.sort)).toEqual(list.map((_, i) => i + 1));
    // Moving the first up or the last down changes nothing.
    await moveCategory(t.db, as(admin), { categoryId: String(created.categoryId), direction: "down" });
    expect((await listCategories(t.db, as(admin))).at(-1)?.slug).toBe("wuxia");

    await deleteCategory(t.db, as(admin), { categoryId: String(created.categoryId) });
    expect(await t.db.category.findUnique({ where: { id: created.categoryId } })).toBeNull();
  });

  it("refuses to delete a category with books, trashed ones included", async () => {
    const c = await createCategory(t.db);
    await createBook(t.db, { categoryId: c.id, deletedAt: new Date() });
    const e = await refusal(deleteCategory(t.db, as(admin), { categoryId: String(c.id) }));
    expect(e).toMatchObject({ code: "CONFLICT", messageKey: "admin.errors.categoryNotEmpty" });
    expect(await t.db.category.findUnique({ where: { id: c.id } })).not.toBeNull();
  });

  it("refuses a taken slug, bad input, unknown ids and forged fields", async () => {
    const c = await createCategory(t.db, { slug: "taken" });
    const taken = await refusal(createCategoryAs(t.db, as(admin), { slug: "taken", name: "甲", nameEn: "A" }));
    expect(keys(taken.fieldErrors.slug)).toEqual(["admin.errors.slugTaken"]);
    const bad = await refusal(createCategoryAs(t.db, as(admin), { slug: "不行", name: " ", nameEn: "A" }));
    expect(bad.fieldErrors).toMatchObject({
      slug: [{ key: "admin.errors.invalidSlug" }],
      name: [{ key: "admin.errors.required" }],
    });
    const forged = await refusal(
      renameCategory(t.db, as(admin), { categoryId: String(c.id), name: "乙", nameEn: "B", slug: "other" }),
    );
    expect(forged.code).toBe("INVALID");
    expect(
      (await refusal(renameCategory(t.db, as(admin), { categoryId: "99999", name: "乙", nameEn: "B" }))).code,
    ).toBe("NOT_FOUND");
    expect((await refusal(moveCategory(t.db, as(admin), { categoryId: "99999", direction: "up" }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await refusal(deleteCategory(t.db, as(admin), { categoryId: "99999" }))).code).toBe("NOT_FOUND");
  });
});

describe("featured", () => {
  it("replaces a kind's slots in the given order and leaves the other kind alone", async () => {
    const [a, b, c] = [await createBook(t.db), await createBook(t.db), await createBook(t.db)];
    await setFeatured(t.db, as(admin), { kind: "NEW_BOOK", bookIds: [String(c.id)] });
    const r = await setFeatured(t.db, as(admin), { kind: "EDITOR_PICK", bookIds: [String(b.id), String(a.id)] });
    expect(r.tags).toEqual([TAGS.home]);
    await setFeatured(t.db, as(admin), { kind: "EDITOR_PICK", bookIds: [String(a.id), String(b.id), String(c.id)] });
    const lists = await listFeatured(t.db, as(admin));
    expect(lists.EDITOR_PICK.map((s) => [s.bookId, s.position])).toEqual([
      [a.id, 1],
      [b.id, 2],
      [c.id, 3],
    ]);
    expect(lists.EDITOR_PICK[0]?.title).toBe(a.title);
    expect(lists.NEW_BOOK.map((s) => s.bookId)).toEqual([c.id]);
    await setFeatured(t.db, as(admin), { kind: "NEW_BOOK", bookIds: [] });
    expect((await listFeatured(t.db, as(admin))).NEW_BOOK).toEqual([]);
  });

  it("refuses unknown and deleted books, duplicates and bad kinds, changing nothing", async () => {
    const ok = await createBook(t.db);
    const gone = await createBook(t.db, { deletedAt: new Date() });
    await setFeatured(t.db, as(admin), { kind: "NEW_BOOK", bookIds: [String(ok.id)] });
    for (const bookIds of [[String(ok.id), "987654"], [String(gone.id)]]) {
      const e = await refusal(setFeatured(t.db, as(admin), { kind: "NEW_BOOK", bookIds }));
      expect(keys(e.fieldErrors.bookIds)).toEqual(["admin.errors.unknownBook"]);
    }
    const dup = await refusal(
      setFeatured(t.db, as(admin), { kind: "NEW_BOOK", bookIds: [String(ok.id), String(ok.id)] }),
    );
    expect(keys(dup.fieldErrors.bookIds)).toEqual(["admin.errors.duplicateBook"]);
    expect((await refusal(setFeatured(t.db, as(admin), { kind: "TOP", bookIds: [] }))).code).toBe("INVALID");
    expect((await refusal(setFeatured(t.db, as(admin), { kind: "NEW_BOOK", bookIds: [], x: "1" }))).code).toBe(
      "INVALID",
    );
    expect((await listFeatured(t.db, as(admin))).NEW_BOOK.map((s) => s.bookId)).toEqual([ok.id]);
  });
});

describe("site notice", () => {
  it("stores normalised text, capped at 500 characters; empty clears it", async () => {
    const r = await setSiteNotice(t.db, as(admin), { text: "  维护\u200b通知：\n今晚 22:00  " });
    expect(r).toEqual({ text: "维护通知： 今晚 22:00", tags: [TAGS.home] });
    expect(await getSiteNoticeForAdmin(t.db, as(admin))).toBe("维护通知： 今晚 22:00");
    expect(keys((await refusal(setSiteNotice(t.db, as(admin), { text: "字".repeat(501) }))).fieldErrors.text)).toEqual([
      "admin.errors.tooLong",
    ]);
    expect(keys((await refusal(setSiteNotice(t.db, as(admin), { text: "a\u0000b" }))).fieldErrors.text)).toEqual([
      "admin.errors.invalidCharacter",
    ]);
    expect((await refusal(setSiteNotice(t.db, as(admin), { text: "x", key: "other" }))).code).toBe("INVALID");
    await setSiteNotice(t.db, as(admin), { text: "字".repeat(500) });
    await setSiteNotice(t.db, as(admin), { text: "" });
    expect(await getSiteNoticeForAdmin(t.db, as(admin))).toBe("");
  });
});

describe("books", () => {
  it("finds books by title or id, hides with a reason and unhides", async () => {
    const c = await createCategory(t.db, { slug: "hide-test" });
    const book = await createBook(t.db, { authorId: author.id, categoryId: c.id, title: "藏起来的书 50%" });
    expect((await searchBooks(t.db, as(admin), { q: "50%" })).map((b) => b.id)).toEqual([book.id]);
    expect((await searchBooks(t.db, as(admin), { q: String(book.id) })).map((b) => b.id)).toContain(book.id);

    expect((await listHiddenBooks(t.db, as(admin))).map((b) => b.id)).not.toContain(book.id);
    const r = await hideBook(t.db, as(admin), { bookId: String(book.id), reason: "  含有违规内容 " });
    expect((await listHiddenBooks(t.db, as(admin)))[0]).toMatchObject({ id: book.id, hiddenReason: "含有违规内容" });
    // The book had no public chapter yet: no public page changed.
    expect(r.tags).toEqual([]);
    let row = await t.db.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(row.hiddenAt).toBeInstanceOf(Date);
    expect(row.hiddenReason).toBe("含有违规内容");
    expect((await searchBooks(t.db, as(admin), { q: "藏起来" }))[0]).toMatchObject({ hiddenReason: "含有违规内容" });

    await unhideBook(t.db, as(admin), { bookId: String(book.id) });
    row = await t.db.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(row.hiddenAt).toBeNull();
    expect(row.hiddenReason).toBeNull();
  });

  it("expires every page of a public book it hides or shows again: its pages, lists, author, category, sitemap", async () => {
    const c = await createCategory(t.db, { slug: "hide-public" });
    const book = await createBook(t.db, { authorId: author.id, categoryId: c.id });
    await addChapter(t.db, book.id);
    const expected = [
      TAGS.book(book.id),
      TAGS.toc(book.id),
      TAGS.sitemap,
      TAGS.books,
      TAGS.home,
      TAGS.author(author.id),
      TAGS.category("hide-public"),
    ].sort();
    const hidden = await hideBook(t.db, as(admin), { bookId: String(book.id), reason: "违规" });
    expect([...new Set(hidden.tags)].sort()).toEqual(expected);
    const shown = await unhideBook(t.db, as(admin), { bookId: String(book.id) });
    expect([...new Set(shown.tags)].sort()).toEqual(expected.filter((tag) => tag !== TAGS.sitemap));
  });

  it("refuses an unknown book, a missing reason and forged fields", async () => {
    const book = await createBook(t.db);
    expect((await refusal(hideBook(t.db, as(admin), { bookId: "999999", reason: "x" }))).code).toBe("NOT_FOUND");
    expect((await refusal(unhideBook(t.db, as(admin), { bookId: "999999" }))).code).toBe("NOT_FOUND");
    const noReason = await refusal(hideBook(t.db, as(admin), { bookId: String(book.id), reason: "  " }));
    expect(keys(noReason.fieldErrors.reason)).toEqual(["admin.errors.required"]);
    const forged = await refusal(
      hideBook(t.db, as(admin), { bookId: String(book.id), reason: "x", hiddenAt: "2020-01-01" }),
    );
    expect(forged.code).toBe("INVALID");
    expect((await t.db.book.findUniqueOrThrow({ where: { id: book.id } })).hiddenAt).toBeNull();
  });
});
