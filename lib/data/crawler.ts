import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { db } from "@/lib/db";
import { TAGS } from "./cache-tags";
import * as feeds from "./queries/feeds";
import * as sitemap from "./queries/sitemap";

// Cached reads for crawlers and feed readers: the sitemap files and the Atom feeds. Any
// publication revalidates "books", which every one of them carries.

export async function getSitemapIndex() {
  "use cache";
  cacheTag(TAGS.books);
  cacheLife("hours");
  return sitemap.querySitemapIndex(db);
}

export async function getSiteUrls(rankKinds: readonly string[]) {
  "use cache";
  cacheTag(TAGS.books, TAGS.categories);
  cacheLife("hours");
  return sitemap.querySiteUrls(db, rankKinds);
}

export async function getBookUrls(file: number) {
  "use cache";
  cacheTag(TAGS.books);
  cacheLife("hours");
  return sitemap.queryBookUrls(db, file);
}

export async function getChapterUrls(range: { afterId: number; lastId: number }) {
  "use cache";
  cacheTag(TAGS.books);
  cacheLife("hours");
  return sitemap.queryChapterUrls(db, range);
}

export async function getBookFeed(bookId: number) {
  "use cache";
  cacheTag(TAGS.books, TAGS.book(bookId));
  cacheLife("hours");
  return feeds.queryBookFeed(db, bookId);
}
