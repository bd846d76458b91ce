import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Book, Chapter } from "@/lib/generated/prisma/client";
import { createTestDatabase, queryRows, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createCategory, createUser } from "@/lib/test/fixtures";
import { publicChapterBatches, readDownloadBook } from "@/lib/downloads/source";
import { recomputeBookCounters } from "./authoring/counters";
import { isPublicBook as revalidationSaysPublic, snapshotBook } from "./authoring/revalidation";
import {
  isPublicBook,
  isPublicChapter,
  publicBookSql,
  publicBookWhere,
  publicChapterSql,
  publicChapterWhere,
} from "./queries/filters";
import { queryBookUrls, queryChapterUrls } from "./queries/sitemap";

// The rule of "public" is written once per language: filters.ts for TypeScript (Prisma where,
// predicates, raw-SQL fragments) and two SQL functions (the public_rule migration) for the
// database, which the search index's trigger uses. Every place that decides what readers see
// reads one of those; this table checks, on the same books and chapters, that they all agree:
// the predicates, the Prisma filters, the SQL functions, the sitemap, the recomputed counters,
// the search index, the revalidation snapshot and the downloads. A copy that drifts from the others fails here.

let t: TestDatabase;

type Case = { name: string; book: Book; chapter: Chapter; bookPublic: boolean; chapterPublic: boolean };
const cases: Case[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db;
  const category = await createCategory(db);
  const author = await createUser(db);
  const add = async (
    name: string,
    bookInput: Parameters<typeof createBook>[1],
    build: (bookId: number) => Promise<Chapter>,
    bookPublic: boolean,
    chapterPublic: boolean,
  ) => {
    const created = await createBook(db, { authorId: author.id, categoryId: category.id, ...bookInput });
    const chapter = await build(created.id);
    await db.$transaction((tx) => recomputeBookCounters(tx, [created.id]));
    // The admin and the trash act on a book after its chapters came (as the site does).
    if (bookInput?.deletedAt || bookInput?.hiddenAt) {
      await db.book.update({
        where: { id: created.id },
        data: { deletedAt: bookInput.deletedAt, hiddenAt: bookInput.hiddenAt },
      });
    }
    const book = await db.book.findUniqueOrThrow({ where: { id: created.id } });
    cases.push({
      name,
      book,
      chapter: await db.chapter.findUniqueOrThrow({ where: { id: chapter.id } }),
      bookPublic,
      chapterPublic,
    });
  };
  const published = (bookId: number) => addChapter(db, bookId);
  await add("a published chapter", {}, published, true, true);
  await add(
    "a draft beside a published chapter",
    {},
    async (id) => {
      await addChapter(db, id);
      return addChapter(db, id, { status: "DRAFT" });
    },
    true,
    false,
  );
  await add(
    "a scheduled chapter beside a published one",
    {},
    async (id) => {
      await addChapter(db, id);
      const c = await addChapter(db, id, { status: "SCHEDULED" });
      return db.chapter.update({ where: { id: c.id }, data: { publishAt: new Date(Date.now() + 86_400_000) } });
    },
    true,
    false,
  );
  await add(
    "a published chapter in the trash, beside a public one",
    {},
    async (id) => {
      await addChapter(db, id);
      return addChapter(db, id, { deletedAt: new Date() });
    },
    true,
    false,
  );
  await add("a book with drafts only", {}, (id) => addChapter(db, id, { status: "DRAFT" }), false, false);
  await add("a book in the trash", { deletedAt: new Date() }, published, false, true);
  await add("a book hidden by an admin", { hiddenAt: new Date() }, published, false, true);
  const disabled = await createUser(db, { disabledAt: new Date() });
  await add(
    "a book of a disabled account (disabling signs out, it does not hide books)",
    { authorId: disabled.id },
    published,
    true,
    true,
  );
}, 60_000);

afterAll(() => t.drop());

describe("the rule of public, everywhere it is read", () => {
  it("has the cases it is meant to tell apart", () => {
    expect(cases.map((c) => [c.bookPublic, c.chapterPublic])).toEqual(
      expect.arrayContaining([
        [true, true],
        [true, false],
        [false, false],
        [false, true],
      ]),
    );
  });

  it("agrees in every form on every case", async () => {
    const db = t.db;
    const bookUrls = new Set((await queryBookUrls(db, 0)).map((u) => u.path));
    const chapterUrls = new Set(
      (await queryChapterUrls(db, { afterId: 0, lastId: 2_147_483_647 })).map((u) =>
        u.path.split("/").slice(0, 4).join("/"),
      ),
    );
    for (const c of cases) {
      const label = c.name;
      const { book, chapter } = c;
      // TypeScript predicates.
      expect(isPublicBook(book), label).toBe(c.bookPublic);
      expect(isPublicChapter(chapter), label).toBe(c.chapterPublic);
      // Prisma filters.
      expect(await db.book.count({ where: { id: book.id, ...publicBookWhere } }), label).toBe(c.bookPublic ? 1 : 0);
      expect(await db.chapter.count({ where: { id: chapter.id, ...publicChapterWhere } }), label).toBe(
        c.chapterPublic ? 1 : 0,
      );
      // The SQL functions, through the raw-SQL fragments.
      const [sql] = await db.$queryRaw<{ book: boolean; chapter: boolean }[]>`
        SELECT ${publicBookSql("b")} AS book, ${publicChapterSql("c")} AS chapter
          FROM "Book" b JOIN "Chapter" c ON c."bookId" = b.id WHERE c.id = ${chapter.id}`;
      expect(sql, label).toEqual({ book: c.bookPublic, chapter: c.chapterPublic });
      // The sitemap: the book's pages when it is public, the chapter's when both are.
      expect(bookUrls.has(`/book/${book.id}`), label).toBe(c.bookPublic);
      expect(chapterUrls.has(`/book/${book.id}/${chapter.id}`), label).toBe(c.bookPublic && c.chapterPublic);
      // The search index (kept by the trigger): public books only.
      const indexed = await queryRows<{ n: number }>(
        t.url,
        `SELECT count(*)::int AS n FROM "BookSearch" WHERE "bookId" = ${book.id}`,
      );
      expect(indexed[0]!.n, label).toBe(c.bookPublic ? 1 : 0);
      // The counters count the public chapters.
      const chapters = await db.chapter.findMany({ where: { bookId: book.id } });
      expect(book.chapterCount, label).toBe(chapters.filter(isPublicChapter).length);
      // What a write's revalidation thinks of the book.
      const snapshot = await db.$transaction((tx) => snapshotBook(tx, book.id));
      expect(revalidationSaysPublic(snapshot), label).toBe(c.bookPublic);
      // The downloads: a public book has them, holding its public chapters.
      const download = await readDownloadBook(db, book.id);
      expect(download !== null, label).toBe(c.bookPublic);
      const inFile: number[] = [];
      for await (const batch of publicChapterBatches(db, book.id)) inFile.push(...batch.map((ch) => ch.id));
      expect(download !== null && inFile.includes(chapter.id), label).toBe(c.bookPublic && c.chapterPublic);
    }
  });
});
