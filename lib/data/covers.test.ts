import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoverError } from "@/lib/covers/errors";
import { COVER_WIDTHS } from "@/lib/covers/sizes";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createBook, createUser } from "@/lib/test/fixtures";
import { getCoverImage, removeBookCover, saveBookCover, type Actor } from "./covers";

let t: TestDatabase;
let author: Actor;
let otherAuthor: Actor;
let admin: Actor;

const image = (background: string) =>
  sharp({ create: { width: 300, height: 400, channels: 3, background } })
    .png()
    .toBuffer();

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof CoverError) return error.code;
    throw error;
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  const asActor = ({ id, role }: { id: number; role: Actor["role"] }) => ({ id, role });
  author = asActor(await createUser(t.db));
  otherAuthor = asActor(await createUser(t.db));
  admin = asActor(await t.db.user.update({ where: { id: (await createUser(t.db)).id }, data: { role: "ADMIN" } }));
});

afterAll(() => t.drop());

describe("saveBookCover", () => {
  it("stores every size, points coverUrl at the new version and replaces the previous cover", async () => {
    const book = await createBook(t.db, { authorId: author.id });

    const first = await saveBookCover(t.db, author, book.id, await image("#224488"));
    expect(first.coverUrl).toMatch(new RegExp(`^/covers/${book.id}/[0-9a-f]{12}$`));
    expect(first.tags).toEqual([`book:${book.id}`, "books", "home"]);
    expect((await t.db.book.findUniqueOrThrow({ where: { id: book.id } })).coverUrl).toBe(first.coverUrl);

    const second = await saveBookCover(t.db, author, book.id, await image("#884422"));
    expect(second.coverUrl).not.toBe(first.coverUrl);
    expect((await t.db.book.findUniqueOrThrow({ where: { id: book.id } })).coverUrl).toBe(second.coverUrl);

    const rows = await t.db.coverImage.findMany({
      where: { bookId: book.id },
      select: { width: true, version: true },
      orderBy: { width: "asc" },
    });
    expect(rows.map((r) => r.width)).toEqual([...COVER_WIDTHS]);
    expect(new Set(rows.map((r) => `/covers/${book.id}/${r.version}`))).toEqual(new Set([second.coverUrl]));

    const stored = await getCoverImage(t.db, book.id, 176);
    expect(stored?.contentType).toBe("image/webp");
    expect(await sharp(stored!.bytes).metadata()).toMatchObject({ format: "webp", width: 176, height: 234 });
  });

  it("answers NOT_FOUND for another author's book and leaves it untouched", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    const { coverUrl } = await saveBookCover(t.db, author, book.id, await image("#224488"));

    expect(await codeOf(saveBookCover(t.db, otherAuthor, book.id, await image("#ff0000")))).toBe("NOT_FOUND");
    expect(await codeOf(removeBookCover(t.db, otherAuthor, book.id))).toBe("NOT_FOUND");
    expect(await codeOf(saveBookCover(t.db, author, 987_654, await image("#ff0000")))).toBe("NOT_FOUND");

    expect((await t.db.book.findUniqueOrThrow({ where: { id: book.id } })).coverUrl).toBe(coverUrl);
    expect(await t.db.coverImage.count({ where: { bookId: book.id } })).toBe(COVER_WIDTHS.length);
  });

  it("answers NOT_FOUND before decoding a stranger's upload", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    expect(await codeOf(saveBookCover(t.db, otherAuthor, book.id, Buffer.from("not an image")))).toBe("NOT_FOUND");
  });

  it("lets an admin change and remove any book's cover", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    const { coverUrl } = await saveBookCover(t.db, admin, book.id, await image("#336633"));
    expect((await t.db.book.findUniqueOrThrow({ where: { id: book.id } })).coverUrl).toBe(coverUrl);

    expect(await removeBookCover(t.db, admin, book.id)).toEqual({ tags: [`book:${book.id}`, "books", "home"] });
    expect((await t.db.book.findUniqueOrThrow({ where: { id: book.id } })).coverUrl).toBeNull();
    expect(await t.db.coverImage.count({ where: { bookId: book.id } })).toBe(0);
  });

  it("refuses a bad upload with its reason and keeps the current cover", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    const { coverUrl } = await saveBookCover(t.db, author, book.id, await image("#224488"));
    expect(await codeOf(saveBookCover(t.db, author, book.id, Buffer.from("<svg></svg>")))).toBe("NOT_AN_IMAGE");
    expect((await t.db.book.findUniqueOrThrow({ where: { id: book.id } })).coverUrl).toBe(coverUrl);
  });

  it("treats a deleted book as not found, even for its author", async () => {
    const book = await createBook(t.db, { authorId: author.id, deletedAt: new Date("2026-01-01T00:00:00Z") });
    expect(await codeOf(saveBookCover(t.db, author, book.id, await image("#224488")))).toBe("NOT_FOUND");
  });

  it("deletes the stored images with the book", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    await saveBookCover(t.db, author, book.id, await image("#224488"));
    await t.db.book.delete({ where: { id: book.id } });
    expect(await t.db.coverImage.count({ where: { bookId: book.id } })).toBe(0);
  });
});
