import "server-only";
import { type Actor, isAdmin } from "@/lib/data/authoring/actor";
import { transaction, type Tx } from "@/lib/data/authoring/tx";
import { TAGS } from "@/lib/data/cache-tags";
import { DomainError, parseInput } from "@/lib/data/errors";
import type { Db } from "@/lib/db/client";
import { reviewRefSchema } from "@/lib/validation/reviews";
import { moveRating, scoresSelect } from "./aggregates";
import type { ReviewWrite } from "./write";

// Admins hide, restore and delete reviews. Only admins: a review judges the book, and a book's
// author who could hide the reviews of their own book could hide every low score and lift the
// book's rating and its place in the rating ranking. (Authors moderate comments on their books,
// which are conversation, not judgement; a review they find abusive they report like any reader.)
// A hidden review leaves every public list and the book's rating at once, and is restored as it was.

const scope = "reviews";
export const REVIEW_MODERATION_PAGE_SIZE = 50;

function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new DomainError("FORBIDDEN", { scope });
}

/** The review with its book's row locked (its rating changes with it), or NOT_FOUND. */
async function lockedReview(tx: Tx, reviewId: number) {
  const review = await tx.review.findUnique({ where: { id: reviewId }, select: { bookId: true } });
  if (!review) throw new DomainError("NOT_FOUND", { scope });
  await tx.$queryRaw`SELECT id FROM "Book" WHERE id = ${review.bookId} FOR UPDATE`;
  // Read again under the lock: a write that ran meanwhile has committed.
  const locked = await tx.review.findUnique({
    where: { id: reviewId },
    select: { id: true, bookId: true, hiddenAt: true, ...scoresSelect },
  });
  if (!locked) throw new DomainError("NOT_FOUND", { scope });
  return locked;
}

/** Hides a review: it leaves the public pages and its scores leave the book's rating. */
export async function hideReview(db: Db, actor: Actor, input: unknown, now: Date = new Date()): Promise<ReviewWrite> {
  requireAdmin(actor);
  const { reviewId } = parseInput(reviewRefSchema, input, scope);
  return transaction(db, async (tx) => {
    const review = await lockedReview(tx, reviewId);
    if (review.hiddenAt) return { tags: [] };
    // Raw: a review's `updatedAt` is when its reader last wrote it (the write limit counts it).
    await tx.$executeRaw`UPDATE "Review" SET "hiddenAt" = ${now} WHERE id = ${reviewId}`;
    await moveRating(tx, review.bookId, review, null);
    return { tags: [TAGS.reviews(review.bookId)] };
  });
}

/** Restores a hidden review: back on the public pages, its scores back in the rating. */
export async function restoreReview(db: Db, actor: Actor, input: unknown): Promise<ReviewWrite> {
  requireAdmin(actor);
  const { reviewId } = parseInput(reviewRefSchema, input, scope);
  return transaction(db, async (tx) => {
    const review = await lockedReview(tx, reviewId);
    if (!review.hiddenAt) return { tags: [] };
    await tx.$executeRaw`UPDATE "Review" SET "hiddenAt" = NULL WHERE id = ${reviewId}`;
    await moveRating(tx, review.bookId, null, review);
    return { tags: [TAGS.reviews(review.bookId)] };
  });
}

/** Deletes a review for good (its votes and reports with it). */
export async function removeReview(db: Db, actor: Actor, input: unknown): Promise<ReviewWrite> {
  requireAdmin(actor);
  const { reviewId } = parseInput(reviewRefSchema, input, scope);
  return transaction(db, async (tx) => {
    const review = await lockedReview(tx, reviewId);
    await tx.review.delete({ where: { id: reviewId } });
    if (!review.hiddenAt) await moveRating(tx, review.bookId, review, null);
    return { tags: [TAGS.reviews(review.bookId)] };
  });
}

export type ReviewModerationRow = {
  id: number;
  overall: number;
  body: string;
  reportCount: number;
  helpfulCount: number;
  createdAt: Date;
  hiddenAt: Date | null;
  user: { name: string };
  book: { id: number; title: string };
};

/**
 * The newest reviews of every book, a page before `before` (an id). `reported`: only reviews
 * readers reported and nobody has hidden yet, newest first.
 */
export async function listReviewsToModerate(
  db: Db,
  actor: Actor,
  before?: number,
  opts: { reported?: boolean } = {},
): Promise<{ items: ReviewModerationRow[]; next: number | null }> {
  requireAdmin(actor);
  const rows = await db.review.findMany({
    where: {
      ...(before ? { id: { lt: before } } : {}),
      ...(opts.reported ? { reportCount: { gt: 0 }, hiddenAt: null } : {}),
    },
    orderBy: { id: "desc" },
    take: REVIEW_MODERATION_PAGE_SIZE + 1,
    select: {
      id: true,
      overall: true,
      body: true,
      reportCount: true,
      helpfulCount: true,
      createdAt: true,
      hiddenAt: true,
      user: { select: { name: true } },
      book: { select: { id: true, title: true } },
    },
  });
  const items = rows.slice(0, REVIEW_MODERATION_PAGE_SIZE);
  return { items, next: rows.length > REVIEW_MODERATION_PAGE_SIZE ? items.at(-1)!.id : null };
}
