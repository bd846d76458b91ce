import type { Db } from "@/lib/db/client";
import { publicBookWhere, publicChapterWhere } from "./filters";

export const FEED_SIZE = 30;

/** A public book and its latest published chapters, newest first; null when not public. */
export async function queryBookFeed(db: Db, bookId: number, take = FEED_SIZE) {
  const book = await db.book.findFirst({
    where: { id: bookId, ...publicBookWhere },
    select: {
      id: true,
      title: true,
      intro: true,
      language: true,
      coverUrl: true,
      updatedAt: true,
      lastPublishedAt: true,
      author: { select: { id: true, name: true } },
    },
  });
  if (!book) return null;
  const chapters = await db.chapter.findMany({
    where: { bookId, ...publicChapterWhere },
    select: { id: true, title: true, wordCount: true, publishedAt: true, updatedAt: true },
    orderBy: { position: "desc" },
    take,
  });
  return { book, chapters };
}

export type BookFeed = NonNullable<Awaited<ReturnType<typeof queryBookFeed>>>;
