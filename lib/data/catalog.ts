import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { db } from "@/lib/db";
import type { FeaturedKind } from "@/lib/generated/prisma/client";
import type { ListingParams, RankKind } from "@/lib/validation/listing";
import { TAGS } from "./cache-tags";
import * as books from "./queries/books";
import * as chapters from "./queries/chapters";
import * as home from "./queries/home";
import * as recommendations from "./queries/recommendations";
import * as search from "./queries/search";
import { parseSearchQuery } from "@/lib/search/normalize";
import { isCategorySlug } from "@/lib/validation/admin";

// Cached public reads. Each is identical for every visitor; errors are thrown (never cached as
// "not found"), so an outage keeps serving the last good page or answers 503.

export async function getCategories() {
  "use cache";
  cacheTag(TAGS.categories);
  cacheLife("days");
  return books.queryCategories(db);
}

/** The category at `/category/<slug>`; null for an address no category can have (never queried). */
export async function getCategory(slug: string) {
  // A NUL (`%00`) or other junk in the address is a 404 here, not an error from PostgreSQL.
  return isCategorySlug(slug) ? categoryBySlug(slug) : null;
}

async function categoryBySlug(slug: string) {
  "use cache";
  cacheTag(TAGS.categories, TAGS.category(slug));
  cacheLife("days");
  return books.queryCategoryBySlug(db, slug);
}

export async function getBookListing(params: ListingParams, category?: { id: number; slug: string }) {
  "use cache";
  cacheTag(TAGS.books, ...(category ? [TAGS.category(category.slug)] : []));
  cacheLife("hours");
  return books.queryBookListing(db, params, category?.id);
}

export async function getRanking(kind: RankKind, take?: number) {
  "use cache";
  cacheTag(TAGS.books);
  cacheLife("hours");
  return books.queryRanking(db, kind, take);
}

export async function getLatestUpdates(take?: number) {
  "use cache";
  cacheTag(TAGS.books, TAGS.home);
  cacheLife("hours");
  return books.queryLatestUpdates(db, take);
}

export async function getNewestBooks(take = 10) {
  "use cache";
  cacheTag(TAGS.books);
  cacheLife("hours");
  return books.queryNewestBooks(db, take);
}

// No tag: the pools refresh on a timer (the "recommendations" profile in next.config.mjs), so a
// publish never expires the book and chapter pages that show them.
async function getRecommendationPools() {
  "use cache";
  cacheLife("recommendations");
  return recommendations.queryRecommendationPools(db);
}

/** 好书推荐 and 新书推荐 for a book's pages (see queries/recommendations.ts). */
export async function getRecommendations(book: { id: number; categoryId: number }) {
  return recommendations.pickRecommendations(await getRecommendationPools(), book);
}

export async function getFeatured(kind: FeaturedKind) {
  "use cache";
  cacheTag(TAGS.home);
  cacheLife("hours");
  return home.queryFeatured(db, kind);
}

export async function getSiteNotice() {
  "use cache";
  cacheTag(TAGS.home);
  cacheLife("hours");
  return home.querySiteNotice(db);
}

export async function getBookDetail(id: number) {
  "use cache";
  cacheTag(TAGS.book(id), TAGS.toc(id));
  cacheLife("hours");
  return books.queryBookDetail(db, id);
}

export async function getBookLanguage(id: number) {
  "use cache";
  cacheTag(TAGS.book(id));
  cacheLife("days");
  return books.queryBookLanguage(db, id);
}

export async function getTableOfContents(bookId: number) {
  "use cache";
  cacheTag(TAGS.book(bookId), TAGS.toc(bookId));
  cacheLife("hours");
  return chapters.queryTableOfContents(db, bookId);
}

export async function getAuthorPage(id: number) {
  "use cache";
  cacheTag(TAGS.author(id), TAGS.books);
  cacheLife("hours");
  return books.queryAuthorPage(db, id);
}

export async function getTagPage(slug: string) {
  "use cache";
  cacheTag(TAGS.books);
  cacheLife("hours");
  return books.queryTagPage(db, slug);
}

export async function getSampleTag() {
  "use cache";
  cacheTag(TAGS.books);
  cacheLife("hours");
  return books.querySampleTag(db);
}

export async function getSampleBook() {
  "use cache";
  cacheTag(TAGS.books);
  cacheLife("hours");
  return books.querySampleBook(db);
}

// Search: keyed by the normalised query, so "星辰", " 星辰 " and "星辰！" share one entry.
export async function getSearchResults(q: string, filters: search.SearchFilters, page: number) {
  "use cache";
  cacheTag(TAGS.books);
  cacheLife("minutes");
  return search.querySearch(db, parseSearchQuery(q), filters, page);
}

export async function getSearchSuggestions(q: string) {
  "use cache";
  cacheTag(TAGS.books);
  cacheLife("minutes");
  return search.querySuggestions(db, parseSearchQuery(q));
}
