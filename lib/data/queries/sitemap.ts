import type { Db } from "@/lib/db/client";
import { chapterHref } from "@/lib/chapter-links";
import { Prisma } from "@/lib/generated/prisma/client";
import { publicBookSql, publicBookWhere, publicChapterSql } from "./filters";

/** The sitemap protocol's limit of URLs per file. */
export const SITEMAP_MAX_URLS = 50_000;
/**
 * Chapter files are filled up to this many URLs (whole id buckets); the margin below the limit
 * leaves room for chapters published into a file's range after the index was computed. The
 * file itself still stops at SITEMAP_MAX_URLS whatever happens.
 */
export const CHAPTER_FILE_URLS = 45_000;
/** Books per books file: each book has two URLs (its page and its table of contents). */
export const BOOKS_PER_FILE = 20_000;

/** One chapters file: the public chapters with ids in (afterId, lastId]. */
export type ChapterRange = { afterId: number; lastId: number; urls: number; lastModified: Date | null };

export type SitemapIndex = {
  /** Last update of anything public, for the site file. */
  lastModified: Date | null;
  /** Books files cover book ids in (k * BOOKS_PER_FILE, (k + 1) * BOOKS_PER_FILE]. */
  bookFiles: { lastModified: Date | null }[];
  chapterFiles: ChapterRange[];
};

/** Chapter ids are summed in buckets of this many ids, then buckets are packed into files. */
const ID_BUCKET = 1000;

// The files of the sitemap index. Chapter files are whole id buckets packed greedily up to
// CHAPTER_FILE_URLS URLs, from one aggregate over the published chapters (cached by the caller;
// about a second on two million chapters), so each file is then a range scan on the primary
// key: keyset pagination, never OFFSET. Chapters of hidden or deleted books count here but are
// left out of the file, which then just holds fewer URLs.
export async function querySitemapIndex(db: Db): Promise<SitemapIndex> {
  const [buckets, books, latest] = await Promise.all([
    db.$queryRaw<{ bucket: number; urls: bigint; lastId: number; lastModified: Date }[]>(Prisma.sql`
      SELECT (c.id / ${ID_BUCKET})::int AS bucket, sum(c."pageCount") AS urls, max(c.id) AS "lastId",
             max(c."updatedAt") AS "lastModified"
        FROM "Chapter" c
       WHERE ${publicChapter}
       GROUP BY 1 ORDER BY 1`),
    db.$queryRaw<{ file: number; lastModified: Date | null }[]>(Prisma.sql`
      SELECT ((b.id - 1) / ${BOOKS_PER_FILE})::int AS file,
             max(greatest(b."updatedAt", b."lastPublishedAt")) AS "lastModified"
        FROM "Book" b
       WHERE ${publicBook}
       GROUP BY 1 ORDER BY 1`),
    db.book.aggregate({ where: publicBookWhere, _max: { lastPublishedAt: true, updatedAt: true } }),
  ]);
  const chapterFiles: ChapterRange[] = [];
  for (const b of buckets) {
    const urls = Number(b.urls);
    const current = chapterFiles.at(-1);
    if (current && current.urls + urls <= CHAPTER_FILE_URLS) {
      current.urls += urls;
      current.lastId = b.lastId;
      current.lastModified = latestOf(current.lastModified, b.lastModified);
    } else {
      chapterFiles.push({ afterId: current?.lastId ?? 0, lastId: b.lastId, urls, lastModified: b.lastModified });
    }
  }
  const lastFile = books.at(-1)?.file ?? -1;
  const bookFiles = Array.from({ length: lastFile + 1 }, (_, k) => ({
    lastModified: books.find((b) => b.file === k)?.lastModified ?? null,
  }));
  const lastModified = latestOf(latest._max.lastPublishedAt, latest._max.updatedAt);
  return { lastModified, bookFiles, chapterFiles };
}

// The rule of public (filters.ts) in SQL, for the aggregate Prisma cannot express and the
// 50,000-row file query, which Prisma's relation filter makes ten times slower.
const publicChapter = publicChapterSql("c");
const publicBook = publicBookSql("b");

export type SitemapUrl = { path: string; lastModified: Date | null };

/** Home, the listing pages and every category that has a public book. */
export async function querySiteUrls(db: Db, rankKinds: readonly string[]): Promise<SitemapUrl[]> {
  const [categories, latest] = await Promise.all([
    db.book.groupBy({
      by: ["categoryId"],
      where: publicBookWhere,
      _max: { lastPublishedAt: true },
    }),
    db.book.aggregate({ where: publicBookWhere, _max: { lastPublishedAt: true } }),
  ]);
  const slugs = await db.category.findMany({
    where: { id: { in: categories.map((c) => c.categoryId) } },
    select: { id: true, slug: true },
    orderBy: [{ sort: "asc" }, { id: "asc" }],
  });
  const lastModified = latest._max.lastPublishedAt;
  return [
    { path: "/", lastModified },
    { path: "/books", lastModified },
    ...rankKinds.map((kind) => ({ path: `/rank/${kind}`, lastModified })),
    ...slugs.map((c) => ({
      path: `/category/${c.slug}`,
      lastModified: categories.find((g) => g.categoryId === c.id)?._max.lastPublishedAt ?? null,
    })),
  ];
}

/** Book pages and tables of contents of books file `file` (0-based). */
export async function queryBookUrls(db: Db, file: number): Promise<SitemapUrl[]> {
  const books = await db.book.findMany({
    where: { id: { gt: file * BOOKS_PER_FILE, lte: (file + 1) * BOOKS_PER_FILE }, ...publicBookWhere },
    select: { id: true, updatedAt: true, lastPublishedAt: true },
    orderBy: { id: "asc" },
  });
  return books.flatMap((b) => {
    const lastModified = latestOf(b.updatedAt, b.lastPublishedAt);
    return [
      { path: `/book/${b.id}`, lastModified },
      { path: `/book/${b.id}/toc`, lastModified },
    ];
  });
}

/** Every sub-page of the public chapters with ids in (afterId, lastId], at most SITEMAP_MAX_URLS. */
export async function queryChapterUrls(db: Db, range: { afterId: number; lastId: number }): Promise<SitemapUrl[]> {
  const chapters = await db.$queryRaw<
    { id: number; bookId: number; pageCount: number; updatedAt: Date; publishedAt: Date | null }[]
  >(Prisma.sql`
    SELECT c.id, c."bookId", c."pageCount", c."updatedAt", c."publishedAt"
      FROM "Chapter" c JOIN "Book" b ON b.id = c."bookId"
     WHERE c.id > ${range.afterId} AND c.id <= ${range.lastId} AND ${publicChapter} AND ${publicBook}
     ORDER BY c.id
     LIMIT ${SITEMAP_MAX_URLS}`);
  const urls: SitemapUrl[] = [];
  for (const c of chapters) {
    const lastModified = latestOf(c.updatedAt, c.publishedAt);
    for (let page = 1; page <= Math.max(1, c.pageCount) && urls.length < SITEMAP_MAX_URLS; page++) {
      urls.push({ path: chapterHref(c.bookId, c.id, page), lastModified });
    }
  }
  return urls;
}

function latestOf(...dates: (Date | null | undefined)[]): Date | null {
  let latest: Date | null = null;
  for (const d of dates) if (d && (!latest || d > latest)) latest = d;
  return latest;
}
