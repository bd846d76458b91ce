import { Prisma } from "@/lib/generated/prisma/client";

// What the public site may show, said once for TypeScript: Prisma `where` fragments, predicates
// over a row, and raw-SQL fragments that call the SQL functions of the same rule
// (prisma/migrations/20261204110000_public_rule, which the search index's trigger uses too).
// lib/data/public-rule.test.ts checks every form agrees on the same books and chapters.
export const publicBookWhere = {
  deletedAt: null,
  hiddenAt: null,
  chapterCount: { gt: 0 },
} satisfies Prisma.BookWhereInput;

export const publicChapterWhere = {
  status: "PUBLISHED",
  deletedAt: null,
} satisfies Prisma.ChapterWhereInput;

/** A moment as a row holds it: a Date, or milliseconds (the seed generator's rows). */
type Moment = Date | number;

/** publicBookWhere over a row already read. */
export function isPublicBook(b: { deletedAt: Moment | null; hiddenAt: Moment | null; chapterCount: number }): boolean {
  return b.deletedAt === null && b.hiddenAt === null && b.chapterCount > 0;
}

/** publicChapterWhere over a row already read. */
export function isPublicChapter(c: { status: string; deletedAt: Moment | null }): boolean {
  return c.status === "PUBLISHED" && c.deletedAt === null;
}

/** publicBookWhere for raw SQL, on the "Book" row named `alias` (a constant, never input). */
export function publicBookSql(alias: string): Prisma.Sql {
  return Prisma.raw(`shuhai_book_is_public(${alias}."deletedAt", ${alias}."hiddenAt", ${alias}."chapterCount")`);
}

/** publicChapterWhere for raw SQL, on the "Chapter" row named `alias` (a constant, never input). */
export function publicChapterSql(alias: string): Prisma.Sql {
  return Prisma.raw(`shuhai_chapter_is_public(${alias}.status, ${alias}."deletedAt")`);
}

// The fields a book card or list row needs: never the intro or bodies.
export const bookCardSelect = {
  id: true,
  title: true,
  status: true,
  wordCount: true,
  language: true,
  chapterCount: true,
  viewCount: true,
  shelfCount: true,
  lastChapterId: true,
  lastChapterTitle: true,
  lastPublishedAt: true,
  createdAt: true,
  coverUrl: true,
  author: { select: { id: true, name: true } },
  category: { select: { slug: true, name: true, nameEn: true } },
} satisfies Prisma.BookSelect;

export type BookCard = Prisma.BookGetPayload<{ select: typeof bookCardSelect }>;
