import type { Db } from "@/lib/db/client";
import type {
  Book,
  BookStatus,
  Category,
  Chapter,
  ChapterStatus,
  Role,
  Tag,
  User,
  Volume,
} from "@/lib/generated/prisma/client";
import { publicChapterWhere } from "@/lib/data/queries/filters";
import { countPages, DEFAULT_CHAPTER_PAGE_CHARS } from "@/lib/text/paginate";
import { countWords } from "@/lib/text/word-count";
import { titlePinyin } from "@/lib/search/pinyin";

// Small builders for database tests. Chapters are written the way the author tools write them
// (a row, its content, its word and sub-page counts) and the book's denormalised counters are then recomputed
// from its public chapters, as a real publish, schedule or delete leaves them.

let sequence = 0;
const next = () => ++sequence;

export async function createUser(
  db: Db,
  data: { name?: string; bio?: string; disabledAt?: Date | null; role?: Role } = {},
): Promise<User> {
  const n = next();
  return db.user.create({
    data: { email: `user${n}@example.test`, name: data.name ?? `作者${n}`, passwordHash: "x", role: "AUTHOR", ...data },
    omit: { passwordHash: false },
  });
}

export async function createCategory(
  db: Db,
  data: { slug?: string; name?: string; nameEn?: string; sort?: number } = {},
): Promise<Category> {
  const n = next();
  return db.category.create({
    data: {
      slug: data.slug ?? `category-${n}`,
      name: data.name ?? `分类${n}`,
      nameEn: data.nameEn ?? `Category ${n}`,
      sort: data.sort ?? 0,
    },
  });
}

export async function createTag(db: Db, data: { slug?: string; name?: string } = {}): Promise<Tag> {
  const n = next();
  return db.tag.create({ data: { slug: data.slug ?? `tag-${n}`, name: data.name ?? `标签${n}` } });
}

export interface BookInput {
  authorId?: number;
  categoryId?: number;
  title?: string;
  intro?: string;
  status?: BookStatus;
  language?: string;
  viewCount?: number;
  shelfCount?: number;
  createdAt?: Date;
  deletedAt?: Date | null;
  hiddenAt?: Date | null;
}

/** A book without chapters: not public until a chapter is published. */
export async function createBook(db: Db, input: BookInput = {}): Promise<Book> {
  const { authorId, categoryId, title: given, ...rest } = input;
  const title = given ?? `书${next()}`;
  return db.book.create({
    data: {
      title,
      ...titlePinyin(title),
      authorId: authorId ?? (await createUser(db)).id,
      categoryId: categoryId ?? (await createCategory(db)).id,
      ...rest,
    },
  });
}

export async function createVolume(db: Db, bookId: number, title: string): Promise<Volume> {
  const last = await db.volume.findFirst({
    where: { bookId },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  return db.volume.create({ data: { bookId, title, position: (last?.position ?? 0) + 1 } });
}

/** A body of exactly `words` Chinese characters, in paragraphs of at most `paragraphChars` of them. */
export function chineseBody(words: number, paragraphChars = 100): string {
  const paragraphs: string[] = [];
  for (let left = words; left > 0; left -= paragraphChars) {
    paragraphs.push(`${"书".repeat(Math.min(left, paragraphChars))}。`);
  }
  return paragraphs.join("\n");
}

export interface ChapterInput {
  title?: string;
  body?: string;
  authorNote?: string;
  /** Defaults to PUBLISHED. */
  status?: ChapterStatus;
  volumeId?: number | null;
  /** When a PUBLISHED chapter went public; defaults to now. */
  publishedAt?: Date;
  deletedAt?: Date | null;
}

/** Appends a chapter (with its content) at the end of the book and updates the book's counters. */
export async function addChapter(db: Db, bookId: number, input: ChapterInput = {}): Promise<Chapter> {
  const status = input.status ?? "PUBLISHED";
  const body = input.body ?? "正文。";
  const position = (await lastPosition(db, bookId)) + 1;
  const chapter = await db.chapter.create({
    data: {
      bookId,
      position,
      volumeId: input.volumeId ?? null,
      title: input.title ?? `第${position}章`,
      wordCount: countWords(body),
      pageCount: countPages(body, DEFAULT_CHAPTER_PAGE_CHARS),
      status,
      publishAt: status === "SCHEDULED" ? new Date(Date.now() + 86_400_000) : null,
      publishedAt: status === "PUBLISHED" ? (input.publishedAt ?? new Date()) : null,
      deletedAt: input.deletedAt ?? null,
      content: { create: { body, authorNote: input.authorNote ?? "" } },
    },
  });
  await syncBookCounters(db, bookId);
  return chapter;
}

/**
 * Appends `count` published chapters in bulk (a few statements whatever the count), titled
 * `第N章` by position; publication times rise by a second per chapter up to `lastPublishedAt`.
 */
export async function addPublishedChapters(
  db: Db,
  bookId: number,
  count: number,
  opts: { volumeId?: number | null; wordsPerChapter?: number; lastPublishedAt?: Date } = {},
): Promise<Chapter[]> {
  const first = (await lastPosition(db, bookId)) + 1;
  const body = chineseBody(opts.wordsPerChapter ?? 10);
  const end = (opts.lastPublishedAt ?? new Date()).getTime();
  const chapters = await db.chapter.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      bookId,
      position: first + i,
      volumeId: opts.volumeId ?? null,
      title: `第${first + i}章`,
      wordCount: countWords(body),
      pageCount: countPages(body, DEFAULT_CHAPTER_PAGE_CHARS),
      status: "PUBLISHED" as const,
      publishedAt: new Date(end - (count - 1 - i) * 1000),
    })),
  });
  await db.chapterContent.createMany({ data: chapters.map((c) => ({ chapterId: c.id, body })) });
  await syncBookCounters(db, bookId);
  return chapters.sort((a, b) => a.position - b.position);
}

/**
 * A public book: `chapters` published chapters holding `words` characters in all (spread as
 * evenly as possible), the last one published at `lastPublishedAt`.
 */
export async function createPublishedBook(
  db: Db,
  input: BookInput & { chapters?: number; words?: number; lastPublishedAt?: Date } = {},
): Promise<Book> {
  const { chapters = 1, words = chapters * 10, lastPublishedAt = new Date(), ...bookInput } = input;
  const book = await createBook(db, bookInput);
  for (let i = 0; i < chapters; i++) {
    const share = Math.floor(words / chapters) + (i < words % chapters ? 1 : 0);
    await addChapter(db, book.id, {
      body: chineseBody(share),
      publishedAt: new Date(lastPublishedAt.getTime() - (chapters - 1 - i) * 1000),
    });
  }
  return db.book.findUniqueOrThrow({ where: { id: book.id } });
}

/** Recomputes the book's counters from its public chapters. */
export async function syncBookCounters(db: Db, bookId: number): Promise<void> {
  const published = { bookId, ...publicChapterWhere };
  const [totals, last] = await Promise.all([
    db.chapter.aggregate({
      where: published,
      _count: { _all: true },
      _sum: { wordCount: true },
      _max: { publishedAt: true },
    }),
    db.chapter.findFirst({ where: published, orderBy: { position: "desc" }, select: { id: true, title: true } }),
  ]);
  await db.book.update({
    where: { id: bookId },
    data: {
      chapterCount: totals._count._all,
      wordCount: totals._sum.wordCount ?? 0,
      lastChapterId: last?.id ?? null,
      lastChapterTitle: last?.title ?? null,
      lastPublishedAt: totals._max.publishedAt,
    },
  });
}

async function lastPosition(db: Db, bookId: number): Promise<number> {
  const last = await db.chapter.findFirst({
    where: { bookId },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  return last?.position ?? 0;
}
