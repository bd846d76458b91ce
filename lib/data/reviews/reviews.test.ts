import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/data/authoring/actor";
import { TAGS } from "@/lib/data/cache-tags";
import { queryRanking } from "@/lib/data/queries/books";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createPublishedBook, createUser } from "@/lib/test/fixtures";
import {
  RANK_MIN_RATINGS,
  RATING_PRIOR_MEAN,
  RATING_PRIOR_VOTES,
  REVIEW_LIMITS,
  REVIEW_MAX,
  REVIEW_PAGE_SIZE,
  REVIEW_WINDOW_MS,
} from "@/lib/validation/reviews";
import { bayesianScore } from "./aggregates";
import { hideReview, listReviewsToModerate, removeReview, restoreReview } from "./moderation";
import { queryMyReview, queryReviewPage, queryReviewSummary } from "./queries";
import { deleteReview, reportReview, saveReview, unvoteHelpful, voteHelpful } from "./write";
import { refused } from "@/lib/test/refused";

// Reviews on a real database: one per reader per book, the book's stored rating after every
// kind of write, helpful votes and reports, the rating ranking, and every refusal changing nothing.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const actorOf = (u: { id: number; role: Actor["role"] }): Actor => ({ id: u.id, role: u.role });
const DAY = 24 * 60 * 60 * 1000;
/** A reader past their first day (new accounts have tighter limits). */
async function reader(): Promise<Actor> {
  const user = await createUser(t.db, { role: "READER" });
  await t.db.user.update({ where: { id: user.id }, data: { createdAt: new Date(Date.now() - 2 * DAY) } });
  return actorOf(user);
}
const admin = async () => actorOf(await createUser(t.db, { role: "ADMIN" }));

async function publicBook() {
  const author = await createUser(t.db, { role: "AUTHOR" });
  const book = await createPublishedBook(t.db, { authorId: author.id });
  return { id: book.id, author: actorOf(author) };
}

const rating = async (bookId: number) => (await queryReviewSummary(t.db, bookId))!.rating;
const everything = () =>
  Promise.all([
    t.db.review.findMany({ orderBy: { id: "asc" } }),
    t.db.reviewVote.findMany({ orderBy: [{ reviewId: "asc" }, { userId: "asc" }] }),
    t.db.reviewReport.findMany({ orderBy: [{ reviewId: "asc" }, { userId: "asc" }] }),
    t.db.book.findMany({ orderBy: { id: "asc" } }),
  ]);

describe("writing a review", () => {
  it("one per reader per book: a second save replaces the first; the rating follows", async () => {
    const book = await publicBook();
    const me = await reader();
    const first = await saveReview(t.db, me, {
      bookId: `${book.id}`,
      overall: "4",
      style: "5",
      story: "",
      body: "好书",
    });
    expect(first).toMatchObject({ bookId: book.id, created: true, tags: [TAGS.reviews(book.id)] });
    expect(await rating(book.id)).toMatchObject({
      overall: { count: 1, average: 4 },
      style: { count: 1, average: 5 },
      story: { count: 0, average: null },
    });

    const second = await saveReview(t.db, me, { bookId: book.id, overall: 2, story: 3 });
    expect(second).toMatchObject({ reviewId: first.reviewId, created: false });
    expect(await t.db.review.count({ where: { bookId: book.id } })).toBe(1);
    expect(await queryMyReview(t.db, me.id, book.id)).toMatchObject({ overall: 2, style: null, story: 3, body: "" });
    expect(await rating(book.id)).toMatchObject({
      overall: { count: 1, average: 2 },
      style: { count: 0, average: null },
      story: { count: 1, average: 3 },
    });
    // The same review again changes nothing and expires nothing.
    expect(await saveReview(t.db, me, { bookId: book.id, overall: 2, story: 3 })).toMatchObject({ tags: [] });
  });

  it("averages over readers, and the reader's delete takes their scores away", async () => {
    const book = await publicBook();
    const [a, b, c] = [await reader(), await reader(), await reader()];
    await saveReview(t.db, a, { bookId: book.id, overall: 5, grammar: 4 });
    await saveReview(t.db, b, { bookId: book.id, overall: 3, grammar: 2, character: 5 });
    await saveReview(t.db, c, { bookId: book.id, overall: 4 });
    expect(await rating(book.id)).toMatchObject({
      overall: { count: 3, average: 4 },
      grammar: { count: 2, average: 3 },
      character: { count: 1, average: 5 },
    });
    expect(await deleteReview(t.db, b, { bookId: book.id })).toEqual({
      bookId: book.id,
      tags: [TAGS.reviews(book.id)],
    });
    expect(await rating(book.id)).toMatchObject({
      overall: { count: 2, average: 4.5 },
      grammar: { count: 1, average: 4 },
      character: { count: 0, average: null },
    });
    // Deleted: the reader may write a new one.
    await refused(deleteReview(t.db, b, { bookId: book.id }), "NOT_FOUND");
    await saveReview(t.db, b, { bookId: book.id, overall: 1 });
    expect((await rating(book.id)).overall).toEqual({ count: 3, average: 10 / 3 });
  });

  it("cleans the text like a comment and holds it to its caps", async () => {
    const book = await publicBook();
    const me = await reader();
    await saveReview(t.db, me, {
      bookId: book.id,
      overall: 5,
      body: "  \u202E反转\u202C 好\u200B \n\n<b>不是 HTML</b>  ",
    });
    expect((await queryMyReview(t.db, me.id, book.id))!.body).toBe("反转 好\n<b>不是 HTML</b>");
    await refused(
      saveReview(t.db, me, { bookId: book.id, overall: 5, body: "字".repeat(REVIEW_MAX + 1) }),
      "INVALID",
      "reviews.errors.tooLong",
    );
    await refused(
      saveReview(t.db, me, { bookId: book.id, overall: 5, body: "😀".repeat(4000) }),
      "INVALID",
      "reviews.errors.tooManyBytes",
    );
    await refused(saveReview(t.db, me, { bookId: book.id, overall: 5, body: "a\u0000b" }), "INVALID", "nulCharacter");
  });

  it("refuses, changing nothing: the book's author, a non-public book, bad scores, forged fields, signed-out-like ids", async () => {
    const book = await publicBook();
    const me = await reader();
    const draftOnly = await createBook(t.db, { authorId: book.author.id });
    await addChapter(t.db, draftOnly.id, { status: "DRAFT" });
    const hidden = await createPublishedBook(t.db, { hiddenAt: new Date() });
    const trashed = await createPublishedBook(t.db, { deletedAt: new Date() });
    const before = await everything();

    await refused(
      saveReview(t.db, book.author, { bookId: book.id, overall: 5 }),
      "FORBIDDEN",
      "reviews.errors.ownBook",
    );
    for (const bookId of [draftOnly.id, hidden.id, trashed.id, 2_000_000_000]) {
      await refused(saveReview(t.db, me, { bookId, overall: 5 }), "NOT_FOUND");
    }
    for (const overall of ["0", "6", "4.5", "", undefined]) {
      await refused(saveReview(t.db, me, { bookId: book.id, overall }), "INVALID", "reviews.errors.score");
    }
    await refused(saveReview(t.db, me, { bookId: book.id, overall: 5, style: "9" }), "INVALID", "reviews.errors.score");
    const forged = await refused(
      saveReview(t.db, me, { bookId: book.id, overall: 5, userId: "1", helpfulCount: "99" }),
      "INVALID",
    );
    expect(Object.keys(forged.fieldErrors).sort()).toEqual(["helpfulCount", "userId"]);
    await refused(saveReview(t.db, me, { bookId: "abc", overall: 5 }), "INVALID");
    expect(await everything()).toEqual(before);
  });

  it("limits writes per account, and more for an account in its first day; the same text on another book is a duplicate", async () => {
    const fresh = actorOf(await createUser(t.db, { role: "READER" }));
    const books = [];
    for (let i = 0; i <= REVIEW_LIMITS.review.regular; i++) books.push(await publicBook());
    for (let i = 0; i < REVIEW_LIMITS.review.newAccount; i++) {
      await saveReview(t.db, fresh, { bookId: books[i]!.id, overall: 4 });
    }
    await refused(
      saveReview(t.db, fresh, { bookId: books.at(-1)!.id, overall: 4 }),
      "FORBIDDEN",
      "reviews.errors.tooMany",
    );

    const old = await reader();
    for (let i = 0; i < REVIEW_LIMITS.review.regular; i++)
      await saveReview(t.db, old, { bookId: books[i]!.id, overall: 3 });
    const tooMany = await refused(
      saveReview(t.db, old, { bookId: books.at(-1)!.id, overall: 3 }),
      "FORBIDDEN",
      "tooMany",
    );
    expect(tooMany.params.minutes).toBeGreaterThan(0);
    await saveReview(
      t.db,
      old,
      { bookId: books.at(-1)!.id, overall: 3 },
      new Date(Date.now() + REVIEW_WINDOW_MS + 1000),
    );

    const copier = await reader();
    await saveReview(t.db, copier, { bookId: books[0]!.id, overall: 5, body: "强烈推荐，快来看！" });
    await refused(
      saveReview(t.db, copier, { bookId: books[1]!.id, overall: 5, body: "强烈推荐，快来看！" }),
      "CONFLICT",
      "reviews.errors.duplicate",
    );
    await saveReview(t.db, copier, { bookId: books[1]!.id, overall: 5, body: "另一本也不错。" });
  });
});

describe("helpful votes and reports", () => {
  it("helpful once per reader, taken back, never on one's own; the book page shows the most helpful", async () => {
    const book = await publicBook();
    const [a, b, c, d] = [await reader(), await reader(), await reader(), await reader()];
    const ra = await saveReview(t.db, a, { bookId: book.id, overall: 5, body: "甲" });
    const rb = await saveReview(t.db, b, { bookId: book.id, overall: 4, body: "乙" });
    const rc = await saveReview(t.db, c, { bookId: book.id, overall: 3, body: "丙" });
    await saveReview(t.db, d, { bookId: book.id, overall: 2, body: "丁" });

    expect(await voteHelpful(t.db, c, { reviewId: `${rb.reviewId}` })).toMatchObject({
      helpful: true,
      helpfulCount: 1,
    });
    expect(await voteHelpful(t.db, c, { reviewId: rb.reviewId })).toMatchObject({ helpfulCount: 1, tags: [] });
    await voteHelpful(t.db, d, { reviewId: rb.reviewId });
    await voteHelpful(t.db, d, { reviewId: rc.reviewId });
    await refused(voteHelpful(t.db, a, { reviewId: ra.reviewId }), "FORBIDDEN", "reviews.errors.ownReview");
    // A form on another book's page names a review that is not there.
    const other = await publicBook();
    await refused(voteHelpful(t.db, c, { reviewId: ra.reviewId, bookId: other.id }), "NOT_FOUND");

    const summary = (await queryReviewSummary(t.db, book.id))!;
    expect(summary.top.map((r) => [r.body, r.helpfulCount])).toEqual([
      ["乙", 2],
      ["丙", 1],
      // Equal votes: the newer first.
      ["丁", 0],
    ]);
    expect(await unvoteHelpful(t.db, d, { reviewId: rb.reviewId })).toMatchObject({ helpful: false, helpfulCount: 1 });
    expect(await unvoteHelpful(t.db, d, { reviewId: rb.reviewId })).toMatchObject({ helpfulCount: 1, tags: [] });
    // Votes do not count as the review's writer's own writes.
    const row = await t.db.review.findUniqueOrThrow({ where: { id: rb.reviewId } });
    expect(row.updatedAt.getTime()).toBe(row.createdAt.getTime());
  });

  it("a report once per reader, with a reason, to the admins' queue; not one's own", async () => {
    const book = await publicBook();
    const [a, b, c] = [await reader(), await reader(), await reader()];
    const review = await saveReview(t.db, a, { bookId: book.id, overall: 1, body: "广告：加群" });
    expect(await reportReview(t.db, b, { reviewId: review.reviewId, reason: "spam" })).toEqual({
      bookId: book.id,
      reported: true,
      tags: [],
    });
    await reportReview(t.db, b, { reviewId: review.reviewId, reason: "abuse" });
    await reportReview(t.db, c, { reviewId: review.reviewId, reason: "other" });
    await refused(reportReview(t.db, a, { reviewId: review.reviewId, reason: "spam" }), "FORBIDDEN", "ownReview");
    await refused(
      reportReview(t.db, c, { reviewId: review.reviewId, reason: "boring" }),
      "INVALID",
      "reviews.errors.reason",
    );
    expect((await t.db.review.findUniqueOrThrow({ where: { id: review.reviewId } })).reportCount).toBe(2);
    const queue = await listReviewsToModerate(t.db, await admin(), undefined, { reported: true });
    expect(queue.items.find((r) => r.id === review.reviewId)).toMatchObject({ reportCount: 2, book: { id: book.id } });
    await refused(listReviewsToModerate(t.db, a), "FORBIDDEN");
  });
});

describe("moderation", () => {
  it("an admin hides, restores and deletes: hidden reviews leave the lists, counts and averages", async () => {
    const book = await publicBook();
    const [a, b] = [await reader(), await reader()];
    const keeper = await saveReview(t.db, a, { bookId: book.id, overall: 5, story: 5 });
    const rant = await saveReview(t.db, b, { bookId: book.id, overall: 1, story: 1, body: "垃圾" });
    const boss = await admin();

    expect(await hideReview(t.db, boss, { reviewId: rant.reviewId })).toEqual({ tags: [TAGS.reviews(book.id)] });
    expect(await hideReview(t.db, boss, { reviewId: rant.reviewId })).toEqual({ tags: [] });
    expect(await rating(book.id)).toMatchObject({ overall: { count: 1, average: 5 }, story: { count: 1, average: 5 } });
    const page = (await queryReviewPage(t.db, book.id, { sort: "new", page: 1 }))!;
    expect(page.items.map((r) => r.id)).toEqual([keeper.reviewId]);
    await refused(voteHelpful(t.db, a, { reviewId: rant.reviewId }), "NOT_FOUND");

    // Edited while hidden: still hidden, still out of the rating.
    await saveReview(t.db, b, { bookId: book.id, overall: 2, body: "改了" });
    expect((await rating(book.id)).overall).toEqual({ count: 1, average: 5 });
    expect(await queryMyReview(t.db, b.id, book.id)).toMatchObject({ hidden: true, overall: 2 });

    await restoreReview(t.db, boss, { reviewId: rant.reviewId });
    // Restored as last written: overall 2, no story score.
    expect(await rating(book.id)).toMatchObject({
      overall: { count: 2, average: 3.5 },
      story: { count: 1, average: 5 },
    });

    await removeReview(t.db, boss, { reviewId: rant.reviewId });
    expect((await rating(book.id)).overall).toEqual({ count: 1, average: 5 });
    expect(await t.db.review.count({ where: { id: rant.reviewId } })).toBe(0);
  });

  it("nobody else moderates reviews, not even the book's author", async () => {
    const book = await publicBook();
    const review = await saveReview(t.db, await reader(), { bookId: book.id, overall: 1 });
    const before = await everything();
    for (const who of [book.author, await reader()]) {
      await refused(hideReview(t.db, who, { reviewId: review.reviewId }), "FORBIDDEN");
      await refused(removeReview(t.db, who, { reviewId: review.reviewId }), "FORBIDDEN");
    }
    await refused(hideReview(t.db, await admin(), { reviewId: 2_000_000_000 }), "NOT_FOUND");
    expect(await everything()).toEqual(before);
  });
});

describe("pages and the rating ranking", () => {
  it("pages of reviews, most helpful or newest first", async () => {
    const book = await publicBook();
    const ids: number[] = [];
    for (let i = 0; i < REVIEW_PAGE_SIZE + 2; i++) {
      ids.push((await saveReview(t.db, await reader(), { bookId: book.id, overall: 3 })).reviewId);
    }
    const first = (await queryReviewPage(t.db, book.id, { sort: "new", page: 1 }))!;
    expect(first.pageCount).toBe(2);
    expect(first.items.map((r) => r.id)).toEqual(ids.slice(-REVIEW_PAGE_SIZE).reverse());
    const second = (await queryReviewPage(t.db, book.id, { sort: "new", page: 2 }))!;
    expect(second.items.map((r) => r.id)).toEqual(ids.slice(0, 2).reverse());
    expect(await queryReviewPage(t.db, 2_000_000_000, { sort: "helpful", page: 1 })).toBeNull();
  });

  it("ranks by the Bayesian average from the minimum number of ratings, read from the books' stored scores", async () => {
    // Many good ratings beat few perfect ones; fewer than the minimum are not ranked.
    const many = await publicBook();
    const few = await publicBook();
    const tooFew = await publicBook();
    for (let i = 0; i < 20; i++) await saveReview(t.db, await reader(), { bookId: many.id, overall: i % 2 ? 5 : 4 });
    for (let i = 0; i < RANK_MIN_RATINGS; i++) await saveReview(t.db, await reader(), { bookId: few.id, overall: 5 });
    for (let i = 0; i < RANK_MIN_RATINGS - 1; i++)
      await saveReview(t.db, await reader(), { bookId: tooFew.id, overall: 5 });

    const stored = await t.db.book.findUniqueOrThrow({ where: { id: many.id }, select: { ratingScore: true } });
    expect(stored.ratingScore).toBeCloseTo((RATING_PRIOR_VOTES * RATING_PRIOR_MEAN + 90) / (RATING_PRIOR_VOTES + 20));
    const ranked = (await queryRanking(t.db, "rated", 1000)).map((b) => b.id);
    expect(ranked.indexOf(many.id)).toBeLessThan(ranked.indexOf(few.id));
    expect(ranked.indexOf(few.id)).toBeGreaterThanOrEqual(0);
    expect(ranked).not.toContain(tooFew.id);

    // A hidden rating leaves the score too.
    const last = await t.db.review.findFirstOrThrow({ where: { bookId: few.id } });
    await hideReview(t.db, await admin(), { reviewId: last.id });
    expect((await queryRanking(t.db, "rated", 1000)).map((b) => b.id)).not.toContain(few.id);
  });

  it("keeps the rating exact when many readers write at once (the book's row lock)", async () => {
    const book = await publicBook();
    const readers = await Promise.all(Array.from({ length: 12 }, () => reader()));
    await Promise.all(readers.map((r, i) => saveReview(t.db, r, { bookId: book.id, overall: (i % 5) + 1, style: 3 })));
    await Promise.all(readers.slice(0, 4).map((r) => deleteReview(t.db, r, { bookId: book.id })));
    const sums = await t.db.review.aggregate({
      where: { bookId: book.id },
      _count: { _all: true },
      _sum: { overall: true },
    });
    const stored = await t.db.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(stored).toMatchObject({
      ratingCount: sums._count._all,
      ratingSum: sums._sum.overall,
      styleCount: 8,
      styleSum: 24,
    });
    expect(stored.ratingScore).toBeCloseTo(bayesianScore(stored.ratingCount, stored.ratingSum));
  });

  it("reads the ranking and the review lists from their indexes", async () => {
    // Plans with sequential scans priced out, on fresh statistics: what the planner would use on
    // a large table.
    await t.db.$executeRawUnsafe(`ANALYZE "Book", "Review"`);
    const plan = (sql: string) =>
      t.db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
    expect(
      await plan(`SELECT id FROM "Book" WHERE "ratingScore" > 0 AND "deletedAt" IS NULL AND "hiddenAt" IS NULL
        AND "chapterCount" > 0 ORDER BY "ratingScore" DESC, id DESC LIMIT 50`),
    ).toContain("Book_ratingScore_id_idx");
    expect(
      await plan(
        `SELECT id FROM "Review" WHERE "bookId" = 1 AND "hiddenAt" IS NULL ORDER BY "helpfulCount" DESC, id DESC LIMIT 20`,
      ),
    ).toContain("Review_bookId_helpfulCount_id_idx");
    expect(
      await plan(
        `SELECT id FROM "Review" WHERE "bookId" = 1 AND "hiddenAt" IS NULL ORDER BY "createdAt" DESC, id DESC LIMIT 20`,
      ),
    ).toContain("Review_bookId_createdAt_id_idx");
  });
});

describe("moderation of the writer", () => {
  it("a suspended account can neither review nor vote nor report, and is told until when", async () => {
    const book = await publicBook();
    const writer = await reader();
    const { reviewId } = await saveReview(t.db, writer, { bookId: book.id, overall: 5, body: "好书" });
    const suspended = await reader();
    await t.db.user.update({
      where: { id: suspended.id },
      data: { suspendedAt: new Date(), suspendedUntil: new Date(Date.now() + DAY) },
    });
    const before = await everything();
    await refused(
      saveReview(t.db, suspended, { bookId: book.id, overall: 1 }),
      "FORBIDDEN",
      "moderation.errors.suspendedUntil",
    );
    await refused(
      voteHelpful(t.db, suspended, { reviewId, bookId: book.id }),
      "FORBIDDEN",
      "moderation.errors.suspended",
    );
    await refused(
      reportReview(t.db, suspended, { reviewId, bookId: book.id, reason: "spam" }),
      "FORBIDDEN",
      "moderation.errors.suspended",
    );
    expect(await everything()).toEqual(before);
  });
});
