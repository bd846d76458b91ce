import { describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { createBook, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { answerOf, routeRequest, SITE_ORIGIN } from "@/lib/test/route-request";
import { GET as status } from "./status/route";
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

const shelved = (userId: number, bookId: number) =>
  request.db.shelfEntry.count({ where: { userId, bookId } }).then((n) => n === 1);
const shelfCount = async (bookId: number) =>
  (await request.db.book.findUniqueOrThrow({ where: { id: bookId } })).shelfCount;

const post = (json: unknown, init: Parameters<typeof routeRequest>[1] = {}) =>
  answerOf(POST(routeRequest("/api/shelf", { json, ...init })));
const del = (json: unknown, init: Parameters<typeof routeRequest>[1] = {}) =>
  answerOf(DELETE(routeRequest("/api/shelf", { method: "DELETE", json, ...init })));

describe("POST /api/shelf", () => {
  it("puts a public book on the signed-in reader's shelf, once", async () => {
    const book = await createPublishedBook(request.db);
    const me = await signedInReader();
    expect(await post({ bookId: book.id })).toEqual({
      status: 200,
      body: { onShelf: true, changed: true },
      cacheControl: NO_STORE,
    });
    expect(await shelved(me.id, book.id)).toBe(true);
    expect(await shelfCount(book.id)).toBe(1);
    expect((await post({ bookId: book.id })).body).toEqual({ onShelf: true, changed: false });
    expect(await shelfCount(book.id)).toBe(1);
  });

  it.each([
    ["does not exist", async () => 2_147_483_647],
    ["has no published chapter", async () => (await createBook(request.db)).id],
    ["is hidden", async () => (await createPublishedBook(request.db, { hiddenAt: new Date() })).id],
    ["is in the trash", async () => (await createPublishedBook(request.db, { deletedAt: new Date() })).id],
  ])("answers 404 for a book that %s, storing nothing", async (_, bookId) => {
    const id = await bookId();
    const me = await signedInReader();
    expect(await post({ bookId: id })).toMatchObject({ status: 404, body: { error: "book not found" } });
    expect(await request.db.shelfEntry.count({ where: { userId: me.id } })).toBe(0);
  });

  it.each([
    ["another site's Origin", { origin: "https://evil.example" }],
    ["an opaque Origin (sandboxed frame, data: URL)", { origin: "null" }],
    ["this host on another scheme", { origin: "https://localhost:3000" }],
    ["no Origin, but a browser says cross-site", { origin: null, headers: { "sec-fetch-site": "cross-site" } }],
  ])("refuses %s with 403, even when signed in, storing nothing", async (_, init) => {
    const book = await createPublishedBook(request.db);
    const me = await signedInReader();
    expect(await post({ bookId: book.id }, init)).toEqual({
      status: 403,
      body: { error: "cross-origin request refused" },
      cacheControl: NO_STORE,
    });
    expect(await shelved(me.id, book.id)).toBe(false);
    expect(await shelfCount(book.id)).toBe(0);
  });

  it("accepts a client without Origin (not a browser: it has no ambient cookie to abuse)", async () => {
    const book = await createPublishedBook(request.db);
    const me = await signedInReader();
    expect((await post({ bookId: book.id }, { origin: null })).status).toBe(200);
    expect(await shelved(me.id, book.id)).toBe(true);
  });

  it("answers 401 to a signed-out visitor, and to a disabled account's open session", async () => {
    const book = await createPublishedBook(request.db);
    expect(await post({ bookId: book.id })).toEqual({
      status: 401,
      body: { error: "sign in required" },
      cacheControl: NO_STORE,
    });
    const me = await signedInReader();
    await request.db.user.update({ where: { id: me.id }, data: { disabledAt: new Date() } });
    expect((await post({ bookId: book.id })).status).toBe(401);
    expect(await request.db.shelfEntry.count({ where: { bookId: book.id } })).toBe(0);
  });

  it.each([
    ["an empty body", ""],
    ["a truncated object", '{"bookId": 1'],
    ["a form-encoded body", "bookId=1"],
    ["unquoted keys", "{bookId: 1}"],
  ])("answers 400 to %s: the body is not JSON", async (_, raw) => {
    await signedInReader();
    expect(await post(undefined, { raw })).toEqual({
      status: 400,
      body: { error: "body is not JSON" },
      cacheControl: NO_STORE,
    });
  });

  it.each([
    ["a string id", { bookId: "1" }],
    ["a fractional id", { bookId: 1.5 }],
    ["id 0", { bookId: 0 }],
    ["a negative id", { bookId: -1 }],
    ["an id above 2³¹−1", { bookId: 2_147_483_648 }],
    ["a huge id", { bookId: 1e300 }],
    ["a null id", { bookId: null }],
    ["an id in an array", { bookId: [1] }],
    ["a lone surrogate as the id", { bookId: "\uD800" }],
    ["no id", {}],
  ])("answers 400 to %s, naming the field", async (_, json) => {
    await signedInReader();
    const answer = await post(json);
    expect(answer).toMatchObject({ status: 400, body: { error: "invalid input" } });
    expect(Object.keys((answer.body as { issues: object }).issues)).toEqual(["bookId"]);
  });

  it.each([
    ["an unknown field", { bookId: 1, userId: 2 }, "userId"],
    ["a __proto__ key", JSON.parse('{"bookId": 1, "__proto__": {"admin": true}}') as unknown, "__proto__"],
  ])("answers 400 to %s, naming it, and stores nothing", async (_, json, field) => {
    const book = await createPublishedBook(request.db);
    const me = await signedInReader();
    const answer = await post({ ...(json as object), bookId: book.id });
    expect(answer).toMatchObject({ status: 400, body: { error: "invalid input" } });
    expect(JSON.stringify(answer.body)).toContain(field);
    expect(await shelved(me.id, book.id)).toBe(false);
  });

  it.each([
    ["an array", [1]],
    ["null", null],
    ["a number", 1],
  ])("answers 400 to %s instead of an object", async (_, json) => {
    await signedInReader();
    expect(await post(json)).toMatchObject({ status: 400, body: { error: "invalid input" } });
  });

  it("answers 413 to a body over 64 KB, whatever it holds, without storing anything", async () => {
    const book = await createPublishedBook(request.db);
    const me = await signedInReader();
    const padded = `{"bookId": ${book.id}${" ".repeat(64 * 1024)}}`;
    expect(await post(undefined, { raw: padded })).toMatchObject({ status: 413, body: { error: "body too large" } });
    // 64 KB counted in bytes, not characters: 22 000 CJK characters are 66 000 bytes.
    const cjk = JSON.stringify({ bookId: book.id, note: "书".repeat(22_000) });
    expect(await post(undefined, { raw: cjk })).toMatchObject({ status: 413 });
    expect(await shelved(me.id, book.id)).toBe(false);
  });

  it("stops reading a body that goes on and on, answering 413", async () => {
    await signedInReader();
    let chunks = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks++;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const init = { method: "POST", headers: { origin: SITE_ORIGIN }, body: endless, duplex: "half" };
    const answer = await answerOf(POST(new Request(`${SITE_ORIGIN}/api/shelf`, init as RequestInit)));
    expect(answer).toMatchObject({ status: 413, body: { error: "body too large" } });
    expect(chunks).toBeLessThan(10);
  });

  it("answers 413 at once to a declared Content-Length over 64 KB", async () => {
    await signedInReader();
    const answer = await post(undefined, { raw: "{}", headers: { "content-length": String(10 * 1024 * 1024) } });
    expect(answer.status).toBe(413);
  });

  it("accepts the body as text/plain too (the same JSON)", async () => {
    const book = await createPublishedBook(request.db);
    const me = await signedInReader();
    const answer = await post({ bookId: book.id }, { headers: { "content-type": "text/plain;charset=UTF-8" } });
    expect(answer.status).toBe(200);
    expect(await shelved(me.id, book.id)).toBe(true);
  });
});

describe("DELETE /api/shelf", () => {
  async function bothShelved() {
    const book = await createPublishedBook(request.db);
    const other = await createUser(request.db, { role: "READER" });
    const me = await signedInReader();
    await request.db.shelfEntry.createMany({ data: [me, other].map((u) => ({ userId: u.id, bookId: book.id })) });
    await request.db.book.update({ where: { id: book.id }, data: { shelfCount: 2 } });
    return { book, me, other };
  }

  it("takes the book off the signed-in reader's shelf only, once", async () => {
    const { book, me, other } = await bothShelved();
    expect(await del({ bookId: book.id })).toEqual({
      status: 200,
      body: { onShelf: false, changed: true },
      cacheControl: NO_STORE,
    });
    expect(await shelved(me.id, book.id)).toBe(false);
    expect(await shelved(other.id, book.id)).toBe(true);
    expect(await shelfCount(book.id)).toBe(1);
    expect((await del({ bookId: book.id })).body).toEqual({ onShelf: false, changed: false });
    expect(await shelfCount(book.id)).toBe(1);
  });

  it("cannot take a book off someone else's shelf", async () => {
    const { other } = await bothShelved();
    const theirs = await createPublishedBook(request.db);
    await request.db.shelfEntry.create({ data: { userId: other.id, bookId: theirs.id } });
    expect((await del({ bookId: theirs.id })).body).toEqual({ onShelf: false, changed: false });
    expect(await shelved(other.id, theirs.id)).toBe(true);
    const forged = await del({ bookId: theirs.id, userId: other.id });
    expect(forged.status).toBe(400);
    expect(await shelved(other.id, theirs.id)).toBe(true);
  });

  it("refuses a cross-origin DELETE with 403 and a signed-out one with 401, removing nothing", async () => {
    const { book, me } = await bothShelved();
    expect((await del({ bookId: book.id }, { origin: "https://evil.example" })).status).toBe(403);
    request.signOut();
    expect((await del({ bookId: book.id })).status).toBe(401);
    expect(await shelved(me.id, book.id)).toBe(true);
    expect(await shelfCount(book.id)).toBe(2);
  });

  it("answers 400 to malformed input, removing nothing", async () => {
    const { book, me } = await bothShelved();
    for (const raw of ["", "nope", JSON.stringify({ bookId: String(book.id) }), JSON.stringify({ bookId: 2 ** 40 })]) {
      expect((await del(undefined, { raw })).status).toBe(400);
    }
    expect(await shelved(me.id, book.id)).toBe(true);
  });
});

describe("GET /api/shelf and /api/shelf/status", () => {
  it("lists the signed-in reader's shelf, never cached; 401 when signed out", async () => {
    const book = await createPublishedBook(request.db);
    expect((await answerOf(GET(routeRequest("/api/shelf", { method: "GET" })))).status).toBe(401);
    const me = await signedInReader();
    await request.db.shelfEntry.create({ data: { userId: me.id, bookId: book.id } });
    const answer = await answerOf(GET(routeRequest("/api/shelf", { method: "GET" })));
    expect(answer).toMatchObject({ status: 200, cacheControl: NO_STORE });
    expect((answer.body as { books: { bookId: number }[] }).books.map((b) => b.bookId)).toEqual([book.id]);
  });

  it("answers whether a book is shelved, and 400 to a malformed id", async () => {
    const book = await createPublishedBook(request.db);
    const me = await signedInReader();
    await request.db.shelfEntry.create({ data: { userId: me.id, bookId: book.id } });
    const ask = (q: string) => answerOf(status(routeRequest(`/api/shelf/status?${q}`, { method: "GET" })));
    expect((await ask(`bookId=${book.id}`)).body).toEqual({ onShelf: true });
    for (const q of ["", "bookId=", "bookId=abc", "bookId=0", "bookId=9999999999", "bookId=1.5"]) {
      expect((await ask(q)).status).toBe(400);
    }
  });
});

describe("POST /api/shelf/merge (at sign-in, the books a browser shelved while signed out)", () => {
  it("puts the public ones on the account's shelf, once each, and says which", async () => {
    const [a, b] = [await createPublishedBook(request.db), await createPublishedBook(request.db)];
    const draft = await createBook(request.db);
    const me = await signedInReader();
    const answer = await answerOf(
      merge(routeRequest("/api/shelf/merge", { json: { bookIds: [a.id, b.id, a.id, draft.id] } })),
    );
    expect(answer).toEqual({ status: 200, body: { merged: [a.id, b.id] }, cacheControl: NO_STORE });
    expect(await shelved(me.id, a.id)).toBe(true);
    expect(await shelved(me.id, draft.id)).toBe(false);
    expect(await shelfCount(a.id)).toBe(1);
    // Again (another tab): nothing changes.
    await merge(routeRequest("/api/shelf/merge", { json: { bookIds: [a.id] } }));
    expect(await shelfCount(a.id)).toBe(1);
  });

  it("refuses a signed-out visitor, another origin and a malformed or oversized list, changing nothing", async () => {
    const book = await createPublishedBook(request.db);
    request.signOut();
    expect((await answerOf(merge(routeRequest("/api/shelf/merge", { json: { bookIds: [book.id] } })))).status).toBe(
      401,
    );
    const me = await signedInReader();
    const refused = [
      routeRequest("/api/shelf/merge", { json: { bookIds: [book.id] }, origin: "https://evil.example" }),
      routeRequest("/api/shelf/merge", { json: { bookIds: ["x"] } }),
      routeRequest("/api/shelf/merge", { json: { bookIds: Array.from({ length: 201 }, () => book.id) } }),
      routeRequest("/api/shelf/merge", { json: { bookIds: [book.id], userId: 1 } }),
    ];
    for (const r of refused) expect((await answerOf(merge(r))).status).toBeGreaterThanOrEqual(400);
    expect(await shelved(me.id, book.id)).toBe(false);
  });
});
