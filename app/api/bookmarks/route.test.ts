import { describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { addChapter, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { answerOf, routeRequest } from "@/lib/test/route-request";
import { BOOKMARKS_PER_BOOK } from "@/lib/validation/bookmarks";
import { POST as merge } from "./merge/route";
import { DELETE, GET, POST } from "./route";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
// connection() only marks a route dynamic; outside Next's request scope it would throw.
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

const request = setUpActionRequests();
const NO_STORE = "private, no-store";

async function signedInReader(): Promise<User> {
  const user = await createUser(request.db, { role: "READER" });
  await request.signInAs(user);
  return user;
}

async function bookWithChapter() {
  const book = await createPublishedBook(request.db);
  const chapter = await request.db.chapter.findFirstOrThrow({
    where: { bookId: book.id },
    select: { id: true, title: true },
  });
  return { book, chapter };
}

const post = (json: unknown, init: Parameters<typeof routeRequest>[1] = {}) =>
  answerOf(POST(routeRequest("/api/bookmarks", { json, ...init })));
const del = (json: unknown) => answerOf(DELETE(routeRequest("/api/bookmarks", { method: "DELETE", json })));
const list = (query: string) => answerOf(GET(routeRequest(`/api/bookmarks?${query}`, { method: "GET" })));
const count = (userId: number) => request.db.readerBookmark.count({ where: { userId } });

describe("/api/bookmarks", () => {
  it("adds, lists and removes the signed-in reader's bookmarks", async () => {
    const { book, chapter } = await bookWithChapter();
    await signedInReader();
    const input = { bookId: book.id, chapterId: chapter.id, paragraph: 4, page: 1, snippet: " 他推开了门 " };
    const added = await post(input);
    expect(added).toMatchObject({
      status: 201,
      body: {
        added: true,
        bookmark: { chapterId: chapter.id, chapterTitle: chapter.title, paragraph: 4, snippet: "他推开了门" },
      },
      cacheControl: NO_STORE,
    });
    expect(await post(input)).toMatchObject({ status: 200, body: { added: false } });
    expect(await list(`bookId=${book.id}`)).toMatchObject({
      status: 200,
      body: { bookmarks: [{ chapterId: chapter.id, paragraph: 4, page: 1, snippet: "他推开了门" }] },
      cacheControl: NO_STORE,
    });
    expect((await del({ chapterId: chapter.id, paragraph: 4 })).status).toBe(204);
    expect((await list(`bookId=${book.id}`)).body).toEqual({ bookmarks: [] });
  });

  it("never shows or removes another reader's bookmarks", async () => {
    const { book, chapter } = await bookWithChapter();
    const owner = await signedInReader();
    await post({ bookId: book.id, chapterId: chapter.id, paragraph: 0, page: 1, snippet: "我的" });
    await signedInReader();
    expect((await list(`bookId=${book.id}`)).body).toEqual({ bookmarks: [] });
    expect((await del({ chapterId: chapter.id, paragraph: 0 })).status).toBe(204);
    expect(await count(owner.id)).toBe(1);
  });

  it("answers 401 signed out and 403 to another site, storing nothing", async () => {
    const { book, chapter } = await bookWithChapter();
    const input = { bookId: book.id, chapterId: chapter.id, paragraph: 0, page: 1, snippet: "段" };
    expect(await post(input)).toMatchObject({ status: 401, body: { error: "sign in required" } });
    expect((await list(`bookId=${book.id}`)).status).toBe(401);
    const me = await signedInReader();
    expect(await post(input, { origin: "https://evil.example" })).toMatchObject({ status: 403 });
    expect(await count(me.id)).toBe(0);
  });

  it.each([
    ["a negative paragraph", { paragraph: -1 }],
    ["a fractional paragraph", { paragraph: 1.5 }],
    ["an empty snippet", { snippet: "   " }],
    ["a snippet over 60 characters", { snippet: "长".repeat(61) }],
    ["page 0", { page: 0 }],
    ["an unknown field", { note: "x" }],
    ["a string chapter id", { chapterId: "1" }],
  ])("answers 400 to %s, naming the field, storing nothing", async (_, change) => {
    const { book, chapter } = await bookWithChapter();
    const me = await signedInReader();
    const answer = await post({
      bookId: book.id,
      chapterId: chapter.id,
      paragraph: 0,
      page: 1,
      snippet: "段",
      ...change,
    });
    expect(answer).toMatchObject({ status: 400, body: { error: "invalid input" } });
    expect(await count(me.id)).toBe(0);
  });

  it("answers 400 to a bad bookId in the list's query, 404 to a chapter that is not public", async () => {
    const { book } = await bookWithChapter();
    const me = await signedInReader();
    for (const query of ["", "bookId=x", "bookId=0", "bookId=1.5", "bookId=-3"]) {
      expect((await list(query)).status, query).toBe(400);
    }
    const draft = await addChapter(request.db, book.id, { status: "DRAFT" });
    expect(await post({ bookId: book.id, chapterId: draft.id, paragraph: 0, page: 1, snippet: "草稿" })).toMatchObject({
      status: 404,
      body: { error: "chapter not found" },
    });
    expect(await count(me.id)).toBe(0);
  });

  it("says when a book is full (409, with the cap), and takes more after one is removed", async () => {
    const { book, chapter } = await bookWithChapter();
    const me = await signedInReader();
    await request.db.readerBookmark.createMany({
      data: Array.from({ length: BOOKMARKS_PER_BOOK }, (_, i) => ({
        userId: me.id,
        bookId: book.id,
        chapterId: chapter.id,
        paragraph: i,
        snippet: "x",
      })),
    });
    const input = { bookId: book.id, chapterId: chapter.id, paragraph: 999, page: 1, snippet: "满了" };
    expect(await post(input)).toMatchObject({ status: 409, body: { code: "BOOK_FULL", max: BOOKMARKS_PER_BOOK } });
    await del({ chapterId: chapter.id, paragraph: 0 });
    expect((await post(input)).status).toBe(201);
  });

  it("merges what a browser kept for a book and answers the account's bookmarks in it", async () => {
    const { book, chapter } = await bookWithChapter();
    await signedInReader();
    await post({ bookId: book.id, chapterId: chapter.id, paragraph: 1, page: 1, snippet: "账号" });
    const answer = await answerOf(
      merge(
        routeRequest("/api/bookmarks/merge", {
          json: {
            bookId: book.id,
            bookmarks: [
              { chapterId: chapter.id, paragraph: 1, page: 1, snippet: "浏览器" },
              { chapterId: chapter.id, paragraph: 5, page: 1, snippet: "新" },
            ],
          },
        }),
      ),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      skipped: 0,
      bookmarks: [
        { paragraph: 1, snippet: "账号" },
        { paragraph: 5, snippet: "新" },
      ],
    });
    const tooMany = Array.from({ length: BOOKMARKS_PER_BOOK + 1 }, (_, i) => ({
      chapterId: chapter.id,
      paragraph: i,
      page: 1,
      snippet: "x",
    }));
    const refused = await answerOf(
      merge(routeRequest("/api/bookmarks/merge", { json: { bookId: book.id, bookmarks: tooMany } })),
    );
    expect(refused.status).toBe(400);
  });
});
