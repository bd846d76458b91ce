import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { bookCardSelect, publicBookSql, publicBookWhere, type BookCard } from "./filters";

// The 好书推荐 / 新书推荐 blocks on book and chapter pages. They are site-wide lists, so they are
// read once for the whole site (a few indexed queries), kept for a while, and each page picks
// its ten from them in memory: no per-book query, and no cache tag that every publish expires.

/** Books per block. */
export const RECOMMENDATION_SIZE = 10;

export type RecommendationPools = {
  /** The most read public books of each category (category id → books, most read first). */
  byCategory: Record<number, BookCard[]>;
  /** Each category's related categories, most related first (see relatedCategories). */
  related: Record<number, number[]>;
  /** The most read public books of the site. */
  mostRead: BookCard[];
  /** The newest public books of the site. */
  newest: BookCard[];
};

export type Recommendations = { popular: BookCard[]; newest: BookCard[] };

// A category's own block needs ten books besides the current one; the newest block may lose ten
// to the popular block and one to the current book, and the most read fill in for both.
const PER_CATEGORY = RECOMMENDATION_SIZE + 1;
const SITE_WIDE = 2 * RECOMMENDATION_SIZE + 1;

export async function queryRecommendationPools(db: Db): Promise<RecommendationPools> {
  // Top books of every category, each on the (categoryId, viewCount) index.
  const top = await db.$queryRaw<{ id: number }[]>(Prisma.sql`
    SELECT top.id FROM "Category" c
    CROSS JOIN LATERAL (
      SELECT id FROM "Book" b
      WHERE b."categoryId" = c.id AND ${publicBookSql("b")}
      ORDER BY b."viewCount" DESC, b.id DESC
      LIMIT ${PER_CATEGORY}
    ) top`);
  const [cards, mostRead, newest] = await Promise.all([
    db.book.findMany({
      where: { id: { in: top.map((r) => r.id) } },
      select: { ...bookCardSelect, categoryId: true, tags: { select: { tagId: true } } },
    }),
    db.book.findMany({
      where: publicBookWhere,
      select: bookCardSelect,
      orderBy: [{ viewCount: "desc" }, { id: "desc" }],
      take: SITE_WIDE,
    }),
    db.book.findMany({
      where: publicBookWhere,
      select: bookCardSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: SITE_WIDE,
    }),
  ]);
  const byCategory: Record<number, BookCard[]> = {};
  const tagsOfCategory = new Map<number, number[]>();
  const ordered = [...cards].sort((a, b) => b.viewCount - a.viewCount || b.id - a.id);
  for (const { categoryId, tags, ...card } of ordered) {
    (byCategory[categoryId] ??= []).push(card);
    tagsOfCategory.set(categoryId, [...(tagsOfCategory.get(categoryId) ?? []), ...tags.map((t) => t.tagId)]);
  }
  return { byCategory, related: relatedCategories(tagsOfCategory), mostRead, newest };
}

/**
 * Related categories: those whose most read books carry the same tags (cosine similarity of the
 * categories' tag counts), most similar first; categories sharing no tag are not related.
 */
export function relatedCategories(tagsOfCategory: ReadonlyMap<number, readonly number[]>): Record<number, number[]> {
  const vectors = new Map<number, Map<number, number>>();
  for (const [category, tags] of tagsOfCategory) {
    const counts = new Map<number, number>();
    for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    vectors.set(category, counts);
  }
  const norm = (v: Map<number, number>) => Math.sqrt([...v.values()].reduce((s, n) => s + n * n, 0));
  const related: Record<number, number[]> = {};
  for (const [a, va] of vectors) {
    const scored: { id: number; score: number }[] = [];
    for (const [b, vb] of vectors) {
      if (a === b) continue;
      let dot = 0;
      for (const [tag, n] of va) dot += n * (vb.get(tag) ?? 0);
      if (dot > 0) scored.push({ id: b, score: dot / (norm(va) * norm(vb)) });
    }
    related[a] = scored.sort((x, y) => y.score - x.score || x.id - y.id).map((s) => s.id);
  }
  return related;
}

/**
 * The two blocks for a book's pages: ten distinct books each, never the book itself, and no book
 * in both. 好书推荐: the most read of its category, then of related categories, then of the
 * site. 新书推荐: the newest of the site, then the most read.
 */
export function pickRecommendations(
  pools: RecommendationPools,
  book: { id: number; categoryId: number },
  size = RECOMMENDATION_SIZE,
): Recommendations {
  const taken = new Set([book.id]);
  const pick = (sources: readonly (readonly BookCard[] | undefined)[]): BookCard[] => {
    const chosen: BookCard[] = [];
    for (const source of sources) {
      for (const b of source ?? []) {
        if (chosen.length === size) return chosen;
        if (taken.has(b.id)) continue;
        taken.add(b.id);
        chosen.push(b);
      }
    }
    return chosen;
  };
  const related = (pools.related[book.categoryId] ?? []).map((id) => pools.byCategory[id]);
  const popular = pick([pools.byCategory[book.categoryId], ...related, pools.mostRead]);
  const newest = pick([pools.newest, pools.mostRead]);
  return { popular, newest };
}
