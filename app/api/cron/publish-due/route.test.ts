import { describe, expect, it, vi } from "vitest";
import { authSecret } from "@/lib/auth/session-token";
import { TAGS } from "@/lib/data/cache-tags";
import { CRON_SECRET_HEADER, cronSecret } from "@/lib/scheduler/publish-due";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { addChapter, createCategory, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { answerOf, routeRequest } from "@/lib/test/route-request";
import { POST } from "./route";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
// connection() only marks a route dynamic; outside Next's request scope it would throw.
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

const request = setUpActionRequests();

/** A public book (one published chapter, `first`) with a chapter whose publication time has passed, and one still to come. */
async function scheduled() {
  const author = await createUser(request.db, { role: "AUTHOR" });
  const category = await createCategory(request.db);
  const book = await createPublishedBook(request.db, { authorId: author.id, categoryId: category.id });
  const first = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
  const due = await addChapter(request.db, book.id, { status: "SCHEDULED" });
  const publishAt = new Date(Date.now() - 60_000);
  await request.db.chapter.update({ where: { id: due.id }, data: { publishAt } });
  const later = await addChapter(request.db, book.id, { status: "SCHEDULED" });
  return { author, category, book, first, due: { ...due, publishAt }, later };
}

const statusOf = async (chapterId: number) =>
  (await request.db.chapter.findUniqueOrThrow({ where: { id: chapterId } })).status;

const run = (headers: Record<string, string> = {}) =>
  answerOf(POST(routeRequest("/api/cron/publish-due", { origin: null, headers })));

describe("POST /api/cron/publish-due", () => {
  it("publishes the chapters that are due, and expires exactly the pages they change", async () => {
    const { author, category, book, first, due, later } = await scheduled();
    expect(await run({ [CRON_SECRET_HEADER]: cronSecret() })).toEqual({
      status: 200,
      body: { published: 1 },
      cacheControl: "no-store",
    });
    expect(await request.db.chapter.findUniqueOrThrow({ where: { id: due.id } })).toMatchObject({
      status: "PUBLISHED",
      publishedAt: due.publishAt,
      publishAt: null,
    });
    expect(await statusOf(later.id)).toBe("SCHEDULED");
    expect((await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).chapterCount).toBe(2);
    // The due chapter's page and the one before it ("next" link), the book's index pages and the
    // lists; not the chapter still to come, nor every page of the book.
    expect([...request.revalidatedTags].sort()).toEqual(
      [
        TAGS.toc(book.id),
        TAGS.chapter(due.id),
        TAGS.chapter(first.id),
        TAGS.books,
        TAGS.home,
        TAGS.author(author.id),
        TAGS.category(category.slug),
      ].sort(),
    );
    expect(request.updatedTags).toEqual([]);
  });

  it("does nothing the second time", async () => {
    await scheduled();
    await run({ [CRON_SECRET_HEADER]: cronSecret() });
    const before = request.revalidatedTags.length;
    expect((await run({ [CRON_SECRET_HEADER]: cronSecret() })).body).toEqual({ published: 0 });
    expect(request.revalidatedTags.length).toBe(before);
  });

  it.each([
    ["no secret", {}],
    ["an empty secret", { [CRON_SECRET_HEADER]: "" }],
    ["a wrong secret of the right length", { [CRON_SECRET_HEADER]: "x".repeat(cronSecret().length) }],
    ["the right secret with a character more", { [CRON_SECRET_HEADER]: `${cronSecret()}x` }],
    ["the session secret itself (the cron secret is derived from it)", { [CRON_SECRET_HEADER]: authSecret() }],
    ["the secret in another header", { authorization: `Bearer ${cronSecret()}` }],
  ])("refuses %s with 403, publishing nothing", async (_, headers) => {
    const { due } = await scheduled();
    expect(await run(headers)).toEqual({ status: 403, body: { error: "forbidden" }, cacheControl: "no-store" });
    expect(await statusOf(due.id)).toBe("SCHEDULED");
    expect(request.revalidatedTags).toEqual([]);
    await request.db.chapter.update({ where: { id: due.id }, data: { publishAt: new Date(Date.now() + 86_400_000) } });
  });

  it("is not opened by an admin's session: only the secret counts", async () => {
    const { due } = await scheduled();
    await request.signInAs(await createUser(request.db, { role: "ADMIN" }));
    expect((await run()).status).toBe(403);
    expect(await statusOf(due.id)).toBe("SCHEDULED");
    await request.db.chapter.update({ where: { id: due.id }, data: { publishAt: new Date(Date.now() + 86_400_000) } });
  });
});
