import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { saveBookCover } from "@/lib/data/covers";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createBook, createUser } from "@/lib/test/fixtures";
import { serveCoverImage } from "./serve";

let t: TestDatabase;
let bookId: number;
let version: string;

// The route module reads the app's database singleton and waits for a request; here both point
// at this file's test database.
vi.mock("@/lib/db", () => ({
  get db() {
    return t.db;
  },
}));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  connection: async () => {},
}));

beforeAll(async () => {
  t = await createTestDatabase();
  const author = await createUser(t.db);
  const book = await createBook(t.db, { authorId: author.id });
  const upload = await sharp({ create: { width: 300, height: 400, channels: 3, background: "#224488" } })
    .jpeg()
    .toBuffer();
  const { coverUrl } = await saveBookCover(t.db, author, book.id, upload);
  bookId = book.id;
  version = coverUrl.split("/").at(-1)!;
});

afterAll(() => t.drop());

describe("GET /covers/<bookId>/<version>/<width>.webp", () => {
  const get = async (params: { bookId: string; version: string; file: string }, init?: RequestInit) => {
    const { GET } = await import("@/app/covers/[bookId]/[version]/[file]/route");
    const request = new Request(`http://localhost/covers/${params.bookId}/${params.version}/${params.file}`, init);
    return GET(request, { params: Promise.resolve(params) });
  };

  it("serves the WebP bytes with an immutable cache lifetime and the hash as ETag", async () => {
    const res = await get({ bookId: String(bookId), version, file: "288.webp" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const bytes = new Uint8Array(await res.arrayBuffer());
    const stored = await t.db.coverImage.findUniqueOrThrow({ where: { bookId_width: { bookId, width: 288 } } });
    expect(res.headers.get("etag")).toBe(`"${stored.sha256}"`);
    expect(Buffer.from(bytes).equals(Buffer.from(stored.bytes))).toBe(true);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "webp", width: 288, height: 384 });
  });

  it("answers 304 when the browser already has it", async () => {
    const first = await get({ bookId: String(bookId), version, file: "88.webp" });
    const etag = first.headers.get("etag")!;
    const again = await get(
      { bookId: String(bookId), version, file: "88.webp" },
      { headers: { "If-None-Match": etag } },
    );
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
  });

  it.each([
    ["a wrong version", () => ({ bookId: String(bookId), version: "0123456789ab", file: "88.webp" })],
    ["a book without a cover", () => ({ bookId: "987654", version, file: "88.webp" })],
    ["a width the pages do not use", () => ({ bookId: String(bookId), version, file: "100.webp" })],
    ["another extension", () => ({ bookId: String(bookId), version, file: "88.png" })],
    ["a malformed version", () => ({ bookId: String(bookId), version: "../../etc", file: "88.webp" })],
    ["a malformed book id", () => ({ bookId: "1e3", version, file: "88.webp" })],
    ["an out-of-range book id", () => ({ bookId: "99999999999", version, file: "88.webp" })],
  ])("answers 404 for %s, briefly cacheable", async (_name, params) => {
    const res = await get(params());
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
  });

  it("sends a Content-Length matching the body", async () => {
    const res = await serveCoverImage(t.db, { bookId: String(bookId), version, file: "600.webp" }, null);
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("content-length"))).toBe((await res.arrayBuffer()).byteLength);
  });
});
