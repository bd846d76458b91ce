import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Category } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createBook, createCategory, createPublishedBook, createTag, createUser } from "@/lib/test/fixtures";
import type { BookCard } from "./filters";
import {
  pickRecommendations,
  queryRecommendationPools,
  relatedCategories,
  type RecommendationPools,
} from "./recommendations";

const ids = (books: readonly { id: number }[]) => books.map((b) => b.id);

describe("pickRecommendations", () => {
  // Cards only need ids here; the picker never reads anything else.
  const cards = (...list: number[]) => list.map((id) => ({ id }) as BookCard);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it("fills each block with ten distinct books, never the book itself, none in both blocks", () => {
    const pools: RecommendationPools = {
      byCategory: { 1: cards(...range(1, 11)) },
      related: { 1: [] },
      mostRead: cards(...range(1, 21)),
      newest: cards(...range(5, 25)),
    };
    const { popular, newest } = pickRecommendations(pools, { id: 3, categoryId: 1 });
    expect(ids(popular)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(ids(newest)).toEqual(range(12, 21));
    expect(new Set([...ids(popular), ...ids(newest)]).size).toBe(20);
  });

  it("fills a thin category from related categories in order, then from the most read", () => {
    const pools: RecommendationPools = {
      byCategory: { 1: cards(1, 2), 2: cards(20, 21), 3: cards(30, 31, 32) },
      related: { 1: [3, 2] },
      mostRead: cards(99, 1, 30, 98, 97, 96),
      newest: [],
    };
    const { popular, newest } = pickRecommendations(pools, { id: 2, categoryId: 1 });
    expect(ids(popular)).toEqual([1, 30, 31, 32, 20, 21, 99, 98, 97, 96]);
    expect(newest).toEqual([]);
  });

  it("shows fewer books when the whole site has fewer", () => {
    const pools: RecommendationPools = {
      byCategory: { 1: cards(1, 2) },
      related: {},
      mostRead: cards(2, 1),
      newest: cards(1, 2),
    };
    const { popular, newest } = pickRecommendations(pools, { id: 1, categoryId: 1 });
    expect(ids(popular)).toEqual([2]);
    expect(newest).toEqual([]);
  });
});

describe("relatedCategories", () => {
  it("ranks categories by the tags their books share and leaves out those sharing none", () => {
    const related = relatedCategories(
      new Map([
        [1, [10, 10, 11]],
        [2, [10, 11]],
        [3, [10]],
        [4, [12]],
      ]),
    );
    expect(related[1]).toEqual([2, 3]);
    expect(related[3]).toEqual([1, 2]);
    expect(related[4]).toEqual([]);
  });
});

describe("queryRecommendationPools", () => {
  let t: TestDatabase;
  let fantasy: Category;
  let wuxia: Category;
  let history: Category;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("reads the most read public books per category, the site's most read and newest, and related categories", async () => {
    const { db } = t;
    const author = await createUser(db);
    [fantasy, wuxia, history] = await Promise.all([createCategory(db), createCategory(db), createCategory(db)]);
    const [sword, magic, war] = await Promise.all([createTag(db), createTag(db), createTag(db)]);
    const book = async (category: Category, viewCount: number, tagIds: number[], createdAt: Date) => {
      const b = await createPublishedBook(db, { authorId: author.id, categoryId: category.id, viewCount, createdAt });
      await db.bookTag.createMany({ data: tagIds.map((tagId) => ({ bookId: b.id, tagId })) });
      return b;
    };
    const f1 = await book(fantasy, 50, [magic.id, sword.id], new Date("2026-01-01"));
    const f2 = await book(fantasy, 70, [magic.id], new Date("2026-01-03"));
    const w1 = await book(wuxia, 90, [sword.id], new Date("2026-01-02"));
    const h1 = await book(history, 10, [war.id], new Date("2026-01-04"));
    // Not public: no published chapter, or hidden.
    await createBook(db, { authorId: author.id, categoryId: fantasy.id, viewCount: 999 });
    const hidden = await book(fantasy, 998, [magic.id], new Date("2026-01-05"));
    await db.book.update({ where: { id: hidden.id }, data: { hiddenAt: new Date() } });

    const pools = await queryRecommendationPools(db);
    expect(ids(pools.byCategory[fantasy.id]!)).toEqual([f2.id, f1.id]);
    expect(ids(pools.byCategory[wuxia.id]!)).toEqual([w1.id]);
    expect(ids(pools.mostRead)).toEqual([w1.id, f2.id, f1.id, h1.id]);
    expect(ids(pools.newest)).toEqual([h1.id, f2.id, w1.id, f1.id]);
    expect(pools.related[fantasy.id]).toEqual([wuxia.id]);
    expect(pools.related[history.id]).toEqual([]);
    // Cards are plain book cards: nothing beyond what the blocks show.
    expect(Object.keys(pools.byCategory[fantasy.id]![0]!).sort()).toEqual(Object.keys(pools.mostRead[0]!).sort());
  });
});
