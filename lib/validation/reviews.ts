import { z } from "zod";
import { emptyAs, formId } from "./form";
import { idSchema } from "./ids";
import { textField } from "./text";
import { normalizeComment } from "./comments";

// Reviews with ratings (书评): an overall score of 1–5, optional aspect scores and optional plain
// text, one review per reader per book. Messages are keys of `reviews.errors`.

export const REVIEW_MAX = 5000;
/** UTF-8 bytes of a review's text: binds before the character cap only for text of 4-byte characters. */
export const REVIEW_MAX_BYTES = 15000;
/** Reviews per page of a book's reviews page; the book page shows the most helpful few. */
export const REVIEW_PAGE_SIZE = 20;
export const REVIEWS_ON_BOOK_PAGE = 3;
/** Deeper pages of a book's reviews are clamped to this (offset pagination stays cheap). */
export const REVIEW_MAX_PAGE = 250;
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** The optional aspects, as Royal Road scores them. */
export const ASPECTS = ["style", "story", "grammar", "character"] as const;
export type Aspect = (typeof ASPECTS)[number];

/**
 * The rating ranking's Bayesian average: (m·C + sum of scores) / (m + number of ratings), with
 * m = RATING_PRIOR_VOTES and C = RATING_PRIOR_MEAN. A fixed prior (the middle of the 1–5 scale)
 * rather than the site's mean: the score is stored on the book and kept exact by each write to
 * that book, where a site-wide mean would change with every review anywhere and leave every
 * other book's stored score stale (or make the ranking a scan of every rated book).
 */
export const RATING_PRIOR_VOTES = 10;
export const RATING_PRIOR_MEAN = 3;
/** A book joins the rating ranking, and its page's JSON-LD carries its rating, from this many visible ratings. */
export const RANK_MIN_RATINGS = 3;

/**
 * Writes one account may make in a window (reviews written or edited, helpful votes, reports);
 * an account in its first day (NEW_ACCOUNT_MS), fewer. Every write is also limited per client
 * address and per account by the site (WRITE_MAX_PER_MINUTE).
 */
export const REVIEW_WINDOW_MS = 60 * 60 * 1000;
export const REVIEW_LIMITS = {
  review: { regular: 10, newAccount: 3 },
  vote: { regular: 60, newAccount: 20 },
  report: { regular: 20, newAccount: 5 },
} as const;
export type ReviewLimitKind = keyof typeof REVIEW_LIMITS;

export const REVIEW_SORTS = ["helpful", "new"] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

const K = (key: string) => `reviews.errors.${key}`;
const id = formId(idSchema(K("invalid")));

/** A score as a radio posts it ("4") or a caller passes it (4). */
const score = z.preprocess(
  (v) => (typeof v === "string" && /^[1-5]$/.test(v.trim()) ? Number(v) : v),
  z
    .number({ error: K("score") })
    .int({ error: K("score") })
    .min(SCORE_MIN, { error: K("score") })
    .max(SCORE_MAX, { error: K("score") }),
);
/** An aspect left unscored posts nothing (no radio chosen) or "" (the "no score" choice). */
const aspect = emptyAs(undefined, score.optional());

/** A reader's review of a book: written the first time, replaced after. */
export const reviewSaveSchema = z
  .object({
    bookId: id,
    overall: score,
    style: aspect,
    story: aspect,
    grammar: aspect,
    character: aspect,
    body: emptyAs(
      undefined,
      textField({ key: K, normalize: normalizeComment, max: REVIEW_MAX, maxBytes: REVIEW_MAX_BYTES }).optional(),
    ),
  })
  .strict();

export const reviewBookSchema = z.object({ bookId: id }).strict();
export const reviewRefSchema = z.object({ reviewId: id }).strict();
/** A form on a book's reviews page names the book too, to come back to it. */
export const reviewOnPageSchema = z.object({ reviewId: id, bookId: id.optional() }).strict();

/** Why a reader reports a review (as for comments). */
export const REVIEW_REPORT_REASONS = ["spam", "abuse", "spoiler", "other"] as const;
export const reviewReportSchema = z
  .object({ reviewId: id, bookId: id.optional(), reason: z.enum(REVIEW_REPORT_REASONS, { error: K("reason") }) })
  .strict();

/** A page of a book's reviews: most helpful or newest first. */
export const reviewListSchema = z
  .object({
    sort: z.enum(REVIEW_SORTS).catch("helpful"),
    page: z.coerce
      .number()
      .int()
      .min(1)
      .catch(1)
      .transform((p) => Math.min(p, REVIEW_MAX_PAGE)),
  })
  .strip();

export type ReviewSaveInput = z.input<typeof reviewSaveSchema>;
export type ReviewList = z.output<typeof reviewListSchema>;
