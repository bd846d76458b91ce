import { describe, expect, it } from "vitest";
import { TAGS } from "@/lib/data/cache-tags";
import { type BookSnapshot, chaptersWithNewNeighbours, revalidationTags } from "./revalidation";

// The pure part of the tag scheme (lib/data/cache-tags.ts): which chapter pages a change of the
// public reading order touches, and which tags a write that changed one snapshot of a book into
// another expires. No database: the snapshots are written out by hand.

const BOOK = 7;
const AUTHOR = 3;
/** The book's six public chapters, in reading order. */
const ORDER = [101, 102, 103, 104, 105, 106] as const;

/** A public book with the chapters of ORDER, 100 characters each. */
function snapshot(change: Partial<BookSnapshot> = {}): BookSnapshot {
  return {
    id: BOOK,
    authorId: AUTHOR,
    categorySlug: "wuxia",
    title: "剑来",
    intro: "少年离家。",
    status: "ONGOING",
    language: "zh",
    coverUrl: null,
    wordCount: 600,
    chapterCount: 6,
    lastChapterId: 106,
    lastChapterTitle: "第六章",
    lastPublishedAt: new Date("2026-03-06T10:00:00Z"),
    deletedAt: null,
    hiddenAt: null,
    downloadsEnabled: true,
    tagIds: [1, 2],
    ...change,
  };
}

const numbers = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);
const sorted = (tags: readonly string[]) => [...tags].sort();
const chapters = (...ids: number[]) => ids.map(TAGS.chapter);

/** Every list the book's card is on (category `wuxia`). */
const LISTS = [TAGS.books, TAGS.home, TAGS.author(AUTHOR), TAGS.category("wuxia")];

/** The order with `id` moved to 0-based `index`. */
function moved(order: readonly number[], id: number, index: number): number[] {
  const rest = order.filter((x) => x !== id);
  return [...rest.slice(0, index), id, ...rest.slice(index)];
}

describe("chaptersWithNewNeighbours", () => {
  it("publishing at the end: the new chapter and the old last one (its next link)", () => {
    expect(numbers(chaptersWithNewNeighbours([1, 2, 3], [1, 2, 3, 4]))).toEqual([3, 4]);
  });

  it("inserting in the middle: the new chapter and the two it sits between", () => {
    expect(numbers(chaptersWithNewNeighbours([1, 2, 3, 4], [1, 2, 9, 3, 4]))).toEqual([2, 3, 9]);
  });

  it("trashing in the middle: the chapter and both its neighbours, nobody else", () => {
    expect(numbers(chaptersWithNewNeighbours([1, 2, 3, 4, 5], [1, 2, 4, 5]))).toEqual([2, 3, 4]);
  });

  it("trashing the first chapter: it and the next one (no previous any more)", () => {
    expect(numbers(chaptersWithNewNeighbours([1, 2, 3], [2, 3]))).toEqual([1, 2]);
  });

  it("trashing the last chapter: it and the one before (no next any more)", () => {
    expect(numbers(chaptersWithNewNeighbours([1, 2, 3], [1, 2]))).toEqual([2, 3]);
  });

  it("the only chapter entering or leaving", () => {
    expect(chaptersWithNewNeighbours([], [1])).toEqual([1]);
    expect(chaptersWithNewNeighbours([1], [])).toEqual([1]);
    expect(chaptersWithNewNeighbours([], [])).toEqual([]);
  });

  it("a move: the chapter, its old neighbours and its new ones; not a chapter away from both places", () => {
    // 2 moves from between 1 and 3 to between 5 and 6; 4 keeps 3 and 5.
    const after = moved([1, 2, 3, 4, 5, 6], 2, 4);
    expect(after).toEqual([1, 3, 4, 5, 2, 6]);
    expect(numbers(chaptersWithNewNeighbours([1, 2, 3, 4, 5, 6], after))).toEqual([1, 2, 3, 5, 6]);
  });

  it("swapping two neighbours: the two and the chapters on either side", () => {
    expect(numbers(chaptersWithNewNeighbours([1, 2, 3, 4, 5, 6], [1, 2, 4, 3, 5, 6]))).toEqual([2, 3, 4, 5]);
  });

  it("a reorder that changes nothing changes no page", () => {
    expect(chaptersWithNewNeighbours([1, 2, 3], [1, 2, 3])).toEqual([]);
  });

  it("lists each chapter once", () => {
    const changed = chaptersWithNewNeighbours([1, 2, 3, 4], [4, 3, 2, 1]);
    expect(numbers(changed)).toEqual([1, 2, 3, 4]);
    expect(new Set(changed).size).toBe(changed.length);
  });
});

describe("revalidationTags", () => {
  it("publishing a new last chapter: it, the old last one, the index pages and the lists", () => {
    const before = snapshot();
    const after = snapshot({
      wordCount: 700,
      chapterCount: 7,
      lastChapterId: 107,
      lastChapterTitle: "第七章",
      lastPublishedAt: new Date("2026-03-07T10:00:00Z"),
    });
    const tags = revalidationTags(before, after, {
      chapterIds: [107],
      order: { before: ORDER, after: [...ORDER, 107] },
    });
    expect(sorted(tags)).toEqual(sorted([TAGS.toc(BOOK), ...chapters(106, 107), ...LISTS]));
  });

  it("publishing in the middle: it and the two it sits between; the last chapter is the same", () => {
    const after = snapshot({ wordCount: 700, chapterCount: 7 });
    const tags = revalidationTags(snapshot(), after, {
      chapterIds: [110],
      order: { before: ORDER, after: [101, 102, 110, 103, 104, 105, 106] },
    });
    expect(sorted(tags)).toEqual(sorted([TAGS.toc(BOOK), ...chapters(102, 103, 110), ...LISTS]));
  });

  it("trashing a middle chapter: it and its two neighbours, not the others", () => {
    const after = snapshot({ wordCount: 500, chapterCount: 5 });
    const tags = revalidationTags(snapshot(), after, {
      chapterIds: [103],
      order: { before: ORDER, after: [101, 102, 104, 105, 106] },
    });
    expect(sorted(tags)).toEqual(sorted([TAGS.sitemap, TAGS.toc(BOOK), ...chapters(102, 103, 104), ...LISTS]));
  });

  it("trashing the first chapter: it and the new first one", () => {
    const after = snapshot({ wordCount: 500, chapterCount: 5 });
    const tags = revalidationTags(snapshot(), after, {
      chapterIds: [101],
      order: { before: ORDER, after: ORDER.slice(1) },
    });
    expect(sorted(tags)).toEqual(sorted([TAGS.sitemap, TAGS.toc(BOOK), ...chapters(101, 102), ...LISTS]));
  });

  it("trashing the last chapter: it and the new last one", () => {
    const after = snapshot({ wordCount: 500, chapterCount: 5, lastChapterId: 105, lastChapterTitle: "第五章" });
    const tags = revalidationTags(snapshot(), after, {
      chapterIds: [106],
      order: { before: ORDER, after: ORDER.slice(0, -1) },
    });
    expect(sorted(tags)).toEqual(sorted([TAGS.sitemap, TAGS.toc(BOOK), ...chapters(105, 106), ...LISTS]));
  });

  it("a move that keeps the last chapter: the pages whose links changed and the index pages, no list", () => {
    const after = moved(ORDER, 102, 4);
    expect(after).toEqual([101, 103, 104, 105, 102, 106]);
    const tags = revalidationTags(snapshot(), snapshot(), { chapterIds: [], order: { before: ORDER, after } });
    expect(sorted(tags)).toEqual(sorted([TAGS.toc(BOOK), ...chapters(101, 102, 103, 105, 106)]));
    expect(tags).not.toContain(TAGS.chapter(104));
  });

  it("a reorder that changes nothing expires nothing", () => {
    expect(
      revalidationTags(snapshot(), snapshot(), { chapterIds: [], order: { before: ORDER, after: ORDER } }),
    ).toEqual([]);
    expect(revalidationTags(snapshot(), snapshot())).toEqual([]);
  });

  it("editing a chapter's text: its page, the index pages and (word count) the lists; no neighbour", () => {
    const tags = revalidationTags(snapshot(), snapshot({ wordCount: 640 }), {
      chapterIds: [103],
      order: { before: ORDER, after: ORDER },
    });
    expect(sorted(tags)).toEqual(sorted([TAGS.toc(BOOK), TAGS.chapter(103), ...LISTS]));
  });

  it("editing a chapter's author's note: its page and the index pages, no list", () => {
    const tags = revalidationTags(snapshot(), snapshot(), {
      chapterIds: [103],
      order: { before: ORDER, after: ORDER },
    });
    expect(sorted(tags)).toEqual(sorted([TAGS.toc(BOOK), TAGS.chapter(103)]));
  });

  it("renaming the book: every page of it (book:), the lists, and no chapter tag", () => {
    const tags = revalidationTags(snapshot(), snapshot({ title: "剑来（修订版）" }));
    expect(sorted(tags)).toEqual(sorted([TAGS.book(BOOK), TAGS.toc(BOOK), ...LISTS]));
  });

  it("book: already covers the chapter pages: a change shown on every page adds no chapter tag", () => {
    const tags = revalidationTags(snapshot(), snapshot({ coverUrl: "/covers/7.webp", chapterCount: 7 }), {
      chapterIds: [107],
      order: { before: ORDER, after: [...ORDER, 107] },
    });
    expect(sorted(tags)).toEqual(sorted([TAGS.book(BOOK), TAGS.toc(BOOK), ...LISTS]));
  });

  it("changing the category: every page of the book, and the lists of both categories", () => {
    const tags = revalidationTags(snapshot(), snapshot({ categorySlug: "xianxia" }));
    expect(sorted(tags)).toEqual(sorted([TAGS.book(BOOK), TAGS.toc(BOOK), ...LISTS, TAGS.category("xianxia")]));
  });

  it("changing the language: every page of the book, not the lists (no card shows it)", () => {
    const tags = revalidationTags(snapshot(), snapshot({ language: "en" }));
    expect(sorted(tags)).toEqual(sorted([TAGS.book(BOOK), TAGS.toc(BOOK)]));
  });

  it("changing the intro or the tags: the index pages only", () => {
    expect(revalidationTags(snapshot(), snapshot({ intro: "新简介" }))).toEqual([TAGS.toc(BOOK)]);
    expect(revalidationTags(snapshot(), snapshot({ tagIds: [1, 3] }))).toEqual([TAGS.toc(BOOK)]);
  });

  it("changing the status: the index pages and the lists, not the chapter pages", () => {
    const tags = revalidationTags(snapshot(), snapshot({ status: "COMPLETED" }));
    expect(sorted(tags)).toEqual(sorted([TAGS.toc(BOOK), ...LISTS]));
  });

  it("a book hidden by a moderator leaves the site: all its pages and lists", () => {
    const tags = revalidationTags(snapshot(), snapshot({ hiddenAt: new Date("2026-03-08T00:00:00Z") }));
    expect(sorted(tags)).toEqual(sorted([TAGS.sitemap, TAGS.book(BOOK), TAGS.toc(BOOK), ...LISTS]));
  });

  it("the last public chapter leaving takes the book off the site, with no chapter tag", () => {
    const before = snapshot({ wordCount: 100, chapterCount: 1, lastChapterId: 101, lastChapterTitle: "第一章" });
    const after = snapshot({
      wordCount: 0,
      chapterCount: 0,
      lastChapterId: null,
      lastChapterTitle: null,
      lastPublishedAt: null,
    });
    const tags = revalidationTags(before, after, { chapterIds: [101], order: { before: [101], after: [] } });
    expect(sorted(tags)).toEqual(sorted([TAGS.sitemap, TAGS.book(BOOK), TAGS.toc(BOOK), ...LISTS]));
  });

  it("a book nobody can see, before or after, expires nothing", () => {
    const hidden = { hiddenAt: new Date("2026-03-08T00:00:00Z") };
    expect(
      revalidationTags(snapshot(hidden), snapshot({ ...hidden, title: "新名", chapterCount: 7, lastChapterId: 107 }), {
        chapterIds: [107],
        order: { before: ORDER, after: [...ORDER, 107] },
        indexChanged: true,
      }),
    ).toEqual([]);
    const trashed = { deletedAt: new Date("2026-03-08T00:00:00Z") };
    expect(revalidationTags(snapshot(trashed), snapshot({ ...trashed, intro: "新简介" }))).toEqual([]);
    const unpublished = { chapterCount: 0, wordCount: 0, lastChapterId: null, lastChapterTitle: null };
    expect(revalidationTags(snapshot(unpublished), snapshot({ ...unpublished, categorySlug: "xianxia" }))).toEqual([]);
  });

  it("a change to the volumes: the index pages only (chapter pages show no volume)", () => {
    expect(revalidationTags(snapshot(), snapshot(), { indexChanged: true })).toEqual([TAGS.toc(BOOK)]);
  });
});

describe("the sitemap tag", () => {
  it("is never added by a publish, a move or an edit: new pages reach the sitemap by its timer", () => {
    const publish = revalidationTags(snapshot(), snapshot({ chapterCount: 7, wordCount: 700 }), {
      chapterIds: [107],
      order: { before: ORDER, after: [...ORDER, 107] },
    });
    const move = revalidationTags(snapshot(), snapshot(), { order: { before: ORDER, after: moved(ORDER, 106, 0) } });
    const edit = revalidationTags(snapshot(), snapshot({ wordCount: 650 }), { chapterIds: [103] });
    for (const tags of [publish, move, edit]) expect(tags).not.toContain(TAGS.sitemap);
  });

  it("is added when a chapter or the book leaves the public site", () => {
    const trash = revalidationTags(snapshot(), snapshot({ chapterCount: 5 }), {
      chapterIds: [104],
      order: { before: ORDER, after: ORDER.filter((id) => id !== 104) },
    });
    const hidden = revalidationTags(snapshot(), snapshot({ hiddenAt: new Date() }));
    for (const tags of [trash, hidden]) expect(tags).toContain(TAGS.sitemap);
  });
});
