import "server-only";
import type { Actor } from "@/lib/data/authoring/actor";
import { transaction, type Tx } from "@/lib/data/authoring/tx";
import { TAGS } from "@/lib/data/cache-tags";
import { DomainError, parseInput } from "@/lib/data/errors";
import { isPublicBook, publicBookWhere } from "@/lib/data/queries/filters";
import type { Db } from "@/lib/db/client";
import { assertMayPost } from "@/lib/data/moderation/may-post";
import {
  REVIEW_LIMITS,
  REVIEW_WINDOW_MS,
  type ReviewLimitKind,
  reviewBookSchema,
  reviewOnPageSchema,
  reviewReportSchema,
  reviewSaveSchema,
} from "@/lib/validation/reviews";
import { moveRating, scoresSelect } from "./aggregates";

// A reader's writes of the review layer. Each takes the actor from the session (never the input),
// parses its input with a strict schema, checks in its transaction who may do it, and returns the
// cache tags it changed: the book's reviews (TAGS.reviews: its reviews pages and the book page's
// ratings block), never its chapters or any other page.

export type ReviewWrite = { tags: string[] };
export type SavedReview = ReviewWrite & { reviewId: number; bookId: number; created: boolean };

const scope = "reviews";
const notFound = () => new DomainError("NOT_FOUND", { scope });

/** The same text from the same reader on another book within this time is a duplicate (copied around). */
export const DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Locks the book's row for the rest of the transaction, so the writes to one book's reviews (and
 * its rating) run one after the other. Null when there is no such book.
 */
async function lockBook(tx: Tx, bookId: number) {
  const rows = await tx.$queryRaw<
    { id: number; authorId: number; deletedAt: Date | null; hiddenAt: Date | null; chapterCount: number }[]
  >`SELECT id, "authorId", "deletedAt", "hiddenAt", "chapterCount" FROM "Book" WHERE id = ${bookId} FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * Writes the reader's review of a public book, or replaces it: one review per reader per book.
 * The book's author may not review it. Sending the same review twice leaves it as it was.
 */
export async function saveReview(db: Db, actor: Actor, input: unknown, now: Date = new Date()): Promise<SavedReview> {
  const { bookId, overall, body = "", ...aspects } = parseInput(reviewSaveSchema, input, scope);
  const scores = {
    overall,
    style: aspects.style ?? null,
    story: aspects.story ?? null,
    grammar: aspects.grammar ?? null,
    character: aspects.character ?? null,
  };
  return transaction(db, async (tx) => {
    const book = await lockBook(tx, bookId);
    if (!book || !isPublicBook(book)) throw notFound();
    if (book.authorId === actor.id) {
      throw new DomainError("FORBIDDEN", { scope, messageKey: "reviews.errors.ownBook" });
    }
    const mine = await tx.review.findUnique({
      where: { bookId_userId: { bookId, userId: actor.id } },
      select: { id: true, hiddenAt: true, body: true, ...scoresSelect },
    });
    const unchanged =
      mine !== null &&
      mine.body === body &&
      (Object.keys(scores) as (keyof typeof scores)[]).every((k) => mine[k] === scores[k]);
    if (unchanged) return { reviewId: mine.id, bookId, created: false, tags: [] };
    await refuseTooMany(tx, actor, "review", now, body);
    if (body !== "") await refuseDuplicate(tx, actor, bookId, body, now);
    if (mine) {
      await tx.review.update({ where: { id: mine.id }, data: { ...scores, body, updatedAt: now } });
      // A hidden review stays hidden when edited: it counts again only once an admin restores it.
      if (!mine.hiddenAt) await moveRating(tx, bookId, mine, scores);
      return { reviewId: mine.id, bookId, created: false, tags: [TAGS.reviews(bookId)] };
    }
    const review = await tx.review.create({
      data: { bookId, userId: actor.id, ...scores, body, createdAt: now, updatedAt: now },
      select: { id: true },
    });
    await moveRating(tx, bookId, null, scores);
    return { reviewId: review.id, bookId, created: true, tags: [TAGS.reviews(bookId)] };
  });
}

/** The reader deletes their own review of the book: it leaves the pages and the rating. */
export async function deleteReview(db: Db, actor: Actor, input: unknown): Promise<ReviewWrite & { bookId: number }> {
  const { bookId } = parseInput(reviewBookSchema, input, scope);
  return transaction(db, async (tx) => {
    if (!(await lockBook(tx, bookId))) throw notFound();
    const mine = await tx.review.findUnique({
      where: { bookId_userId: { bookId, userId: actor.id } },
      select: { id: true, hiddenAt: true, ...scoresSelect },
    });
    if (!mine) throw notFound();
    await tx.review.delete({ where: { id: mine.id } });
    if (!mine.hiddenAt) await moveRating(tx, bookId, mine, null);
    return { bookId, tags: [TAGS.reviews(bookId)] };
  });
}

/**
 * A suspended account, a banned word, or more writes of a kind in the window than the account
 * may make (fewer in its first day): refused, saying why (and when to retry). Counts the account's own rows of that kind, on their indexes.
 */
async function refuseTooMany(tx: Tx, actor: Actor, kind: ReviewLimitKind, now: Date, text?: string): Promise<void> {
  // A suspended account writes nothing; a review's text passes the banned-words list.
  const poster = await assertMayPost(tx, actor.id, { now, ...(text ? { text, field: "body" } : {}) });
  const limits = REVIEW_LIMITS[kind];
  const limit = poster.isNew ? limits.newAccount : limits.regular;
  const since = new Date(now.getTime() - REVIEW_WINDOW_MS);
  const times = await recentWrites(tx, actor.id, kind, since, limit);
  if (times.length < limit) return;
  const oldest = times.at(-1)!.getTime();
  const minutes = Math.max(1, Math.ceil((oldest + REVIEW_WINDOW_MS - now.getTime()) / 60_000));
  throw new DomainError("FORBIDDEN", { scope, messageKey: "reviews.errors.tooMany", params: { minutes } });
}

/** When the account's latest `take` writes of a kind since `since` were made, newest first. */
async function recentWrites(tx: Tx, userId: number, kind: ReviewLimitKind, since: Date, take: number): Promise<Date[]> {
  if (kind === "review") {
    const rows = await tx.review.findMany({
      where: { userId, updatedAt: { gt: since } },
      orderBy: { updatedAt: "desc" },
      take,
      select: { updatedAt: true },
    });
    return rows.map((r) => r.updatedAt);
  }
  const where = { userId, createdAt: { gt: since } };
  const rows =
    kind === "vote"
      ? await tx.reviewVote.findMany({ where, orderBy: { createdAt: "desc" }, take, select: { createdAt: true } })
      : await tx.reviewReport.findMany({ where, orderBy: { createdAt: "desc" }, take, select: { createdAt: true } });
  return rows.map((r) => r.createdAt);
}

async function refuseDuplicate(tx: Tx, actor: Actor, bookId: number, body: string, now: Date): Promise<void> {
  const same = await tx.review.findFirst({
    where: {
      userId: actor.id,
      bookId: { not: bookId },
      body,
      updatedAt: { gt: new Date(now.getTime() - DUPLICATE_WINDOW_MS) },
    },
    select: { id: true },
  });
  if (same) throw new DomainError("CONFLICT", { scope, messageKey: "reviews.errors.duplicate" });
}

/** A visible review of a public book, or NOT_FOUND. */
async function visibleReview(tx: Tx, reviewId: number, bookId: number | undefined) {
  const review = await tx.review.findFirst({
    where: { id: reviewId, hiddenAt: null, book: publicBookWhere },
    select: { id: true, bookId: true, userId: true },
  });
  // A form names the book whose page it is on: a review of another book is not found there.
  if (!review || (bookId !== undefined && bookId !== review.bookId)) throw notFound();
  return review;
}

export type VoteResult = ReviewWrite & { bookId: number; helpful: boolean; helpfulCount: number };

/** The reader finds a review helpful (once: again changes nothing); never their own. */
export async function voteHelpful(db: Db, actor: Actor, input: unknown, now: Date = new Date()): Promise<VoteResult> {
  return setVote(db, actor, input, true, now);
}

/** Takes a helpful vote back (none to take: nothing changes). */
export async function unvoteHelpful(db: Db, actor: Actor, input: unknown, now: Date = new Date()): Promise<VoteResult> {
  return setVote(db, actor, input, false, now);
}

async function setVote(db: Db, actor: Actor, input: unknown, helpful: boolean, now: Date): Promise<VoteResult> {
  const { reviewId, bookId } = parseInput(reviewOnPageSchema, input, scope);
  return transaction(db, async (tx) => {
    const review = await visibleReview(tx, reviewId, bookId);
    if (review.userId === actor.id) {
      throw new DomainError("FORBIDDEN", { scope, messageKey: "reviews.errors.ownReview" });
    }
    let changed: number;
    if (helpful) {
      const already = await tx.reviewVote.findUnique({
        where: { reviewId_userId: { reviewId, userId: actor.id } },
        select: { reviewId: true },
      });
      if (!already) await refuseTooMany(tx, actor, "vote", now);
      changed = await tx.$executeRaw`
        INSERT INTO "ReviewVote" ("reviewId", "userId", "createdAt") VALUES (${reviewId}, ${actor.id}, ${now})
        ON CONFLICT DO NOTHING`;
    } else {
      changed = (await tx.reviewVote.deleteMany({ where: { reviewId, userId: actor.id } })).count;
    }
    // Raw, like every counter of a review: its `updatedAt` is when its reader last wrote it.
    const step = changed === 0 ? 0 : helpful ? 1 : -1;
    const [{ helpfulCount }] = await tx.$queryRaw<[{ helpfulCount: number }]>`
      UPDATE "Review" SET "helpfulCount" = "helpfulCount" + ${step}::int WHERE id = ${reviewId} RETURNING "helpfulCount"`;
    return { bookId: review.bookId, helpful, helpfulCount, tags: changed === 0 ? [] : [TAGS.reviews(review.bookId)] };
  });
}

/**
 * A reader reports a review (once: reporting again changes nothing); the admins' queue
 * (lib/data/reviews/moderation.ts) lists reported reviews. Changes no public page.
 */
export async function reportReview(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<ReviewWrite & { bookId: number; reported: true }> {
  const { reviewId, bookId, reason } = parseInput(reviewReportSchema, input, scope);
  return transaction(db, async (tx) => {
    const review = await visibleReview(tx, reviewId, bookId);
    if (review.userId === actor.id) {
      throw new DomainError("FORBIDDEN", { scope, messageKey: "reviews.errors.ownReview" });
    }
    const already = await tx.reviewReport.findUnique({
      where: { reviewId_userId: { reviewId, userId: actor.id } },
      select: { reviewId: true },
    });
    if (!already) {
      await refuseTooMany(tx, actor, "report", now);
      const added = await tx.$executeRaw`
        INSERT INTO "ReviewReport" ("reviewId", "userId", reason, "createdAt") VALUES (${reviewId}, ${actor.id}, ${reason}, ${now})
        ON CONFLICT DO NOTHING`;
      if (added > 0) await tx.$executeRaw`UPDATE "Review" SET "reportCount" = "reportCount" + 1 WHERE id = ${reviewId}`;
    }
    return { bookId: review.bookId, reported: true, tags: [] };
  });
}
