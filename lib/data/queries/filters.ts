import { Prisma } from "@/lib/generated/prisma/client";

// What the public site may show. Every public read goes through these two filters (or, in raw
// SQL, through publicBookSql / publicChapterSql below, which say the same).
export const publicBookWhere = {
  deletedAt: null,
  hiddenAt: null,
  chapterCount: { gt: 0 },
} satisfies Prisma.BookWhereInput;

export const publicChapterWhere = {
  status: "PUBLISHED",
  deletedAt: null,
} satisfies Prisma.ChapterWhereInput;

/** publicBookWhere for raw SQL, on the "Book" row named `alias` (a constant, never input). */
export function publicBookSql(alias: string): Prisma.Sql {
  return Prisma.raw(`${alias}."deletedAt" IS NULL AND ${alias}."hiddenAt" IS NULL AND ${alias}."chapterCount" > 0`);
}

/** publicChapterWhere for raw SQL, on the "Chapter" row named `alias` (a constant, never input). */
export function publicChapterSql(alias: string): Prisma.Sql {
  return Prisma.raw(`${alias}.status = 'PUBLISHED' AND ${alias}."deletedAt" IS NULL`);
}

// The fields a book card or list row needs: never the intro or bodies.
export const bookCardSelect = {
  id: true,
  title: true,
  status: true,
  wordCount: true,
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
