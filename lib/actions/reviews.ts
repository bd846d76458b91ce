"use server";

import { refresh } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { DomainError } from "@/lib/data/errors";
import { hideReview, removeReview, restoreReview } from "@/lib/data/reviews/moderation";
import { deleteReview, reportReview, saveReview, voteHelpful } from "@/lib/data/reviews/write";
import { db } from "@/lib/db";
import { translate } from "@/lib/i18n/messages";
import type { FormObject } from "@/lib/validation/form";
import { parseId } from "@/lib/validation/ids";
import {
  ASPECTS,
  reviewBookSchema,
  reviewOnPageSchema,
  reviewRefSchema,
  reviewReportSchema,
  reviewSaveSchema,
} from "@/lib/validation/reviews";
import { formAction, saved } from "./client";
import type { FormState } from "./form-state";
import { textValues } from "./form-state";

// The review forms: the reader's own review (app/(book)/book/[id]/review), the helpful and report
// buttons of a book's reviews page, and the admins' moderation page (/dashboard/reviews). Every one
// works without JavaScript: a page rendered in parts cannot show a returned state, so a form posted
// without it comes back to its page with the outcome's message key in the address.

const bookOf = (fields: FormObject) => parseId(fields.bookId);
const reviewFormPage = (fields: FormObject) => (bookOf(fields) ? `/book/${bookOf(fields)}/review` : "/");
const reviewsPage = (fields: FormObject) => (bookOf(fields) ? `/book/${bookOf(fields)}/reviews` : "/");

/** The reason's message key from a refusal: its first field's, or the form's. */
const reasonKey = (error: DomainError) => Object.values(error.fieldErrors)[0]?.[0]?.key ?? error.messageKey;

/** Posted without JavaScript (no Next action header): back to `page` with the reason in the address. */
function backWithReason(page: (fields: FormObject) => string) {
  return async (error: DomainError, fields: FormObject) => {
    if ((await headers()).has("next-action")) return;
    const minutes = error.params.minutes === undefined ? "" : `&minutes=${error.params.minutes}`;
    redirect(`${page(fields)}?error=${encodeURIComponent(reasonKey(error))}${minutes}`);
  };
}

/** The reader writes or edits their review of a book, and sees it on the book's reviews page. */
export const saveReviewAction = formAction({
  role: "READER",
  scope: "reviews",
  returnTo: reviewFormPage,
  form: reviewSaveSchema,
  values: (fields) => textValues(fields, ["body", "overall", ...ASPECTS]),
  refused: backWithReason(reviewFormPage),
  run: (actor, input) => saveReview(db, actor, input),
  done: (result) => redirect(`/book/${result.bookId}/reviews?sort=new#r${result.reviewId}`),
});

/** The reader deletes their review of the book, and is back on the book's page. */
export const deleteReviewAction = formAction({
  role: "READER",
  scope: "reviews",
  returnTo: reviewFormPage,
  form: reviewBookSchema,
  refused: backWithReason(reviewFormPage),
  run: (actor, input) => deleteReview(db, actor, input),
  done: (result) => redirect(`/book/${result.bookId}`),
});

/** A button of a book's reviews page: thanks in place, or back to the page at the review without JavaScript. */
async function thanked(result: { bookId: number }, reviewId: number): Promise<FormState> {
  if (!(await headers()).has("next-action")) redirect(`/book/${result.bookId}/reviews?done=1#r${reviewId}`);
  refresh();
  return { status: "success", message: translate("reviews.thanks") };
}

/** A reader finds a review helpful (once; never their own). */
export const voteHelpfulAction = formAction({
  role: "READER",
  scope: "reviews",
  returnTo: reviewsPage,
  form: reviewOnPageSchema,
  refused: backWithReason(reviewsPage),
  run: async (actor, input) => ({ ...(await voteHelpful(db, actor, input)), reviewId: input.reviewId }),
  done: (result) => thanked(result, result.reviewId),
});

/** A reader reports a review with a reason (once); it goes to the admins' queue. */
export const reportReviewAction = formAction({
  role: "READER",
  scope: "reviews",
  returnTo: reviewsPage,
  form: reviewReportSchema,
  refused: backWithReason(reviewsPage),
  run: async (actor, input) => ({ ...(await reportReview(db, actor, input)), reviewId: input.reviewId }),
  done: (result) => thanked(result, result.reviewId),
});

/** A moderation button of the admins' reviews page. */
function moderationAction(write: typeof hideReview) {
  return formAction({
    role: "ADMIN",
    scope: "reviews",
    returnTo: "/dashboard/reviews",
    form: reviewRefSchema,
    run: (actor, input) => write(db, actor, input),
    done: () => saved("dashboard.done"),
  });
}

export const hideReviewAction = moderationAction(hideReview);
export const restoreReviewAction = moderationAction(restoreReview);
export const removeReviewAction = moderationAction(removeReview);
