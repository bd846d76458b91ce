import { describe, expect, it, vi } from "vitest";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { createPublishedBook, createUser } from "@/lib/test/fixtures";
import { answerOf, routeRequest } from "@/lib/test/route-request";
import { POST as report } from "../report/route";
import { DELETE as unvote, POST as vote } from "./route";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

// A review's helpful vote and report through JSON: the signed-in reader's writes, with the same
// refusals as the reviews page's buttons.

const request = setUpActionRequests();
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function aReview() {
  const book = await createPublishedBook(request.db);
  const critic = await createUser(request.db, { role: "READER" });
  const review = await request.db.review.create({ data: { bookId: book.id, userId: critic.id, overall: 4 } });
  return { id: String(review.id), bookId: book.id, critic };
}

const helpful = (id: string, method: "POST" | "DELETE", init: Parameters<typeof routeRequest>[1] = {}) =>
  answerOf(
    (method === "POST" ? vote : unvote)(routeRequest(`/api/reviews/${id}/helpful`, { method, ...init }), ctx(id)),
  );
const reportAs = (id: string, json: unknown) =>
  answerOf(report(routeRequest(`/api/reviews/${id}/report`, { json }), ctx(id)));

describe("review votes and reports through JSON", () => {
  it("helpful once and back; a report once; each expires only the book's reviews", async () => {
    const { id, bookId } = await aReview();
    await request.signInAs(await createUser(request.db, { role: "READER" }));
    expect(await helpful(id, "POST")).toMatchObject({
      status: 200,
      body: { helpful: true, helpfulCount: 1 },
      cacheControl: "private, no-store",
    });
    expect(await helpful(id, "POST")).toMatchObject({ body: { helpfulCount: 1 } });
    expect(request.revalidatedTags).toEqual([`reviews:${bookId}`]);
    expect(await helpful(id, "DELETE")).toMatchObject({ status: 200, body: { helpful: false, helpfulCount: 0 } });
    expect(await reportAs(id, { reason: "abuse" })).toMatchObject({ status: 200, body: { reported: true } });
    expect(await reportAs(id, { reason: "abuse" })).toMatchObject({ status: 200 });
    expect((await request.db.review.findUniqueOrThrow({ where: { id: Number(id) } })).reportCount).toBe(1);
  });

  it("refuses, storing nothing: signed out, another site, one's own review, no such review, bad reasons, forged fields", async () => {
    const { id, critic } = await aReview();
    request.signOut();
    expect(await helpful(id, "POST")).toMatchObject({ status: 401 });
    await request.signInAs(await createUser(request.db, { role: "READER" }));
    expect(await helpful(id, "POST", { origin: "https://evil.example" })).toMatchObject({ status: 403 });
    expect(await helpful("2000000000", "POST")).toMatchObject({ status: 404 });
    expect(await helpful("abc", "POST")).toMatchObject({ status: 400 });
    expect(await reportAs(id, { reason: "boring" })).toMatchObject({ status: 400 });
    expect(await reportAs(id, { reason: "spam", userId: 1 })).toMatchObject({
      status: 400,
      body: { fieldErrors: { userId: [expect.any(String)] } },
    });
    await request.signInAs(critic);
    expect(await helpful(id, "POST")).toMatchObject({ status: 403 });
    expect(await reportAs(id, { reason: "spam" })).toMatchObject({ status: 403 });
    expect(await request.db.reviewVote.count({ where: { reviewId: Number(id) } })).toBe(0);
    expect(await request.db.reviewReport.count({ where: { reviewId: Number(id) } })).toBe(0);
  });
});
