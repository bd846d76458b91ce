import { beforeEach, describe, expect, it, vi } from "vitest";
import { statDay } from "@/lib/i18n/time";
import { createViewRecorder, type ViewRecorder } from "@/lib/data/views/record";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { encodeSessionToken, SESSION_COOKIE } from "@/lib/auth/session-token";
import { addChapter, addPublishedChapters, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { answerOf, routeRequest, SITE_ORIGIN, type RouteRequestInit } from "@/lib/test/route-request";
import { POST } from "./route";

// What the route hands to after(): the scheduled flushes, awaited here as Next awaits them.
const afterTasks = vi.hoisted(() => [] as Promise<unknown>[]);

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
// connection() only marks a route dynamic; outside Next's request scope it would throw, as would after().
vi.mock("next/server", async (original) => ({
  ...(await original<object>()),
  connection: async () => {},
  after: (task: Promise<unknown>) => afterTasks.push(task),
}));

const request = setUpActionRequests();
const NO_STORE = "private, no-store";

let recorder: ViewRecorder;

beforeEach(() => {
  afterTasks.length = 0;
  // A fresh recorder per test (nothing deduped from the test before), writing to the test database.
  recorder = createViewRecorder(request.db, { flushAfterMs: 10 });
  (globalThis as { shuhaiViewRecorder?: ViewRecorder }).shuhaiViewRecorder = recorder;
});

const post = (json: unknown, init: RouteRequestInit = {}) =>
  answerOf(POST(routeRequest("/api/views", { json, ...init })));
const from = (address: string): RouteRequestInit => ({ headers: { "x-forwarded-for": address } });

async function flushed(): Promise<void> {
  await Promise.all(afterTasks);
}
const viewCount = async (bookId: number) =>
  (await request.db.book.findUniqueOrThrow({ where: { id: bookId }, select: { viewCount: true } })).viewCount;
const viewsToday = async (bookId: number) =>
  (await request.db.bookDailyStat.findMany({ where: { bookId } })).map((s) => [
    s.day.toISOString().slice(0, 10),
    s.views,
  ]);

const allViews = async () => (await request.db.book.aggregate({ _sum: { viewCount: true } }))._sum.viewCount ?? 0;

async function publicChapter() {
  const book = await createPublishedBook(request.db);
  const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
  return { bookId: book.id, chapterId: chapter.id };
}

describe("POST /api/views", () => {
  it("counts a view of a public chapter for its book, today, after the flush: 204, never cached", async () => {
    const view = await publicChapter();
    expect(await post(view)).toEqual({ status: 204, body: "", cacheControl: NO_STORE });
    // Buffered, not written per request.
    expect(await viewCount(view.bookId)).toBe(0);
    expect(afterTasks).toHaveLength(1);
    await flushed();
    expect(await viewCount(view.bookId)).toBe(1);
    expect(await viewsToday(view.bookId)).toEqual([[statDay(new Date()), 1]]);
  });

  it("accepts navigator.sendBeacon's text/plain body, signed out", async () => {
    const view = await publicChapter();
    const answer = await post(undefined, { raw: JSON.stringify(view), headers: { "content-type": "text/plain" } });
    expect(answer.status).toBe(204);
    await flushed();
    expect(await viewCount(view.bookId)).toBe(1);
  });

  it("counts one reader reloading a chapter 1,000 times once, and writes the batch in one flush", async () => {
    const view = await publicChapter();
    for (let i = 0; i < 1000; i++) expect((await post(view, from("198.51.100.1"))).status).toBe(204);
    expect(afterTasks).toHaveLength(1);
    await flushed();
    expect(await viewCount(view.bookId)).toBe(1);
  });

  it("counts each reader, and each chapter of one reader", async () => {
    const book = await createPublishedBook(request.db, { chapters: 2 });
    const [first, second] = await request.db.chapter.findMany({ where: { bookId: book.id }, orderBy: { id: "asc" } });
    await post({ bookId: book.id, chapterId: first!.id }, from("198.51.100.1"));
    await post({ bookId: book.id, chapterId: first!.id }, from("198.51.100.2"));
    await post({ bookId: book.id, chapterId: second!.id }, from("198.51.100.1"));
    await flushed();
    expect(await viewCount(book.id)).toBe(3);
    expect(await viewsToday(book.id)).toEqual([[statDay(new Date()), 3]]);
  });

  it("counts a signed-in reader's chapter once from any address; a forged session counts by address", async () => {
    const view = await publicChapter();
    const reader = await createUser(request.db);
    const token = await encodeSessionToken(reader);
    const signedIn = (address: string): RouteRequestInit => ({
      headers: { "x-forwarded-for": address, cookie: `${SESSION_COOKIE}=${token}` },
    });
    for (let i = 1; i <= 150; i++) expect((await post(view, signedIn(`203.0.113.${i}`))).status).toBe(204);
    const forged = { headers: { "x-forwarded-for": "198.51.100.77", cookie: `${SESSION_COOKIE}=forged` } };
    await post(view, forged);
    await post(view, forged);
    await flushed();
    expect(await viewCount(view.bookId)).toBe(2);
  });

  it("counts at most 120 chapters an hour from one address", async () => {
    const book = await createPublishedBook(request.db);
    const chapters = await addPublishedChapters(request.db, book.id, 130);
    for (const c of chapters) await post({ bookId: book.id, chapterId: c.id }, from("198.51.100.9"));
    await post({ bookId: book.id, chapterId: chapters[0]!.id }, from("198.51.100.10"));
    await flushed();
    expect(await viewCount(book.id)).toBe(121);
  });

  it.each([
    ["does not exist", async () => ({ bookId: 1, chapterId: 2_147_483_647 })],
    ["is a draft", async () => chapterOf({ status: "DRAFT" })],
    ["is scheduled", async () => chapterOf({ status: "SCHEDULED" })],
    ["is in the trash", async () => chapterOf({ deletedAt: new Date() })],
    ["is in a hidden book", async () => chapterIn({ hiddenAt: new Date() })],
    ["is in a deleted book", async () => chapterIn({ deletedAt: new Date() })],
    ["belongs to another book", async () => ({ ...(await publicChapter()), bookId: (await publicChapter()).bookId })],
  ])("answers 404 for a chapter that %s, counting nothing", async (_, input) => {
    const view = await input();
    const before = await allViews();
    expect(await post(view)).toEqual({ status: 404, body: { error: "chapter not found" }, cacheControl: NO_STORE });
    expect(afterTasks).toHaveLength(0);
    await recorder.flush();
    expect(await allViews()).toBe(before);
  });

  it.each([
    ["another site's Origin", { origin: "https://evil.example" }],
    ["an opaque Origin", { origin: "null" }],
    ["no Origin, but a browser says cross-site", { origin: null, headers: { "sec-fetch-site": "cross-site" } }],
  ])("refuses %s with 403, counting nothing", async (_, init) => {
    const view = await publicChapter();
    expect(await post(view, init)).toEqual({
      status: 403,
      body: { error: "cross-origin request refused" },
      cacheControl: NO_STORE,
    });
    expect(afterTasks).toHaveLength(0);
    expect(await viewCount(view.bookId)).toBe(0);
  });

  it.each([
    ["an empty body", ""],
    ["a truncated object", '{"bookId": 1'],
    ["a form-encoded body", "bookId=1&chapterId=2"],
  ])("answers 400 to %s: the body is not JSON", async (_, raw) => {
    expect(await post(undefined, { raw })).toEqual({
      status: 400,
      body: { error: "body is not JSON" },
      cacheControl: NO_STORE,
    });
  });

  it.each([
    ["a string id", { bookId: 1, chapterId: "2" }, ["chapterId"]],
    ["a fractional id", { bookId: 1.5, chapterId: 2 }, ["bookId"]],
    ["id 0", { bookId: 1, chapterId: 0 }, ["chapterId"]],
    ["a negative id", { bookId: -1, chapterId: 2 }, ["bookId"]],
    ["an id above 2³¹−1", { bookId: 1, chapterId: 2_147_483_648 }, ["chapterId"]],
    ["a null id", { bookId: null, chapterId: 2 }, ["bookId"]],
    ["no ids", {}, ["bookId", "chapterId"]],
  ])("answers 400 to %s, naming the field", async (_, json, fields) => {
    const answer = await post(json);
    expect(answer).toMatchObject({ status: 400, body: { error: "invalid input" }, cacheControl: NO_STORE });
    expect(Object.keys((answer.body as { issues: object }).issues)).toEqual(fields);
  });

  it.each([
    ["an unknown field", { page: 2 }],
    ["an array", [1, 2]],
    ["null", null],
  ])("answers 400 to %s, counting nothing", async (_, extra) => {
    const view = await publicChapter();
    const json = extra === null || Array.isArray(extra) ? extra : { ...view, ...extra };
    expect(await post(json)).toMatchObject({ status: 400, body: { error: "invalid input" } });
    expect(afterTasks).toHaveLength(0);
  });

  it("answers 413 to a body over 1 KB, or one declared so, counting nothing", async () => {
    const view = await publicChapter();
    const padded = `{"bookId": ${view.bookId}, "chapterId": ${view.chapterId}${" ".repeat(1024)}}`;
    expect(await post(undefined, { raw: padded })).toEqual({
      status: 413,
      body: { error: "body too large" },
      cacheControl: NO_STORE,
    });
    const declared = await post(view, { headers: { "content-length": String(10 * 1024 * 1024) } });
    expect(declared.status).toBe(413);
    expect(afterTasks).toHaveLength(0);
  });

  it("stops reading an endless body", async () => {
    let chunks = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks++;
        controller.enqueue(new Uint8Array(512).fill(0x20));
      },
    });
    const init = { method: "POST", headers: { origin: SITE_ORIGIN }, body: endless, duplex: "half" };
    expect((await answerOf(POST(new Request(`${SITE_ORIGIN}/api/views`, init as RequestInit)))).status).toBe(413);
    expect(chunks).toBeLessThan(5);
  });
});

async function chapterOf(input: Parameters<typeof addChapter>[2]) {
  const book = await createPublishedBook(request.db);
  const chapter = await addChapter(request.db, book.id, input);
  return { bookId: book.id, chapterId: chapter.id };
}

async function chapterIn(bookInput: Parameters<typeof createPublishedBook>[1]) {
  const book = await createPublishedBook(request.db, bookInput);
  const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
  return { bookId: book.id, chapterId: chapter.id };
}
