import { TAGS } from "@/lib/data/cache-tags";
import { isPublicBook, publicChapterWhere } from "@/lib/data/queries/filters";
import type { Tx } from "./tx";

/**
 * Cache tags a write must revalidate. Data-layer writes return them; the server action calls
 *
 *   for (const tag of result.tags) updateTag(tag);
 *
 * In Next 16, `updateTag` (server actions only) expires the tag at once, so the next request,
 * a logged-out reader's included, waits for fresh data instead of being served the stale page:
 * the read-your-own-writes an author expects after pressing "publish". `revalidateTag(tag,
 * "max")` would serve the old page once more while refreshing in the background, so it is not
 * used for author writes. Outside a server action (the scheduled-publication job runs in a
 * route handler or timer), use `revalidateTag(tag, { expire: 0 })`, which has the same effect.
 *
 * What each tag covers is in lib/data/cache-tags.ts. The rule: a write expires the pages whose
 * content it changed and nothing else. Publishing, editing, moving or trashing a chapter expires
 * that chapter's pages, the pages of the chapters whose previous/next link changed (its old and
 * new neighbours), the book's index pages (`toc:<id>`), and the lists only when a field a book
 * card shows changed. Other books' pages and the book's other chapter pages keep their cache.
 * A change to what every page of the book shows (title, category, language, cover, or the book
 * entering or leaving the public site) expires them all (`book:<id>`).
 */

/** What the public site shows of a book, read inside the write's transaction. */
export type BookSnapshot = {
  id: number;
  authorId: number;
  categorySlug: string;
  title: string;
  intro: string;
  status: string;
  language: string;
  coverUrl: string | null;
  wordCount: number;
  chapterCount: number;
  lastChapterId: number | null;
  lastChapterTitle: string | null;
  lastPublishedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  downloadsEnabled: boolean;
  tagIds: number[];
};

export async function snapshotBook(tx: Tx, bookId: number): Promise<BookSnapshot> {
  const b = await tx.book.findUniqueOrThrow({
    where: { id: bookId },
    select: {
      id: true,
      authorId: true,
      title: true,
      intro: true,
      status: true,
      language: true,
      coverUrl: true,
      wordCount: true,
      chapterCount: true,
      lastChapterId: true,
      lastChapterTitle: true,
      lastPublishedAt: true,
      deletedAt: true,
      hiddenAt: true,
      downloadsEnabled: true,
      category: { select: { slug: true } },
      tags: { select: { tagId: true }, orderBy: { tagId: "asc" } },
    },
  });
  const { category, tags, ...rest } = b;
  return { ...rest, categorySlug: category.slug, tagIds: tags.map((t) => t.tagId) };
}

export { isPublicBook };

/** Ids of the book's public chapters in reading order, as the chapter pages link them. */
export async function publicChapterOrder(tx: Tx, bookId: number): Promise<number[]> {
  const rows = await tx.chapter.findMany({
    where: { bookId, ...publicChapterWhere },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * Chapters whose public page changed when the public reading order went from `before` to
 * `after`: those that entered or left it, and those whose previous or next chapter is another.
 */
export function chaptersWithNewNeighbours(before: readonly number[], after: readonly number[]): number[] {
  const links = (order: readonly number[]) =>
    new Map(order.map((id, i) => [id, `${order[i - 1] ?? 0}:${order[i + 1] ?? 0}`] as const));
  const was = links(before);
  const now = links(after);
  const changed = new Set<number>();
  for (const [id, link] of now) if (was.get(id) !== link) changed.add(id);
  for (const id of was.keys()) if (!now.has(id)) changed.add(id);
  return [...changed];
}

// What every page of the book shows of it (the chapter pages included).
const DISPLAY_FIELDS = [
  "title",
  "categorySlug",
  "language",
  "coverUrl",
] as const satisfies readonly (keyof BookSnapshot)[];

// Fields of a book card (lib/data/queries/filters.ts bookCardSelect).
const CARD_FIELDS = [
  "title",
  "status",
  "coverUrl",
  "wordCount",
  "chapterCount",
  "lastChapterId",
  "lastChapterTitle",
  "lastPublishedAt",
  "categorySlug",
] as const satisfies readonly (keyof BookSnapshot)[];

// Fields only the book's own index pages show (the book page's download link among them).
const INDEX_FIELDS = [
  "intro",
  "language",
  "tagIds",
  "downloadsEnabled",
] as const satisfies readonly (keyof BookSnapshot)[];

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

export type RevalidationChanges = {
  /** Public chapters whose own page changed (text, title, author's note). */
  chapterIds?: readonly number[];
  /** The book's public reading order before and after the write (publicChapterOrder). */
  order?: { before: readonly number[]; after: readonly number[] };
  /** Something only the book's index pages show changed (its volumes). */
  indexChanged?: boolean;
};

/** Tags to revalidate after a write that changed `before` into `after`. */
export function revalidationTags(
  before: BookSnapshot,
  after: BookSnapshot,
  changes: RevalidationChanges = {},
): string[] {
  const wasPublic = isPublicBook(before);
  const nowPublic = isPublicBook(after);
  if (!wasPublic && !nowPublic) return [];
  const tags = new Set<string>();
  const changedField = (fields: readonly (keyof BookSnapshot)[]) => fields.some((f) => !same(before[f], after[f]));
  const chapterIds = new Set(changes.chapterIds);
  if (changes.order)
    for (const id of chaptersWithNewNeighbours(changes.order.before, changes.order.after)) chapterIds.add(id);
  const cardChanged = wasPublic !== nowPublic || changedField(CARD_FIELDS);
  if (wasPublic !== nowPublic || changedField(DISPLAY_FIELDS)) {
    tags.add(TAGS.book(after.id));
  } else {
    for (const id of chapterIds) tags.add(TAGS.chapter(id));
  }
  if (cardChanged || chapterIds.size > 0 || changes.indexChanged || changedField(INDEX_FIELDS)) {
    tags.add(TAGS.toc(after.id));
  }
  const chapterLeft = changes.order?.before.some((id) => !changes.order!.after.includes(id)) ?? false;
  if ((wasPublic && !nowPublic) || (nowPublic && chapterLeft)) tags.add(TAGS.sitemap);
  if (cardChanged) {
    tags.add(TAGS.books);
    tags.add(TAGS.home);
    tags.add(TAGS.author(after.authorId));
    tags.add(TAGS.category(before.categorySlug));
    tags.add(TAGS.category(after.categorySlug));
  }
  return [...tags];
}
