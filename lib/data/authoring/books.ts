import "server-only";
import { becomeAuthor } from "@/lib/auth/accounts";
import type { Db } from "@/lib/db/client";
import type { BookStatus } from "@/lib/generated/prisma/client";
import { bookCreateSchema, bookRefSchema, bookUpdateSchema } from "@/lib/validation/authoring";
import { isId } from "@/lib/validation/ids";
import { createOnce } from "@/lib/data/create-requests";
import { type Actor, assertCanRead } from "./actor";
import { DomainError, invalidField, parseInput } from "@/lib/data/errors";
import { revalidationTags, snapshotBook } from "./revalidation";
import { titlePinyin } from "@/lib/search/pinyin";
import { lockBook, transaction, type Tx } from "./tx";

/** Result of a write: the cache tags the server action revalidates (see revalidation.ts). */
export type WriteResult = { tags: string[] };

async function checkCategoryAndTags(tx: Tx, categoryId: number | undefined, tagIds: number[] | undefined) {
  if (
    categoryId !== undefined &&
    !(await tx.category.findUnique({ where: { id: categoryId }, select: { id: true } }))
  ) {
    throw invalidField("categoryId", "authoring.errors.unknownCategory");
  }
  if (tagIds && tagIds.length > 0) {
    const found = await tx.tag.count({ where: { id: { in: tagIds } } });
    if (found !== tagIds.length) throw invalidField("tagIds", "authoring.errors.unknownTag");
  }
}

/**
 * FORBIDDEN for a READER (as the database says) who already has books: an admin demoted them
 * (see assertCanWrite), and starting a book, which makes a reader an author, would give them
 * all their books back. Call it in the transaction that creates the book.
 */
export async function assertMayStartBook(tx: Tx, actor: Actor): Promise<void> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { role: true, _count: { select: { books: true } } },
  });
  if (user.role === "READER" && user._count.books > 0) throw new DomainError("FORBIDDEN");
}

/**
 * Creates a book owned by the actor. Any signed-in user may start writing: a READER's first
 * book makes them an AUTHOR in the same transaction (`becameAuthor`; the session layer should
 * refresh the role), unless they were demoted (assertMayStartBook). A new book has no public
 * chapter, so no page changes: no tags. Once per `requestId` (lib/data/create-requests.ts): the
 * same form posted again answers with the same book.
 */
export async function createBook(
  db: Db,
  actor: Actor,
  input: unknown,
): Promise<WriteResult & { bookId: number; becameAuthor: boolean }> {
  const { requestId, ...data } = parseInput(bookCreateSchema, input);
  return transaction(db, (tx) =>
    createOnce(
      tx,
      actor,
      { kind: "book", requestId, input: data },
      {
        replay: (bookId) => ({ bookId, becameAuthor: false, tags: [] }),
        create: async () => {
          await assertMayStartBook(tx, actor);
          await checkCategoryAndTags(tx, data.categoryId, data.tagIds);
          const book = await tx.book.create({
            data: {
              authorId: actor.id,
              title: data.title,
              ...titlePinyin(data.title),
              intro: data.intro,
              categoryId: data.categoryId,
              status: data.status,
              language: data.language,
              tags: { create: data.tagIds.map((tagId) => ({ tagId })) },
            },
            select: { id: true },
          });
          const becameAuthor = await becomeAuthor(tx, actor.id);
          return { resultId: book.id, result: { bookId: book.id, becameAuthor, tags: [] } };
        },
      },
    ),
  );
}

/** Changes the given fields of a book (not in the trash). */
export async function updateBook(db: Db, actor: Actor, input: unknown): Promise<WriteResult> {
  const { bookId, tagIds, ...fields } = parseInput(bookUpdateSchema, input);
  return transaction(db, async (tx) => {
    await lockBook(tx, actor, bookId);
    await checkCategoryAndTags(tx, fields.categoryId, tagIds);
    const before = await snapshotBook(tx, bookId);
    await tx.book.update({
      where: { id: bookId },
      data: { ...fields, ...(fields.title === undefined ? {} : titlePinyin(fields.title)) },
    });
    // Downloads turned off: the files made so far go too (they would only wait for eviction).
    if (fields.downloadsEnabled === false) await tx.bookDownload.deleteMany({ where: { bookId } });
    if (tagIds) {
      await tx.bookTag.deleteMany({ where: { bookId } });
      await tx.bookTag.createMany({ data: tagIds.map((tagId) => ({ bookId, tagId })) });
    }
    return { tags: revalidationTags(before, await snapshotBook(tx, bookId)) };
  });
}

/** Moves a book to the trash: it leaves the public site with all its chapters. */
export async function trashBook(db: Db, actor: Actor, input: unknown): Promise<WriteResult> {
  const { bookId } = parseInput(bookRefSchema, input);
  return setBookDeletedAt(db, actor, bookId, "trash");
}

/** Takes a book out of the trash, as it was. */
export async function restoreBook(db: Db, actor: Actor, input: unknown): Promise<WriteResult> {
  const { bookId } = parseInput(bookRefSchema, input);
  return setBookDeletedAt(db, actor, bookId, "restore");
}

async function setBookDeletedAt(db: Db, actor: Actor, bookId: number, to: "trash" | "restore") {
  return transaction(db, async (tx) => {
    const book = await lockBook(tx, actor, bookId, { allowTrashed: true });
    if ((book.deletedAt !== null) === (to === "trash")) return { tags: [] };
    const before = await snapshotBook(tx, bookId);
    await tx.book.update({ where: { id: bookId }, data: { deletedAt: to === "trash" ? new Date() : null } });
    return { tags: revalidationTags(before, await snapshotBook(tx, bookId)) };
  });
}

export type MyBook = {
  id: number;
  title: string;
  coverUrl: string | null;
  status: BookStatus;
  category: { slug: string; name: string; nameEn: string };
  chapterCount: number;
  wordCount: number;
  viewCount: number;
  shelfCount: number;
  lastChapterTitle: string | null;
  lastPublishedAt: Date | null;
  updatedAt: Date;
  /** Chapters written but not public yet: drafts and scheduled ones (not in the trash). */
  draftsWaiting: number;
  hiddenAt: Date | null;
  deletedAt: Date | null;
};

/** The actor's own books, last updated first, and apart from them those in the trash. */
export async function listMyBooks(db: Db, actor: Actor): Promise<{ books: MyBook[]; trashed: MyBook[] }> {
  const rows = await db.book.findMany({
    where: { authorId: actor.id },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      title: true,
      coverUrl: true,
      status: true,
      category: { select: { slug: true, name: true, nameEn: true } },
      chapterCount: true,
      wordCount: true,
      viewCount: true,
      shelfCount: true,
      lastChapterTitle: true,
      lastPublishedAt: true,
      updatedAt: true,
      hiddenAt: true,
      deletedAt: true,
      _count: { select: { chapters: { where: { deletedAt: null, status: { in: ["DRAFT", "SCHEDULED"] } } } } },
    },
  });
  const books = rows.map(({ _count, ...b }) => ({ ...b, draftsWaiting: _count.chapters }));
  return { books: books.filter((b) => !b.deletedAt), trashed: books.filter((b) => b.deletedAt) };
}

/** Everything the book form edits, plus its volumes. NOT_FOUND unless the actor's (or admin). */
export async function getBookForEdit(db: Db, actor: Actor, bookId: number) {
  if (!isId(bookId)) throw new DomainError("NOT_FOUND");
  const book = await db.book.findUnique({
    where: { id: bookId },
    select: {
      id: true,
      authorId: true,
      title: true,
      intro: true,
      categoryId: true,
      status: true,
      language: true,
      downloadsEnabled: true,
      coverUrl: true,
      chapterCount: true,
      wordCount: true,
      hiddenAt: true,
      hiddenReason: true,
      deletedAt: true,
      updatedAt: true,
      tags: { select: { tagId: true }, orderBy: { tagId: "asc" } },
      volumes: { select: { id: true, title: true, position: true }, orderBy: { position: "asc" } },
    },
  });
  assertCanRead(actor, book);
  const { tags, ...rest } = book;
  return { ...rest, tagIds: tags.map((t) => t.tagId) };
}

export type BookForEdit = Awaited<ReturnType<typeof getBookForEdit>>;

/** Choices of the book form. */
export async function getBookFormOptions(db: Db) {
  const [categories, tags] = await Promise.all([
    db.category.findMany({
      select: { id: true, slug: true, name: true, nameEn: true },
      orderBy: [{ sort: "asc" }, { id: "asc" }],
    }),
    db.tag.findMany({ select: { id: true, slug: true, name: true }, orderBy: { id: "asc" } }),
  ]);
  return { categories, tags };
}
