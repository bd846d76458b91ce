import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addPublishedChapters, createBook, createUser } from "@/lib/test/fixtures";
import { DEMO_LOGINS, seedDemo } from "./index";
import { removeDemo } from "./remove";

describe("the demo catalog on a site that goes live", () => {
  let t: TestDatabase;
  let demoPassword: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    ({ demoPassword } = await seedDemo(t.url));
  }, 120_000);

  afterAll(async () => {
    await t?.drop();
  });

  it("gets a password made for this seed, which signs the demo admin in", async () => {
    expect(demoPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const admin = await t.db.user.findUniqueOrThrow({
      where: { email: DEMO_LOGINS.admin },
      omit: { passwordHash: false },
    });
    expect(await verifyPassword(admin.passwordHash, demoPassword)).toBe(true);
    expect(await verifyPassword(admin.passwordHash, "shuhai-demo-2026")).toBe(false);
  });

  it("will not remove the demo while the demo admin is the only admin", async () => {
    const before = await t.db.book.count();
    await expect(removeDemo(t.url)).rejects.toThrow(/only admin/);
    expect(await t.db.book.count()).toBe(before);
    expect(await t.db.user.count({ where: { email: DEMO_LOGINS.admin } })).toBe(1);
  });

  it("removes the demo accounts and their books, and keeps the site's own", async () => {
    const category = await t.db.category.findFirstOrThrow({ where: { slug: "xuanhuan" } });
    await createUser(t.db, { role: "ADMIN", name: "站长" });
    const author = await createUser(t.db, { name: "真作者" });
    const own = await createBook(t.db, { authorId: author.id, categoryId: category.id, title: "真实的书" });
    await addPublishedChapters(t.db, own.id, 2);
    // A real reader shelved a demo book: the entry goes with the book.
    const demoBook = await t.db.book.findFirstOrThrow({ where: { author: { email: DEMO_LOGINS.author } } });
    await t.db.shelfEntry.create({ data: { userId: author.id, bookId: demoBook.id } });
    const categories = await t.db.category.count();
    const tags = await t.db.tag.count();

    const result = await removeDemo(t.url);

    expect(result).toMatchObject({ removed: true });
    expect(result.removed && result.books).toBeGreaterThanOrEqual(60);
    expect(await t.db.book.findMany({ select: { id: true } })).toEqual([{ id: own.id }]);
    expect(await t.db.chapter.count({ where: { bookId: { not: own.id } } })).toBe(0);
    expect(await t.db.shelfEntry.count()).toBe(0);
    expect(await t.db.user.findMany({ select: { name: true }, orderBy: { id: "asc" } })).toEqual([
      { name: "站长" },
      { name: "真作者" },
    ]);
    expect(await t.db.category.count()).toBe(categories);
    expect(await t.db.tag.count()).toBe(tags);
    expect(await t.db.siteSetting.findMany()).toEqual([]);
  });

  it("has nothing left to remove the second time", async () => {
    expect(await removeDemo(t.url)).toEqual({ removed: false });
    expect(await t.db.book.count()).toBe(1);
  });
});
