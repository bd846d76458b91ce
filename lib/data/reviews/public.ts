import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { TAGS } from "@/lib/data/cache-tags";
import { db } from "@/lib/db";
import { isId } from "@/lib/validation/ids";
import type { ReviewList } from "@/lib/validation/reviews";
import * as queries from "./queries";

// Cached public reads of reviews, identical for every visitor. Tagged with the book's reviews (a
// review, vote or moderation expires them, and the book page with its ratings block) and with the
// book itself (leaving the public site takes its reviews with it).

export type { Average, RatingSummary, ReviewSummary, ReviewView } from "./queries";

export async function getReviewSummary(bookId: number) {
  "use cache";
  cacheTag(TAGS.book(bookId), TAGS.reviews(bookId));
  cacheLife("hours");
  return queries.queryReviewSummary(db, bookId);
}

export async function getReviewPage(bookId: number, list: ReviewList) {
  if (!isId(bookId)) return null;
  return reviewPage(bookId, list);
}

async function reviewPage(bookId: number, list: ReviewList) {
  "use cache";
  cacheTag(TAGS.book(bookId), TAGS.reviews(bookId));
  cacheLife("hours");
  return queries.queryReviewPage(db, bookId, list);
}
