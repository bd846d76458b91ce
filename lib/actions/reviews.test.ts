import { describe, expect, it, vi } from "vitest";
import { translate } from "@/lib/i18n/messages";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { createPublishedBook, createUser } from "@/lib/test/fixtures";
import { initialFormState } from "./form-state";
import { deleteReviewAction, reportReviewAction, saveReviewAction, voteHelpfulAction } from "./reviews";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

// The review forms as a reader uses them: the review lands on the book's reviews page and expires
// only that book's reviews; a refusal shows in place with JavaScript and comes back to its page
// with the reason in the address without.

const request = setUpActionRequests();

async function setUp() {
  const author = await createUser(request.db, { role: "AUTHOR" });
  const book = await createPublishedBook(request.db, { authorId: author.id });
  const reader = await createUser(request.db, { role: "READER" });
  await request.signInAs(reader);
  return { book, author, reader };
}

describe("saveReviewAction", () => {
  it("writes the review, opens it on the reviews page and expires only the book's reviews", async () => {
    const { book } = await setUp();
    request.setHeader("next-action", "x");
    const where = await redirectOf(
      saveReviewAction(
        initialFormState,
        formOf({ bookId: `${book.id}`, overall: "5", story: "4", style: "", body: "精彩" }),
      ),
    );
    const review = await request.db.review.findFirstOrThrow({ where: { bookId: book.id } });
    expect(where).toBe(`/book/${book.id}/reviews?sort=new#r${review.id}`);
    expect(review).toMatchObject({ overall: 5, story: 4, style: null, body: "精彩" });
    expect(request.updatedTags).toEqual([`reviews:${book.id}`]);
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({
      ratingCount: 1,
      ratingSum: 5,
      storyCount: 1,
      storySum: 4,
    });

    expect(await redirectOf(deleteReviewAction(initialFormState, formOf({ bookId: `${book.id}` })))).toBe(
      `/book/${book.id}`,
    );
    expect(await request.db.review.count({ where: { bookId: book.id } })).toBe(0);
  });

  it("a refusal: in place with JavaScript, back to the form with its reason without", async () => {
    const { book, author } = await setUp();
    request.setHeader("next-action", "x");
    const state = await saveReviewAction(
      initialFormState,
      formOf({ bookId: `${book.id}`, overall: "9", body: "留着" }),
    );
    expect(state).toMatchObject({
      status: "error",
      fieldErrors: { overall: [translate("reviews.errors.score")] },
      values: { body: "留着", overall: "9" },
    });
    request.deleteHeader("next-action");
    expect(await redirectOf(saveReviewAction(initialFormState, formOf({ bookId: `${book.id}`, overall: "" })))).toBe(
      `/book/${book.id}/review?error=reviews.errors.score`,
    );
    // The book's author is told plainly.
    await request.signInAs(author);
    request.setHeader("next-action", "x");
    expect(await saveReviewAction(initialFormState, formOf({ bookId: `${book.id}`, overall: "5" }))).toMatchObject({
      status: "error",
      message: translate("reviews.errors.ownBook"),
    });
    expect(await request.db.review.count({ where: { bookId: book.id } })).toBe(0);
    expect(request.updatedTags).toEqual([]);
  });
});

describe("the reviews page's buttons", () => {
  it("helpful and report: thanks in place with JavaScript, back to the review without; one's own is refused", async () => {
    const { book, reader } = await setUp();
    const critic = await createUser(request.db, { role: "READER" });
    const review = await request.db.review.create({ data: { bookId: book.id, userId: critic.id, overall: 2 } });
    const fields = { reviewId: `${review.id}`, bookId: `${book.id}` };

    request.setHeader("next-action", "x");
    expect(await voteHelpfulAction(initialFormState, formOf(fields))).toEqual({
      status: "success",
      message: translate("reviews.thanks"),
    });
    expect(request.updatedTags).toEqual([`reviews:${book.id}`]);
    request.deleteHeader("next-action");
    expect(await redirectOf(reportReviewAction(initialFormState, formOf({ ...fields, reason: "spoiler" })))).toBe(
      `/book/${book.id}/reviews?done=1#r${review.id}`,
    );
    expect(await request.db.reviewReport.findMany({ where: { reviewId: review.id } })).toMatchObject([
      { userId: reader.id, reason: "spoiler" },
    ]);

    await request.signInAs(critic);
    expect(await redirectOf(voteHelpfulAction(initialFormState, formOf(fields)))).toBe(
      `/book/${book.id}/reviews?error=reviews.errors.ownReview`,
    );
    expect((await request.db.review.findUniqueOrThrow({ where: { id: review.id } })).helpfulCount).toBe(1);
  });
});
