import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publicBookWhere } from "@/lib/data/queries/filters";
import { type Aspect, REVIEW_PAGE_SIZE, REVIEWS_ON_BOOK_PAGE, type ReviewList } from "@/lib/validation/reviews";

// Public reads of a book's reviews and rating: identical for every visitor, cached
// (lib/data/reviews/public.ts). The rating is read from the book's stored sums, never added up
// from reviews; lists are pages of an index of Review (bookId + helpfulCount or createdAt).

/** An average with the number of scores it is over (average null without any). */
export type Average = { count: number; average: number | null };

export type RatingSummary = { overall: Average } & Record<Aspect, Average>;

const reviewSelect = {
  id: true,
  overall: true,
  style: true,
  story: true,
  grammar: true,
  character: true,
  body: true,
  helpfulCount: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { id: true, name: true } },
} as const;

type ReviewRow = Prisma.ReviewGetPayload<{ select: typeof reviewSelect }>;

/** What a list shows of a review: its row, dates as ISO strings (`updatedAt` later than `createdAt` once edited). */
export type ReviewView = Omit<ReviewRow, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };

function view(row: ReviewRow): ReviewView {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

const average = (count: number, sum: number): Average => ({ count, average: count > 0 ? sum / count : null });

const ratingSelect = {
  ratingCount: true,
  ratingSum: true,
  styleCount: true,
  styleSum: true,
  storyCount: true,
  storySum: true,
  grammarCount: true,
  grammarSum: true,
  characterCount: true,
  characterSum: true,
} as const;

type RatingRow = { [K in keyof typeof ratingSelect]: number };

function summary(b: RatingRow): RatingSummary {
  return {
    overall: average(b.ratingCount, b.ratingSum),
    style: average(b.styleCount, b.styleSum),
    story: average(b.storyCount, b.storySum),
    grammar: average(b.grammarCount, b.grammarSum),
    character: average(b.characterCount, b.characterSum),
  };
}

const visibleOf = (bookId: number) => ({ bookId, hiddenAt: null });

const ORDER = {
  helpful: [{ helpfulCount: "desc" }, { id: "desc" }],
  new: [{ createdAt: "desc" }, { id: "desc" }],
} as const;

/** A public book's rating and its most helpful reviews (the book page's block); null when not public. */
export async function queryReviewSummary(db: Db, bookId: number) {
  const book = await db.book.findFirst({ where: { id: bookId, ...publicBookWhere }, select: ratingSelect });
  if (!book) return null;
  const top =
    book.ratingCount === 0
      ? []
      : await db.review.findMany({
          where: visibleOf(bookId),
          orderBy: [...ORDER.helpful],
          take: REVIEWS_ON_BOOK_PAGE,
          select: reviewSelect,
        });
  return { rating: summary(book), top: top.map(view) };
}

export type ReviewSummary = NonNullable<Awaited<ReturnType<typeof queryReviewSummary>>>;

/**
 * A page of a public book's visible reviews, most helpful or newest first; null when the book is
 * not public. Every visible review has an overall score, so the book's rating count is their number.
 */
export async function queryReviewPage(db: Db, bookId: number, list: ReviewList) {
  const book = await db.book.findFirst({
    where: { id: bookId, ...publicBookWhere },
    select: { id: true, title: true, authorId: true, ...ratingSelect },
  });
  if (!book) return null;
  const items = await db.review.findMany({
    where: visibleOf(bookId),
    orderBy: [...ORDER[list.sort]],
    skip: (list.page - 1) * REVIEW_PAGE_SIZE,
    take: REVIEW_PAGE_SIZE,
    select: reviewSelect,
  });
  return {
    book: { id: book.id, title: book.title },
    rating: summary(book),
    items: items.map(view),
    pageCount: Math.max(1, Math.ceil(book.ratingCount / REVIEW_PAGE_SIZE)),
  };
}

/** The reader's own review of the book (hidden or not), for the form that edits it. */
export async function queryMyReview(db: Db, userId: number, bookId: number) {
  const review = await db.review.findUnique({
    where: { bookId_userId: { bookId, userId } },
    select: { ...reviewSelect, hiddenAt: true },
  });
  return review ? { ...view(review), hidden: review.hiddenAt !== null } : null;
}
