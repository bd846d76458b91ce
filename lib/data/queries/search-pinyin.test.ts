import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Category, User } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/data/authoring/actor";
import { createBook as createBookAs, updateBook } from "@/lib/data/authoring/books";
import { backfillTitlePinyin } from "@/lib/db/pinyin-backfill";
import { parseSearchQuery } from "@/lib/search/normalize";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createCategory, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { querySearch, querySuggestions } from "./search";

let t: TestDatabase;
let category: Category;
let author: User;
const as = (u: User): Actor => ({ id: u.id, role: u.role });

async function titles(q: string): Promise<string[]> {
  return (await querySearch(t.db, parseSearchQuery(q))).books.map((b) => b.title);
}

beforeAll(async () => {
  t = await createTestDatabase();
  category = await createCategory(t.db);
  author = await createUser(t.db, { role: "AUTHOR", name: "Owen Fairweather" });
  await createPublishedBook(t.db, { title: "重生之都市", authorId: author.id, categoryId: category.id, viewCount: 5 });
  await createPublishedBook(t.db, { title: "Harry Potter与魔法石", authorId: author.id, categoryId: category.id });
  await createPublishedBook(t.db, { title: "Jolly Lands", authorId: author.id, categoryId: category.id });
  await createPublishedBook(t.db, { title: "剑灵", authorId: author.id, categoryId: category.id, viewCount: 100 });
  await createPublishedBook(t.db, { title: "Chong Diner", authorId: author.id, categoryId: category.id });
});

afterAll(() => t.drop());

describe("pinyin search", () => {
  it("finds a new book by full pinyin with or without spaces and by initials, and follows a title change", async () => {
    const { bookId } = await createBookAs(t.db, as(author), { title: "剑来", categoryId: category.id, tagIds: [] });
    await addChapter(t.db, bookId);
    expect(await titles("jianlai")).toEqual(["剑来"]);
    expect(await titles("Jian Lai")).toEqual(["剑来"]);
    expect(await titles("jianl")).toEqual(["剑灵", "剑来"]);
    // Initials: every title whose initials are exactly "jl" (the English one too), by popularity.
    expect(await titles("jl")).toEqual(["剑灵", "剑来", "Jolly Lands"]);

    await updateBook(t.db, as(author), { bookId, title: "雪中悍刀行" });
    expect(await titles("jianlai")).toEqual([]);
    expect(await titles("xzhdx")).toEqual(["雪中悍刀行"]);
    expect((await querySuggestions(t.db, parseSearchQuery("xuezhong"))).map((s) => s.title)).toEqual(["雪中悍刀行"]);
  });

  it("reads polyphones by context and spells mixed Latin and Chinese titles", async () => {
    expect(await titles("chongsheng")).toEqual(["重生之都市"]);
    expect(await titles("cszds")).toEqual(["重生之都市"]);
    expect(await titles("harry potter yu")).toEqual(["Harry Potter与魔法石"]);
    expect(await titles("hpymfs")).toEqual(["Harry Potter与魔法石"]);
  });

  it("ranks English title matches above pinyin matches, however popular", async () => {
    expect(await titles("chong")).toEqual(["Chong Diner", "重生之都市"]);
    expect(await titles("harry")).toEqual(["Harry Potter与魔法石"]);
  });

  it("backfills books without pinyin in batches, touching no other book", async () => {
    await t.db.$executeRaw`UPDATE "Book" SET "titlePinyin" = NULL, "titleInitials" = NULL WHERE title <> 'Chong Diner'`;
    const before = await t.db.book.findFirstOrThrow({ where: { title: "Chong Diner" }, select: { updatedAt: true } });
    expect(await titles("chongsheng")).toEqual([]);
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      const total = await t.db.book.count();
      expect(await backfillTitlePinyin(client, 2)).toBe(total - 1);
      expect(await backfillTitlePinyin(client, 2)).toBe(0);
    } finally {
      await client.end();
    }
    expect(await titles("chongsheng")).toEqual(["重生之都市"]);
    expect(await titles("jl")).toEqual(["剑灵", "Jolly Lands"]);
    const after = await t.db.book.findFirstOrThrow({ where: { title: "Chong Diner" }, select: { updatedAt: true } });
    expect(after.updatedAt).toEqual(before.updatedAt);
  });
});
