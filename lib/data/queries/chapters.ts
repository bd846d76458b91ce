import type { Db } from "@/lib/db/client";
import { paginateChapter } from "@/lib/text/paginate";
import { publicBookWhere, publicChapterWhere } from "./filters";

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

export async function queryChapterPage(db: Db, bookId: number, chapterId: number, pageChars: number) {
  const chapter = await db.chapter.findFirst({
    where: { id: chapterId, bookId, ...publicChapterWhere, book: publicBookWhere },
    select: {
      id: true,
      title: true,
      position: true,
      wordCount: true,
      publishedAt: true,
      updatedAt: true,
      content: { select: { body: true, authorNote: true } },
      book: {
        select: {
          id: true,
          title: true,
          language: true,
          categoryId: true,
          coverUrl: true,
          author: { select: { id: true, name: true } },
          category: { select: { slug: true, name: true, nameEn: true } },
        },
      },
    },
  });
  if (!chapter) return null;
  const [prev, next] = await Promise.all([
    db.chapter.findFirst({
      where: { bookId, ...publicChapterWhere, position: { lt: chapter.position } },
      select: { id: true, title: true },
      orderBy: { position: "desc" },
    }),
    db.chapter.findFirst({
      where: { bookId, ...publicChapterWhere, position: { gt: chapter.position } },
      select: { id: true, title: true },
      orderBy: { position: "asc" },
    }),
  ]);
  const { content, ...meta } = chapter;
  return {
    ...meta,
    pages: paginateChapter(content?.body ?? "", pageChars),
    authorNote: content?.authorNote ?? "",
    prev,
    next,
  };
}

export type ChapterPage = NonNullable<Awaited<ReturnType<typeof queryChapterPage>>>;
