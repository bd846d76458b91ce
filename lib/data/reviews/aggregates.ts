import "server-only";
import type { Tx } from "@/lib/data/authoring/tx";
import { RANK_MIN_RATINGS, RATING_PRIOR_MEAN, RATING_PRIOR_VOTES } from "@/lib/validation/reviews";

// The book's rating (Book.rating*, style*, story*, grammar*, character*, ratingScore) moves with
// its visible reviews, in the transaction that changes one: a review's scores leave the sums when
// it is hidden, deleted or replaced, and join them when it is written or restored. Pages read the
// sums; nothing ever adds up review rows to show a rating.

/** The scores of one review, as they count in the book's rating. */
export type Scores = {
  overall: number;
  style: number | null;
  story: number | null;
  grammar: number | null;
  character: number | null;
};

export const scoresSelect = { overall: true, style: true, story: true, grammar: true, character: true } as const;

/** What a score adds to a count and a sum (`sign` 1) or takes away from them (-1). */
function delta(value: number | null | undefined, sign: 1 | -1): [number, number] {
  return value === null || value === undefined ? [0, 0] : [sign, sign * value];
}

function plus(a: [number, number], b: [number, number]): [number, number] {
  return [a[0] + b[0], a[1] + b[1]];
}

/**
 * Moves the book's rating from `before` (a visible review's scores as they counted, or null) to
 * `after` (as they count now, or null when the review no longer counts). Also recomputes the
 * ranking score from the new sums, in the same statement: the row's lock makes concurrent
 * writes to one book add up exactly. A raw UPDATE, so the book's `updatedAt` (its pages' "last
 * modified") does not move for a reader's review.
 */
export async function moveRating(tx: Tx, bookId: number, before: Scores | null, after: Scores | null): Promise<void> {
  const d = (key: keyof Scores) => plus(delta(before?.[key], -1), delta(after?.[key], 1));
  const [oc, os] = d("overall");
  const [sc, ss] = d("style");
  const [tc, ts] = d("story");
  const [gc, gs] = d("grammar");
  const [cc, cs] = d("character");
  if ([oc, os, sc, ss, tc, ts, gc, gs, cc, cs].every((n) => n === 0)) return;
  await tx.$executeRaw`
    UPDATE "Book" SET
      "ratingCount" = "ratingCount" + ${oc}::int, "ratingSum" = "ratingSum" + ${os}::int,
      "styleCount" = "styleCount" + ${sc}::int, "styleSum" = "styleSum" + ${ss}::int,
      "storyCount" = "storyCount" + ${tc}::int, "storySum" = "storySum" + ${ts}::int,
      "grammarCount" = "grammarCount" + ${gc}::int, "grammarSum" = "grammarSum" + ${gs}::int,
      "characterCount" = "characterCount" + ${cc}::int, "characterSum" = "characterSum" + ${cs}::int,
      "ratingScore" = CASE
        WHEN "ratingCount" + ${oc}::int >= ${RANK_MIN_RATINGS}::int
        THEN (${RATING_PRIOR_VOTES * RATING_PRIOR_MEAN}::float8 + "ratingSum" + ${os}::int)
             / (${RATING_PRIOR_VOTES}::float8 + "ratingCount" + ${oc}::int)
        ELSE 0 END
    WHERE id = ${bookId}`;
}

/** The Bayesian average the ranking orders by, for a count and a sum (0 below the ranking's minimum). */
export function bayesianScore(count: number, sum: number): number {
  if (count < RANK_MIN_RATINGS) return 0;
  return (RATING_PRIOR_VOTES * RATING_PRIOR_MEAN + sum) / (RATING_PRIOR_VOTES + count);
}
