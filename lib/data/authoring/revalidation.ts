import { TAGS } from "@/lib/data/cache-tags";
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
 * Public pages of a book (book page, table of contents, chapter pages) are tagged `book:<id>`;
 * lists showing book cards (home, listings, rankings, category and author pages) are tagged
 * `books`, `home`, `category:<slug>` and `author:<id>`. A book's pages are revalidated only when
 * the book is public before or after the write and something public changed; the lists only
 * when a field a card shows changed or the book entered or left the public site.
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
      category: { select: { slug: true } },
      tags: { select: { tagId: true }, orderBy: { tagId: "asc" } },
    },
  });
  const { category, tags, ...rest } = b;
  return { ...rest, categorySlug: category.slug, tagIds: tags.map((t) => t.tagId) };
}

export function isPublicBook(b: BookSnapshot): boolean {
  return b.deletedAt === null && b.hiddenAt === null && b.chapterCount > 0;
}

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

// Fields only the book's own pages show.
const PAGE_FIELDS = ["intro", "language", "tagIds"] as const satisfies readonly (keyof BookSnapshot)[];

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/**
 * Tags to revalidate after a write that changed `before` into `after`.
 * `pagesChanged`: the write changed something the book's public pages show beyond the book row
 * (a published chapter's text, the order of published chapters, volumes); `chapterIds`: public
 * chapters whose own page changed.
 */
export function revalidationTags(
  before: BookSnapshot,
  after: BookSnapshot,
  opts: { pagesChanged?: boolean; chapterIds?: readonly number[] } = {},
): string[] {
  const wasPublic = isPublicBook(before);
  const nowPublic = isPublicBook(after);
  if (!wasPublic && !nowPublic) return [];
  const cardChanged = wasPublic !== nowPublic || CARD_FIELDS.some((f) => !same(before[f], after[f]));
  const pageChanged =
    cardChanged ||
    Boolean(opts.pagesChanged) ||
    (opts.chapterIds?.length ?? 0) > 0 ||
    PAGE_FIELDS.some((f) => !same(before[f], after[f]));
  if (!pageChanged) return [];
  const tags = new Set<string>([TAGS.book(after.id), ...(opts.chapterIds ?? []).map(TAGS.chapter)]);
  if (cardChanged) {
    tags.add(TAGS.books);
    tags.add(TAGS.home);
    tags.add(TAGS.author(after.authorId));
    tags.add(TAGS.category(before.categorySlug));
    tags.add(TAGS.category(after.categorySlug));
  }
  return [...tags];
}
