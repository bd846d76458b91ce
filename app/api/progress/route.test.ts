import { describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { addChapter, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { answerOf, routeRequest } from "@/lib/test/route-request";
import { POST as merge } from "./merge/route";
import { POST } from "./route";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
// connection() only marks a route dynamic; outside Next's request scope it would throw.
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

const request = setUpActionRequests();
const NO_STORE = "private, no-store";
const AT = 1_760_000_000_000; // 2025-10-09, in milliseconds

async function signedInReader(): Promise<User> {
  const user = await createUser(request.db, { role: "READER" });
  await request.signInAs(user);
  return user;
}

/** A public book with three published chapters. */
async function book() {
  const b = await createPublishedBook(request.db, { chapters: 3 });
  const chapters = await request.db.chapter.findMany({ where: { bookId: b.id }, orderBy: { position: "asc" } });
  return { id: b.id, chapters: chapters.map((c) => c.id) };
}

const history = (userId: number) =>
  request.db.readingHistory.findMany({
    where: { userId },
    orderBy: { bookId: "asc" },
    select: { bookId: true, chapterId: true, page: true, readAt: true },
  });

const record = (json: unknown, init: Parameters<typeof routeRequest>[1] = {}) =>
  answerOf(POST(routeRequest("/api/progress", { json, ...init })));
const mergeAll = (json: unknown, init: Parameters<typeof routeRequest>[1] = {}) =>
  answerOf(merge(routeRequest("/api/progress/merge", { json, ...init })));

describe("POST /api/progress", () => {
  it("records the reader's position, and moves their shelf entry there", async () => {
    const b = await book();
    const me = await signedInReader();
    await request.db.shelfEntry.create({ data: { userId: me.id, bookId: b.id } });
    const position = { bookId: b.id, chapterId: b.chapters[1]!, page: 2, at: AT };
    expect(await record(position)).toEqual({ status: 200, body: { applied: true }, cacheControl: NO_STORE });
    expect(await history(me.id)).toEqual([{ bookId: b.id, chapterId: b.chapters[1], page: 2, readAt: new Date(AT) }]);
    expect(await request.db.shelfEntry.findFirstOrThrow({ where: { userId: me.id } })).toMatchObject({
      chapterId: b.chapters[1],
      page: 2,
    });
  });

  it("ignores an older position (applied: false) and never moves the reader back", async () => {
    const b = await book();
    const me = await signedInReader();
    await record({ bookId: b.id, chapterId: b.chapters[2]!, page: 1, at: AT });
    expect(await record({ bookId: b.id, chapterId: b.chapters[0]!, page: 1, at: AT - 1000 })).toMatchObject({
      status: 200,
      body: { applied: false },
    });
    expect((await history(me.id))[0]).toMatchObject({ chapterId: b.chapters[2] });
  });

  it("does not let a clock in the future pin a position ahead of the server's time", async () => {
    const b = await book();
    const me = await signedInReader();
    const before = Date.now();
    await record({ bookId: b.id, chapterId: b.chapters[0]!, page: 1, at: 9_999_999_999_999 });
    expect((await history(me.id))[0]!.readAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await history(me.id))[0]!.readAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("takes the body as text/plain too, as navigator.sendBeacon sends it", async () => {
    const b = await book();
    const me = await signedInReader();
    const answer = await record(
      { bookId: b.id, chapterId: b.chapters[0]!, page: 1, at: AT },
      { headers: { "content-type": "text/plain;charset=UTF-8" } },
    );
    expect(answer.status).toBe(200);
    expect(await history(me.id)).toHaveLength(1);
  });

  it.each([
    ["of another book", async (b: { id: number }) => ({ bookId: b.id, chapterId: (await book()).chapters[0]! })],
    [
      "still a draft",
      async (b: { id: number }) => ({
        bookId: b.id,
        chapterId: (await addChapter(request.db, b.id, { status: "DRAFT" })).id,
      }),
    ],
    [
      "in a hidden book",
      async () => {
        const hidden = await createPublishedBook(request.db, { hiddenAt: new Date() });
        const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: hidden.id } });
        return { bookId: hidden.id, chapterId: chapter.id };
      },
    ],
    ["that does not exist", async (b: { id: number }) => ({ bookId: b.id, chapterId: 2_147_483_647 })],
  ])("answers 404 for a chapter %s, recording nothing", async (_, where) => {
    const b = await book();
    const ids = await where(b);
    const me = await signedInReader();
    expect(await record({ ...ids, page: 1, at: AT })).toMatchObject({
      status: 404,
      body: { error: "chapter not found" },
    });
    expect(await history(me.id)).toEqual([]);
  });

  it("refuses a cross-origin request with 403 and a signed-out one with 401, recording nothing", async () => {
    const b = await book();
    const position = { bookId: b.id, chapterId: b.chapters[0]!, page: 1, at: AT };
    const me = await signedInReader();
    expect(await record(position, { origin: "https://evil.example" })).toEqual({
      status: 403,
      body: { error: "cross-origin request refused" },
      cacheControl: NO_STORE,
    });
    expect(await record(position, { origin: null, headers: { "sec-fetch-site": "cross-site" } })).toMatchObject({
      status: 403,
    });
    request.signOut();
    expect(await record(position)).toMatchObject({ status: 401, body: { error: "sign in required" } });
    expect(await history(me.id)).toEqual([]);
  });

  it.each([
    ["page 0", { page: 0 }, "page"],
    ["page 10 001", { page: 10_001 }, "page"],
    ["a fractional page", { page: 1.5 }, "page"],
    ["a page as text", { page: "2" }, "page"],
    ["`at` in seconds", { at: 1_760_000_000 }, "at"],
    ["`at` past the year 2286", { at: 10_000_000_000_000 }, "at"],
    ["a huge `at`", { at: 1e300 }, "at"],
    ["a negative chapter id", { chapterId: -5 }, "chapterId"],
    ["a chapter id above 2³¹−1", { chapterId: 2 ** 31 }, "chapterId"],
    ["a chapter id with a lone surrogate", { chapterId: "\uDC00" }, "chapterId"],
    ["no book id", { bookId: undefined }, "bookId"],
  ])("answers 400 to %s, naming the field, recording nothing", async (_, change, field) => {
    const b = await book();
    const me = await signedInReader();
    const answer = await record({ bookId: b.id, chapterId: b.chapters[0]!, page: 1, at: AT, ...change });
    expect(answer).toMatchObject({ status: 400, body: { error: "invalid input" } });
    expect(Object.keys((answer.body as { issues: object }).issues)).toEqual([field]);
    expect(await history(me.id)).toEqual([]);
  });

  it("answers 400 to an unknown field (a userId), naming it, recording nothing", async () => {
    const b = await book();
    const other = await createUser(request.db, { role: "READER" });
    const me = await signedInReader();
    const answer = await record({ bookId: b.id, chapterId: b.chapters[0]!, page: 1, at: AT, userId: other.id });
    expect(answer).toMatchObject({
      status: 400,
      body: { error: "invalid input", formErrors: [expect.stringContaining("userId")] },
    });
    expect([...(await history(me.id)), ...(await history(other.id))]).toEqual([]);
  });

  it("answers 400 to a body that is not JSON, and 413 to one over 64 KB", async () => {
    await signedInReader();
    expect(await record(undefined, { raw: "bookId=1&page=2" })).toMatchObject({
      status: 400,
      body: { error: "body is not JSON" },
    });
    expect(await record(undefined, { raw: `[${"1,".repeat(40_000)}1]` })).toMatchObject({ status: 413 });
  });
});

describe("POST /api/progress/merge", () => {
  it("merges the browser's positions: per book the newest wins; answers the account's positions", async () => {
    const [b1, b2] = [await book(), await book()];
    const me = await signedInReader();
    await record({ bookId: b1.id, chapterId: b1.chapters[2]!, page: 1, at: AT });
    const entries = [
      { bookId: b1.id, chapterId: b1.chapters[0]!, page: 3, at: AT - 5000 }, // older than the account's
      { bookId: b2.id, chapterId: b2.chapters[0]!, page: 1, at: AT - 9000 },
      { bookId: b2.id, chapterId: b2.chapters[1]!, page: 2, at: AT - 1000 }, // the newest of b2
    ];
    const answer = await mergeAll({ entries });
    expect(answer).toMatchObject({ status: 200, cacheControl: NO_STORE });
    const positions = (answer.body as { positions: { bookId: number; chapterId: number; page: number }[] }).positions;
    expect(positions.map((p) => [p.bookId, p.chapterId, p.page])).toEqual([
      [b1.id, b1.chapters[2], 1],
      [b2.id, b2.chapters[1], 2],
    ]);
    expect((await history(me.id)).map((h) => h.chapterId)).toEqual([b1.chapters[2], b2.chapters[1]]);
  });

  it("skips positions in chapters that are not public, and accepts an empty list", async () => {
    const b = await book();
    const draft = await addChapter(request.db, b.id, { status: "DRAFT" });
    const me = await signedInReader();
    const answer = await mergeAll({ entries: [{ bookId: b.id, chapterId: draft.id, page: 1, at: AT }] });
    expect(answer).toMatchObject({ status: 200, body: { positions: [] } });
    expect(await mergeAll({ entries: [] })).toMatchObject({ status: 200, body: { positions: [] } });
    expect(await history(me.id)).toEqual([]);
  });

  it("refuses a cross-origin merge with 403 and a signed-out one with 401, recording nothing", async () => {
    const b = await book();
    const entries = [{ bookId: b.id, chapterId: b.chapters[0]!, page: 1, at: AT }];
    const me = await signedInReader();
    expect(await mergeAll({ entries }, { origin: "https://evil.example" })).toMatchObject({ status: 403 });
    request.signOut();
    expect(await mergeAll({ entries }, { origin: "https://evil.example" })).toMatchObject({ status: 403 });
    expect(await mergeAll({ entries })).toMatchObject({ status: 401 });
    expect(await history(me.id)).toEqual([]);
  });

  it.each([
    ["no entries field", {}],
    ["entries that are not a list", { entries: { bookId: 1 } }],
    ["an entry with an unknown field", { entries: [{ bookId: 1, chapterId: 1, page: 1, at: AT, userId: 1 }] }],
    ["an entry with a page as text", { entries: [{ bookId: 1, chapterId: 1, page: "1", at: AT }] }],
    ["an entry with a huge id", { entries: [{ bookId: 1e20, chapterId: 1, page: 1, at: AT }] }],
    ["1001 entries", { entries: Array.from({ length: 1001 }, () => ({ bookId: 1, chapterId: 1, page: 1, at: AT })) }],
    ["an unknown top-level field", { entries: [], userId: 1 }],
  ])("answers 400 to %s, recording nothing", async (_, json) => {
    const me = await signedInReader();
    const answer = await mergeAll(json);
    expect(answer).toMatchObject({ status: 400, body: { error: "invalid input" } });
    const body = answer.body as { issues: object; formErrors: string[] };
    expect(Object.keys(body.issues).length + body.formErrors.length).toBeGreaterThan(0);
    expect(await history(me.id)).toEqual([]);
  });

  it("answers 400 to a body that is not JSON", async () => {
    await signedInReader();
    expect(await mergeAll(undefined, { raw: '{"entries": [' })).toMatchObject({
      status: 400,
      body: { error: "body is not JSON" },
    });
  });
});
