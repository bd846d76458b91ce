import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createUser } from "@/lib/test/fixtures";
import type { Actor } from "./actor";
import { createVolume, deleteVolume, renameVolume, reorderVolumes } from "./volumes";

let t: TestDatabase;
let author: User;
let stranger: User;

const as = (u: User): Actor => ({ id: u.id, role: u.role });

beforeAll(async () => {
  t = await createTestDatabase();
  author = await createUser(t.db);
  stranger = await createUser(t.db);
});

afterAll(() => t.drop());

async function volumes(bookId: number) {
  const rows = await t.db.volume.findMany({ where: { bookId }, orderBy: { position: "asc" } });
  return rows.map((v) => [v.position, v.title] as const);
}

describe("volumes", () => {
  it("creates, renames, reorders and deletes, chapters moving to a neighbour", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    const a = await createVolume(t.db, as(author), { bookId: book.id, title: " 第一卷 " });
    const b = await createVolume(t.db, as(author), { bookId: book.id, title: "第二卷" });
    const c = await createVolume(t.db, as(author), { bookId: book.id, title: "第三卷" });
    expect(a.tags).toEqual([]); // nobody can see the book yet
    await renameVolume(t.db, as(author), { volumeId: b.volumeId, title: "第二卷 风起" });
    await reorderVolumes(t.db, as(author), { bookId: book.id, volumeIds: [c.volumeId, a.volumeId, b.volumeId] });
    expect(await volumes(book.id)).toEqual([
      [1, "第三卷"],
      [2, "第一卷"],
      [3, "第二卷 风起"],
    ]);
    await expect(
      reorderVolumes(t.db, as(author), { bookId: book.id, volumeIds: [a.volumeId, b.volumeId] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const inA = await addChapter(t.db, book.id, { volumeId: a.volumeId });
    const inC = await addChapter(t.db, book.id, { volumeId: c.volumeId });
    // A public book now: volume changes revalidate its index pages (not the chapter pages, which
    // show no volume, nor the lists).
    const r = await deleteVolume(t.db, as(author), { volumeId: a.volumeId });
    expect(r.tags).toEqual([`toc:${book.id}`]);
    expect(await volumes(book.id)).toEqual([
      [1, "第三卷"],
      [2, "第二卷 风起"],
    ]);
    // The volume before it received its chapter.
    expect((await t.db.chapter.findUniqueOrThrow({ where: { id: inA.id } })).volumeId).toBe(c.volumeId);
    // The first volume's chapters go to the next one; or wherever asked.
    await deleteVolume(t.db, as(author), { volumeId: c.volumeId, moveChaptersTo: null });
    expect(await t.db.chapter.count({ where: { bookId: book.id } })).toBe(2);
    expect((await t.db.chapter.findUniqueOrThrow({ where: { id: inC.id } })).volumeId).toBeNull();
    expect(await volumes(book.id)).toEqual([[1, "第二卷 风起"]]);
  });

  it("refuses other people's volumes and bad input", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    const v = await createVolume(t.db, as(author), { bookId: book.id, title: "卷" });
    await expect(createVolume(t.db, as(stranger), { bookId: book.id, title: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(renameVolume(t.db, as(stranger), { volumeId: v.volumeId, title: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(deleteVolume(t.db, as(stranger), { volumeId: v.volumeId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(renameVolume(t.db, as(author), { volumeId: v.volumeId, title: "\u0000" })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(
      renameVolume(t.db, as(author), { volumeId: v.volumeId, title: "x", bookId: 2 } as never),
    ).rejects.toMatchObject({ code: "INVALID" });
    const other = await createVolume(t.db, as(author), {
      bookId: (await createBook(t.db, { authorId: author.id })).id,
      title: "别书",
    });
    await expect(
      deleteVolume(t.db, as(author), { volumeId: v.volumeId, moveChaptersTo: other.volumeId }),
    ).rejects.toMatchObject({ code: "INVALID" });
  });
});
