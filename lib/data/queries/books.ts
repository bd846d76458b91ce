import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lengthWordCountRange, type ListingParams, type RankKind } from "@/lib/validation/listing";
import { statDay } from "@/lib/i18n/time";
import { bookCardSelect, publicBookSql, publicBookWhere, publicChapterWhere, type BookCard } from "./filters";

export const LISTING_PAGE_SIZE = 20;
export const RANK_SIZE = 50;

const listingOrder: Record<ListingParams["sort"], Prisma.BookOrderByWithRelationInput[]> = {
  updated: [{ lastPublishedAt: "desc" }, { id: "desc" }],
  popular: [{ viewCount: "desc" }, { id: "desc" }],
  new: [{ createdAt: "desc" }, { id: "desc" }],
  words: [{ wordCount: "desc" }, { id: "desc" }],
};

const statusFilter: Record<ListingParams["status"], Prisma.BookWhereInput> = {
  all: {},
  ongoing: { status: "ONGOING" },
  completed: { status: "COMPLETED" },
  hiatus: { status: "HIATUS" },
};

function lengthWhere(length: ListingParams["length"]): Prisma.BookWhereInput {
  const range = lengthWordCountRange(length);
  return range ? { wordCount: range } : {};
}

export type BookListing = { books: BookCard[]; total: number; pageCount: number };

export async function queryBookListing(db: Db, params: ListingParams, categoryId?: number): Promise<BookListing> {
  const where: Prisma.BookWhereInput = {
    ...publicBookWhere,
    ...statusFilter[params.status],
    ...lengthWhere(params.length),
    ...(categoryId === undefined ? {} : { categoryId }),
  };
  const [books, total] = await Promise.all([
    db.book.findMany({
      where,
      select: bookCardSelect,
      orderBy: listingOrder[params.sort],
      skip: (params.page - 1) * LISTING_PAGE_SIZE,
      take: LISTING_PAGE_SIZE,
    }),
    db.book.count({ where }),
  ]);
  return { books, total, pageCount: Math.max(1, Math.ceil(total / LISTING_PAGE_SIZE)) };
}

/** The reads rankings' windows, in days (today included, in the site's time zone). */
export const RANK_WINDOW_DAYS = { week: 7, month: 30 } as const;

/**
 * The books read most in the last `days` days, from the daily counts (BookDailyStat, on its day
 * index): the sums of a few days of rows, never every book's history.
 */
async function queryReadsRanking(db: Db, days: number, take: number, now = new Date()): Promise<BookCard[]> {
  const since = statDay(new Date(now.getTime() - (days - 1) * 86_400_000));
  const ranked = await db.$queryRaw<{ bookId: number }[]>`
    SELECT s."bookId" FROM "BookDailyStat" s JOIN "Book" b ON b.id = s."bookId"
    WHERE s.day >= ${since}::date AND s.views > 0 AND ${publicBookSql("b")}
    GROUP BY s."bookId"
    ORDER BY sum(s.views) DESC, s."bookId" DESC
    LIMIT ${take}`;
  const cards = await db.book.findMany({
    where: { id: { in: ranked.map((r) => r.bookId) } },
    select: bookCardSelect,
  });
  const byId = new Map(cards.map((c) => [c.id, c]));
  return ranked.flatMap((r) => byId.get(r.bookId) ?? []);
}

const rankQuery: Record<
  Exclude<RankKind, keyof typeof RANK_WINDOW_DAYS>,
  { where: Prisma.BookWhereInput; orderBy: Prisma.BookOrderByWithRelationInput[] }
> = {
  popular: { where: {}, orderBy: [{ viewCount: "desc" }, { id: "desc" }] },
  shelved: { where: {}, orderBy: [{ shelfCount: "desc" }, { id: "desc" }] },
  new: { where: {}, orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
  completed: { where: { status: "COMPLETED" }, orderBy: [{ viewCount: "desc" }, { id: "desc" }] },
  // The stored Bayesian average (lib/data/reviews/aggregates.ts), on its index: 0 until a book has
  // enough ratings, so only ranked books are read.
  rated: { where: { ratingScore: { gt: 0 } }, orderBy: [{ ratingScore: "desc" }, { id: "desc" }] },
};

export async function queryRanking(db: Db, kind: RankKind, take = RANK_SIZE): Promise<BookCard[]> {
  if (kind === "week" || kind === "month") return queryReadsRanking(db, RANK_WINDOW_DAYS[kind], take);
  const { where, orderBy } = rankQuery[kind];
  return db.book.findMany({ where: { ...publicBookWhere, ...where }, select: bookCardSelect, orderBy, take });
}

export async function queryLatestUpdates(db: Db, take = 30): Promise<BookCard[]> {
  return db.book.findMany({
    where: publicBookWhere,
    select: bookCardSelect,
    orderBy: [{ lastPublishedAt: "desc" }, { id: "desc" }],
    take,
  });
}

export async function queryNewestBooks(db: Db, take = 10): Promise<BookCard[]> {
  return queryRanking(db, "new", take);
}

export async function queryBookDetail(db: Db, id: number) {
  const book = await db.book.findFirst({
    where: { id, ...publicBookWhere },
    select: {
      ...bookCardSelect,
      intro: true,
      language: true,
      downloadsEnabled: true,
      updatedAt: true,
      categoryId: true,
      tags: { select: { tag: { select: { slug: true, name: true } } }, orderBy: { tag: { name: "asc" } } },
    },
  });
  if (!book) return null;
  const [latestChapters, firstChapter] = await Promise.all([
    db.chapter.findMany({
      where: { bookId: id, ...publicChapterWhere },
      select: { id: true, title: true, publishedAt: true },
      orderBy: { position: "desc" },
      take: 12,
    }),
    db.chapter.findFirst({
      where: { bookId: id, ...publicChapterWhere },
      select: { id: true, title: true },
      orderBy: { position: "asc" },
    }),
  ]);
  return { ...book, tags: book.tags.map((t) => t.tag), latestChapters, firstChapter };
}

export type BookDetail = NonNullable<Awaited<ReturnType<typeof queryBookDetail>>>;

// Just what a book's root layout needs: its language, and whether it is public at all.
export async function queryBookLanguage(db: Db, id: number): Promise<string | null> {
  const book = await db.book.findFirst({ where: { id, ...publicBookWhere }, select: { language: true } });
  return book?.language ?? null;
}

export async function queryAuthorPage(db: Db, id: number) {
  const author = await db.user.findFirst({
    where: { id, disabledAt: null, books: { some: publicBookWhere } },
    select: { id: true, name: true, bio: true },
  });
  if (!author) return null;
  const books = await db.book.findMany({
    where: { ...publicBookWhere, authorId: id },
    select: { ...bookCardSelect, intro: true },
    orderBy: [{ lastPublishedAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  return { ...author, books };
}

/** A tag's page: the tag and its public books, most read first (on BookTag's tagId index). */
export async function queryTagPage(db: Db, slug: string) {
  const tag = await db.tag.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!tag) return null;
  const books = await db.book.findMany({
    where: { ...publicBookWhere, tags: { some: { tagId: tag.id } } },
    select: { ...bookCardSelect, intro: true },
    orderBy: [{ viewCount: "desc" }, { id: "desc" }],
    take: 100,
  });
  return { ...tag, books };
}

/** A tag with a public book, for the tag page's build-time sample. */
export async function querySampleTag(db: Db): Promise<string | null> {
  const tag = await db.tag.findFirst({
    where: { books: { some: { book: publicBookWhere } } },
    select: { slug: true },
    orderBy: { id: "asc" },
  });
  return tag?.slug ?? null;
}

export async function queryCategories(db: Db) {
  return db.category.findMany({
    select: { id: true, slug: true, name: true, nameEn: true },
    orderBy: [{ sort: "asc" }, { id: "asc" }],
  });
}

export async function queryCategoryBySlug(db: Db, slug: string) {
  return db.category.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, nameEn: true } });
}

// A real id for each dynamic route's generateStaticParams (Cache Components wants one).
export async function querySampleBook(db: Db) {
  const book = await db.book.findFirst({
    where: publicBookWhere,
    select: { id: true, categoryId: true, author: { select: { id: true } } },
    orderBy: [{ viewCount: "desc" }, { id: "asc" }],
  });
  if (!book) return null;
  const chapter = await db.chapter.findFirst({
    where: { bookId: book.id, ...publicChapterWhere },
    select: { id: true },
    orderBy: { position: "asc" },
  });
  return { bookId: book.id, authorId: book.author.id, chapterId: chapter?.id ?? null };
}
