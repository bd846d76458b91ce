import type { Prisma } from "@/lib/generated/prisma/client";

// What the public site may show. Every public read goes through these two filters.
export const publicBookWhere = {
  deletedAt: null,
  hiddenAt: null,
  chapterCount: { gt: 0 },
} satisfies Prisma.BookWhereInput;

export const publicChapterWhere = {
  status: "PUBLISHED",
  deletedAt: null,
} satisfies Prisma.ChapterWhereInput;

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
