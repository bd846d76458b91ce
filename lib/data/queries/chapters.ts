import type { Db } from "@/lib/db/client";
import { paginateChapterWithIndex } from "@/lib/text/paginate";
import { Prisma } from "@/lib/generated/prisma/client";
import { publicBookSql, publicBookWhere, publicChapterSql, publicChapterWhere } from "./filters";

export async function queryTableOfContents(db: Db, bookId: number) {
  const book = await db.book.findFirst({
    where: { id: bookId, ...publicBookWhere },
    select: {
      id: true,
      title: true,
      language: true,
      chapterCount: true,
      author: { select: { id: true, name: true } },
      category: { select: { slug: true, name: true, nameEn: true } },
    },
  });
  if (!book) return null;
  const [volumes, chapters] = await Promise.all([
    db.volume.findMany({ where: { bookId }, select: { id: true, title: true }, orderBy: { position: "asc" } }),
    db.chapter.findMany({
      where: { bookId, ...publicChapterWhere },
      select: { id: true, title: true, volumeId: true },
      orderBy: { position: "asc" },
    }),
  ]);
  // Chapters keep reading order; a volume groups the chapters that belong to it. Chapters
  // without a volume come first, under the default heading.
  const groups: { id: number | null; title: string | null; chapters: { id: number; title: string }[] }[] = [];
  const byVolume = new Map<number | null, (typeof groups)[number]>();
  const loose = { id: null, title: null, chapters: [] as { id: number; title: string }[] };
  byVolume.set(null, loose);
  groups.push(loose);
  for (const v of volumes) {
    const group = { id: v.id, title: v.title, chapters: [] as { id: number; title: string }[] };
    byVolume.set(v.id, group);
    groups.push(group);
  }
  for (const c of chapters) (byVolume.get(c.volumeId) ?? loose).chapters.push({ id: c.id, title: c.title });
  return { book, volumes: groups.filter((g) => g.chapters.length > 0), chapterTotal: chapters.length };
}

export type TableOfContents = NonNullable<Awaited<ReturnType<typeof queryTableOfContents>>>;

type ChapterRow = {
  id: number;
  title: string;
  wordCount: number;
  publishedAt: Date | null;
  updatedAt: Date;
  body: string | null;
  authorNote: string | null;
  bookId: number;
  bookTitle: string;
  language: string;
  categoryId: number;
  coverUrl: string | null;
  authorId: number;
  authorName: string;
  categorySlug: string;
  categoryName: string;
  categoryNameEn: string;
  prevId: number | null;
  nextId: number | null;
};

/**
 * A public chapter of a public book, ready for its reading page: text split into sub-pages, the
 * book's display fields, and the previous and next public chapters. One query (the reading
 * page's cold render is what crawlers pay for): the neighbours are the two adjacent positions on
 * the (bookId, status, position) index.
 */
export async function queryChapterPage(db: Db, bookId: number, chapterId: number, pageChars: number) {
  const [row] = await db.$queryRaw<ChapterRow[]>(Prisma.sql`
    SELECT c.id, c.title, c."wordCount", c."publishedAt", c."updatedAt",
      cc.body, cc."authorNote",
      b.id AS "bookId", b.title AS "bookTitle", b.language, b."categoryId", b."coverUrl",
      u.id AS "authorId", u.name AS "authorName",
      cat.slug AS "categorySlug", cat.name AS "categoryName", cat."nameEn" AS "categoryNameEn",
      (SELECT p.id FROM "Chapter" p
        WHERE p."bookId" = c."bookId" AND ${publicChapterSql("p")} AND p.position < c.position
        ORDER BY p.position DESC LIMIT 1) AS "prevId",
      (SELECT n.id FROM "Chapter" n
        WHERE n."bookId" = c."bookId" AND ${publicChapterSql("n")} AND n.position > c.position
        ORDER BY n.position ASC LIMIT 1) AS "nextId"
    FROM "Chapter" c
    JOIN "Book" b ON b.id = c."bookId"
    JOIN "User" u ON u.id = b."authorId"
    JOIN "Category" cat ON cat.id = b."categoryId"
    LEFT JOIN "ChapterContent" cc ON cc."chapterId" = c.id
    WHERE c.id = ${chapterId} AND c."bookId" = ${bookId} AND ${publicChapterSql("c")} AND ${publicBookSql("b")}`);
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    wordCount: row.wordCount,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    book: {
      id: row.bookId,
      title: row.bookTitle,
      language: row.language,
      categoryId: row.categoryId,
      coverUrl: row.coverUrl,
      author: { id: row.authorId, name: row.authorName },
      category: { slug: row.categorySlug, name: row.categoryName, nameEn: row.categoryNameEn },
    },
    ...paginateChapterWithIndex(row.body ?? "", pageChars),
    authorNote: row.authorNote ?? "",
    prev: row.prevId === null ? null : { id: row.prevId },
    next: row.nextId === null ? null : { id: row.nextId },
  };
}

export type ChapterPage = NonNullable<Awaited<ReturnType<typeof queryChapterPage>>>;
