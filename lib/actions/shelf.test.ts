import { describe, expect, it, vi } from "vitest";
import { getShelf } from "@/lib/data/reader";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { createPublishedBook, createUser } from "@/lib/test/fixtures";
import { removeFromShelfAction } from "./shelf";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

const request = setUpActionRequests();

/** Two readers with the same book on their shelves, the first one signed in. */
async function twoShelves() {
  const book = await createPublishedBook(request.db);
  const me = await createUser(request.db, { role: "READER" });
  const other = await createUser(request.db, { role: "READER" });
  await request.db.shelfEntry.createMany({ data: [me, other].map((u) => ({ userId: u.id, bookId: book.id })) });
  await request.db.book.update({ where: { id: book.id }, data: { shelfCount: 2 } });
  await request.signInAs(me);
  return { book, me, other };
}

const shelfOf = async (userId: number) => (await getShelf(request.db, userId)).map((b) => b.bookId);
const shelfCount = async (bookId: number) =>
  (await request.db.book.findUniqueOrThrow({ where: { id: bookId } })).shelfCount;
const remove = (fields: Record<string, string>) => redirectOf(removeFromShelfAction(formOf(fields)));

describe("removeFromShelfAction", () => {
  it("takes the book off the signed-in reader's shelf only, and back to the shelf page", async () => {
    const { book, me, other } = await twoShelves();
    expect(await remove({ bookId: String(book.id) })).toBe("/shelf");
    expect(await shelfOf(me.id)).toEqual([]);
    expect(await shelfOf(other.id)).toEqual([book.id]);
    expect(await shelfCount(book.id)).toBe(1);
    // Removing it again changes nothing (a second click, a resubmitted form).
    expect(await remove({ bookId: String(book.id) })).toBe("/shelf");
    expect(await shelfCount(book.id)).toBe(1);
    expect(request.updatedTags).toEqual([]);
  });

  it("cannot touch someone else's shelf: a book only they shelved stays there", async () => {
    const { other } = await twoShelves();
    const theirs = await createPublishedBook(request.db);
    await request.db.shelfEntry.create({ data: { userId: other.id, bookId: theirs.id } });
    await request.db.book.update({ where: { id: theirs.id }, data: { shelfCount: 1 } });
    expect(await remove({ bookId: String(theirs.id) })).toBe("/shelf");
    expect(await shelfOf(other.id)).toContain(theirs.id);
    expect(await shelfCount(theirs.id)).toBe(1);
  });

  it("refuses a forged userId: only the session says whose shelf", async () => {
    const { book, me, other } = await twoShelves();
    expect(await remove({ bookId: String(book.id), userId: String(other.id) })).toBe("/shelf");
    expect(await shelfOf(other.id)).toEqual([book.id]);
    expect(await shelfOf(me.id)).toEqual([book.id]);
    expect(await shelfCount(book.id)).toBe(2);
  });

  it.each(["", "abc", "0", "-1", "1.5", " 1", "2147483648", "9999999999", "99999999999999999999", "1\u00002"])(
    "changes nothing for the malformed book id %j, and never throws",
    async (bookId) => {
      const { book, me, other } = await twoShelves();
      expect(await remove({ bookId })).toBe("/shelf");
      expect(await shelfOf(me.id)).toEqual([book.id]);
      expect(await shelfOf(other.id)).toEqual([book.id]);
      expect(await shelfCount(book.id)).toBe(2);
    },
  );

  it("changes nothing for a file posted as the id, or no id at all", async () => {
    const { book, me } = await twoShelves();
    expect(await redirectOf(removeFromShelfAction(formOf({ bookId: new File([String(book.id)], "id.txt") })))).toBe(
      "/shelf",
    );
    expect(await redirectOf(removeFromShelfAction(formOf({})))).toBe("/shelf");
    expect(await shelfOf(me.id)).toEqual([book.id]);
  });

  it("sends a signed-out visitor to sign in, changing nothing", async () => {
    const { book, me } = await twoShelves();
    request.signOut();
    expect(await remove({ bookId: String(book.id) })).toBe(`/login?next=${encodeURIComponent("/shelf")}`);
    expect(await shelfOf(me.id)).toEqual([book.id]);
  });

  it("treats a disabled reader's open session as signed out", async () => {
    const { book, me } = await twoShelves();
    await request.db.user.update({ where: { id: me.id }, data: { disabledAt: new Date() } });
    expect(await remove({ bookId: String(book.id) })).toBe(`/login?next=${encodeURIComponent("/shelf")}`);
    expect(await request.db.shelfEntry.count({ where: { userId: me.id } })).toBe(1);
  });
});
