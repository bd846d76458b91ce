import type { Db } from "@/lib/db/client";
import { queryCategories } from "@/lib/data/queries/books";
import { queryChapterPage, type ChapterPage } from "@/lib/data/queries/chapters";
import {
  pickRecommendations,
  queryRecommendationPools,
  type Recommendations,
} from "@/lib/data/queries/recommendations";
import { TAGS } from "@/lib/data/cache-tags";
import type { Category } from "./page";
import { refreshing } from "./refreshing";

/** How old the 好书推荐 / 新书推荐 lists may get before they are read again. */
export const RECOMMENDATIONS_MAX_AGE_MS = 30 * 60_000;
const CATEGORIES_MAX_AGE_MS = 60 * 60_000;

export type ReaderData = {
  chapter(bookId: number, chapterId: number): Promise<ChapterPage | null>;
  categories(): Promise<Category[]>;
  recommendations(book: { id: number; categoryId: number }): Promise<Recommendations>;
  /** A cache tag expired: drop what it covers. */
  tagsExpired(tags: readonly string[] | "*"): void;
};

/**
 * What the reading page reads. Its own chapter always comes from the database (the page cache
 * in front of it is what keeps that rare); the site-wide lists are read once for the whole site
 * and kept: the categories until an admin changes them, the recommendations for half an hour.
 */
export function readerData(db: Db, pageChars: number, onError: (error: unknown) => void): ReaderData {
  const categories = refreshing(() => queryCategories(db), CATEGORIES_MAX_AGE_MS, { onError });
  const pools = refreshing(() => queryRecommendationPools(db), RECOMMENDATIONS_MAX_AGE_MS, { onError });
  return {
    chapter: (bookId, chapterId) => queryChapterPage(db, bookId, chapterId, pageChars),
    categories: () => categories.get(),
    recommendations: async (book) => pickRecommendations(await pools.get(), book),
    tagsExpired(tags) {
      if (tags === "*" || tags.includes(TAGS.categories)) categories.invalidate();
    },
  };
}
