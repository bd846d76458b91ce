import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Book, Category } from "@/lib/generated/prisma/client";
import { HAN_FOLD_FROM, HAN_FOLD_TO } from "@/lib/search/han-fold";
import { normalizeSearchText, parseSearchQuery } from "@/lib/search/normalize";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createCategory, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { querySearch, querySuggestions, SEARCH_PAGE_SIZE, type SearchFilters } from "./search";

let t: TestDatabase;
let fantasy: Category;
let scifi: Category;
const books: Record<string, Book> = {};

async function titles(q: string, filters: SearchFilters = {}, page = 1): Promise<string[]> {
  const result = await querySearch(t.db, parseSearchQuery(q), filters, page);
  return result.books.map((b) => b.title);
}

beforeAll(async () => {
  t = await createTestDatabase();
  const { db } = t;
  fantasy = await createCategory(db, { slug: "fantasy" });
  scifi = await createCategory(db, { slug: "scifi" });
  const mingyue = await createUser(db, { name: "爱潜水的明月" });
  const owen = await createUser(db, { name: "Owen Fairweather" });
  const other = await createUser(db, { name: "路人甲" });
  const citadelAuthor = await createUser(db, { name: "路人乙" });
  const slowBurn = await db.tag.create({ data: { slug: "slow-burn", name: "Slow Burn" } });
  const xitong = await db.tag.create({ data: { slug: "xitong", name: "系统流" } });

  const make = async (key: string, title: string, authorId: number, viewCount: number, extra: object = {}) => {
    books[key] = await createPublishedBook(db, { title, authorId, categoryId: fantasy.id, viewCount, ...extra });
  };
  await make("xueba", "学霸的征途是星辰大海", other.id, 10);
  await make("xingchen", "星辰", other.id, 1);
  await make("xingchenPrefix", "星辰变", other.id, 5);
  await make("popularStar", "万古星辰诀", other.id, 1000);
  await make("byMingyue", "时光之主", mingyue.id, 50);
  await make("dragon", "The Dragon's Keep", owen.id, 30, { categoryId: scifi.id, status: "COMPLETED" });
  await make("dragonfly", "Dragonfly Summer", other.id, 20);
  await make("citadel", "Citadel of Stars", citadelAuthor.id, 40);
  await make("tagged", "无名之书", other.id, 5);
  await db.bookTag.create({ data: { bookId: books.tagged!.id, tagId: slowBurn.id } });
  await db.bookTag.create({ data: { bookId: books.byMingyue!.id, tagId: xitong.id } });

  // Never found: a book with only a draft, a hidden book, a deleted book.
  const draft = await createBook(db, { title: "星辰草稿", authorId: other.id, categoryId: fantasy.id });
  await addChapter(db, draft.id, { status: "DRAFT" });
  await createPublishedBook(db, {
    title: "星辰隐藏",
    authorId: other.id,
    categoryId: fantasy.id,
    hiddenAt: new Date(),
  });
  await createPublishedBook(db, {
    title: "星辰删除",
    authorId: other.id,
    categoryId: fantasy.id,
    deletedAt: new Date(),
  });
});
afterAll(() => t?.drop());

describe("querySearch", () => {
  it("finds Chinese substrings, exact title first, then title prefix, then by popularity", async () => {
    expect(await titles("星辰")).toEqual(["星辰", "星辰变", "万古星辰诀", "学霸的征途是星辰大海"]);
    expect(await titles("星辰大海")).toEqual(["学霸的征途是星辰大海"]);
    expect(await titles("征途")).toEqual(["学霸的征途是星辰大海"]);
    expect(await titles("海")).toEqual(["学霸的征途是星辰大海"]);
  });

  it("never returns draft-only, hidden or deleted books", async () => {
    const found = await titles("星辰");
    expect(found).not.toContain("星辰草稿");
    expect(found).not.toContain("星辰隐藏");
    expect(found).not.toContain("星辰删除");
    const result = await querySearch(t.db, parseSearchQuery("星辰"));
    expect(result.total).toBe(4);
  });

  it("finds English titles case-insensitively by prefix, title prefix before a later word", async () => {
    expect(await titles("DRAG")).toEqual(["Dragonfly Summer", "The Dragon's Keep"]);
    expect(await titles("dr")).toEqual(["Dragonfly Summer", "The Dragon's Keep"]);
    expect(await titles("dragon's keep")).toEqual(["The Dragon's Keep"]);
    expect(await titles("keep dragon")).toEqual(["The Dragon's Keep"]);
  });

  it("tolerates one typo in an English word, ranking exact matches first", async () => {
    expect(await titles("citadle")).toEqual(["Citadel of Stars"]);
    expect(await titles("dargon")).toEqual(expect.arrayContaining(["The Dragon's Keep"]));
    expect(await titles("citdel")).toEqual(["Citadel of Stars"]);
    expect(await titles("xyzzy")).toEqual([]);
  });

  it("finds books by their author's name and their tags, below title matches", async () => {
    expect(await titles("明月")).toEqual(["时光之主"]);
    expect(await titles("owen")).toEqual(["The Dragon's Keep"]);
    expect(await titles("slow burn")).toEqual(["无名之书"]);
    expect(await titles("系统")).toEqual(["时光之主"]);
  });

  it("follows renames of authors and tags and changes of a book's tags", async () => {
    const { db } = t;
    await db.user.update({ where: { id: books.citadel!.authorId }, data: { name: "Renamed Person" } });
    expect(await titles("renamed")).toContain("Citadel of Stars");
    const tag = await db.tag.create({ data: { slug: "grimdark", name: "Grimdark" } });
    await db.bookTag.create({ data: { bookId: books.citadel!.id, tagId: tag.id } });
    expect(await titles("grimdark")).toEqual(["Citadel of Stars"]);
    await db.tag.update({ where: { id: tag.id }, data: { name: "Noblebright" } });
    expect(await titles("grimdark")).toEqual([]);
    expect(await titles("noblebright")).toEqual(["Citadel of Stars"]);
    await db.bookTag.deleteMany({ where: { tagId: tag.id } });
    expect(await titles("noblebright")).toEqual([]);
    await db.book.update({ where: { id: books.citadel!.id }, data: { title: "Citadel of Moons" } });
    expect(await titles("moons")).toEqual(["Citadel of Moons"]);
    await db.book.update({ where: { id: books.citadel!.id }, data: { title: "Citadel of Stars" } });
  });

  it("follows a book leaving and re-entering the public catalog, and its popularity", async () => {
    const { db } = t;
    const id = books.xueba!.id;
    await db.book.update({ where: { id }, data: { hiddenAt: new Date() } });
    expect(await titles("星辰大海")).toEqual([]);
    await db.book.update({ where: { id }, data: { hiddenAt: null } });
    expect(await titles("星辰大海")).toEqual(["学霸的征途是星辰大海"]);
    await db.book.update({ where: { id }, data: { viewCount: 5000 } });
    expect(await titles("星辰")).toEqual(["星辰", "星辰变", "学霸的征途是星辰大海", "万古星辰诀"]);
    await db.book.update({ where: { id }, data: { viewCount: 10 } });
  });

  it("filters by category and status", async () => {
    expect(await titles("drag", { categoryId: scifi.id })).toEqual(["The Dragon's Keep"]);
    expect(await titles("drag", { status: "completed" })).toEqual(["The Dragon's Keep"]);
    expect(await titles("drag", { status: "ongoing" })).toEqual(["Dragonfly Summer"]);
    expect(await titles("星辰", { categoryId: scifi.id })).toEqual([]);
  });

  it("returns a normal, empty answer for odd input", async () => {
    for (const q of [
      "",
      "   ",
      "!!!",
      "%",
      "_",
      "\\",
      '\'; DROP TABLE "Book"; --',
      ".*+?^$|()[]{}",
      "😀🎉",
      "星".repeat(10_000),
      "\u0000",
    ]) {
      const result = await querySearch(t.db, parseSearchQuery(q));
      expect(result.pageCount).toBeGreaterThanOrEqual(1);
    }
    expect(await titles("%")).toEqual([]);
  });

  it("pages results and counts them all", async () => {
    const { db } = t;
    const author = await createUser(db, { name: "Pager" });
    for (let i = 0; i < SEARCH_PAGE_SIZE + 3; i++) {
      await createPublishedBook(db, {
        title: `Paging Book ${i}`,
        authorId: author.id,
        categoryId: scifi.id,
        viewCount: i,
      });
    }
    const first = await querySearch(t.db, parseSearchQuery("paging"), {}, 1);
    const second = await querySearch(t.db, parseSearchQuery("paging"), {}, 2);
    expect(first).toMatchObject({ total: SEARCH_PAGE_SIZE + 3, pageCount: 2 });
    expect(first.books).toHaveLength(SEARCH_PAGE_SIZE);
    expect(second.books.map((b) => b.title)).toEqual(["Paging Book 2", "Paging Book 1", "Paging Book 0"]);
    const past = await querySearch(t.db, parseSearchQuery("paging"), {}, 5);
    expect(past).toMatchObject({ books: [], total: SEARCH_PAGE_SIZE + 3, pageCount: 2 });
  });
});

describe("querySuggestions", () => {
  it("gives at most eight ranked titles with authors", async () => {
    const suggestions = await querySuggestions(t.db, parseSearchQuery("星辰"));
    expect(suggestions.map((s) => s.title)).toEqual(["星辰", "星辰变", "万古星辰诀", "学霸的征途是星辰大海"]);
    expect(suggestions[0]).toEqual({ id: books.xingchen!.id, title: "星辰", author: "路人甲" });
    const author = await createUser(t.db, { name: "Suggester" });
    for (let i = 0; i < 10; i++) {
      await createPublishedBook(t.db, { title: `Suggestible ${i}`, authorId: author.id, categoryId: scifi.id });
    }
    expect(await querySuggestions(t.db, parseSearchQuery("suggestible"))).toHaveLength(8);
    expect(await querySuggestions(t.db, parseSearchQuery("  "))).toEqual([]);
  });

  it("folds traditional and simplified Han characters both ways: titles, authors, tags, suggestions", async () => {
    const swordsman = await createUser(t.db, { name: "東方劍客" });
    const tag = await t.db.tag.create({ data: { slug: "wuxia-fold", name: "武俠" } });
    const simplified = await createPublishedBook(t.db, {
      title: "剑神归来",
      authorId: swordsman.id,
      categoryId: scifi.id,
    });
    await createPublishedBook(t.db, {
      title: "劍神傳說",
      authorId: swordsman.id,
      categoryId: scifi.id,
    });
    await t.db.bookTag.create({ data: { bookId: simplified.id, tagId: tag.id } });
    expect(await titles("劍神")).toEqual(expect.arrayContaining(["剑神归来", "劍神傳說"]));
    expect(await titles("剑神")).toEqual(expect.arrayContaining(["剑神归来", "劍神傳說"]));
    expect(await titles("剑神传说")).toEqual(["劍神傳說"]);
    expect(await titles("东方剑客")).toHaveLength(2);
    expect(await titles("武侠")).toEqual(["剑神归来"]);
    expect((await querySuggestions(t.db, parseSearchQuery("劍神"))).map((x) => x.title).sort()).toEqual(
      ["剑神归来", "劍神傳說"].sort(),
    );
    // Folding matches the same words in either script, nothing more.
    expect(await titles("剑仙")).toEqual([]);
  });

  it("folds in SQL exactly as the query side does, for every character of the map", async () => {
    const text = `${HAN_FOLD_FROM}${HAN_FOLD_TO}書海 Ｄｒａｇｏｎ`;
    const [row] = await t.db.$queryRaw<{ folded: string }[]>`SELECT search_normalize(${text}) AS folded`;
    expect(row!.folded).toBe(normalizeSearchText(text));
    expect(normalizeSearchText("書海 Ｄｒａｇｏｎ")).toBe("书海 dragon");
  });
});
