import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { db } from "@/lib/db";
import { TAGS } from "./cache-tags";
import * as feeds from "./queries/feeds";
import * as sitemap from "./queries/sitemap";

// Cached reads for crawlers and feed readers: the sitemap files and the Atom feeds. Sitemaps
// refresh on a timer (an hour) for what is new: crawlers poll them, and expiring every file on
// every publish would rebuild 45,000-URL files all day. What leaves the public site leaves them
// at once (TAGS.sitemap). A book's feed follows its publications at once.

export async function getSitemapIndex() {
  "use cache";
  cacheTag(TAGS.sitemap);
  cacheLife("hours");
  return sitemap.querySitemapIndex(db);
}

export async function getSiteUrls(rankKinds: readonly string[]) {
  "use cache";
  cacheTag(TAGS.categories, TAGS.sitemap);
  cacheLife("hours");
  return sitemap.querySiteUrls(db, rankKinds);
}

export async function getBookUrls(file: number) {
  "use cache";
  cacheTag(TAGS.sitemap);
  cacheLife("hours");
  return sitemap.queryBookUrls(db, file);
}

export async function getChapterUrls(range: { afterId: number; lastId: number }) {
  "use cache";
  cacheTag(TAGS.sitemap);
  cacheLife("hours");
  return sitemap.queryChapterUrls(db, range);
}

export async function getBookFeed(bookId: number) {
  "use cache";
  cacheTag(TAGS.book(bookId), TAGS.toc(bookId));
  cacheLife("hours");
  return feeds.queryBookFeed(db, bookId);
}
