import { beforeAll, describe, expect, it, vi } from "vitest";
import { TAGS } from "@/lib/data/cache-tags";
import { queryBookDetail } from "@/lib/data/queries/books";
import { queryChapterPage, queryTableOfContents } from "@/lib/data/queries/chapters";
import type { Category, User } from "@/lib/generated/prisma/client";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import {
  authoringError,
  changesNothing,
  chapterOrder,
  loginFor,
  MALFORMED_IDS,
  message,
  signedIn,
} from "@/lib/test/authoring-actions";
import { addChapter, createCategory, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { bulkChaptersAction, chapterRowAction } from "./authoring";
import { initialFormState } from "./form-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

// The chapter list of a book's dashboard page (components/dashboard/chapter-list.tsx): one-button
// forms (publish, unpublish, trash, restore), move up / down, and the bulk form.

const request = setUpActionRequests();
const done = { status: "success", message: message("dashboard.done") };
const notFound = { status: "error", message: authoringError("notFound") };
const forbidden = { status: "error", message: authoringError("forbidden") };
const PAGE_CHARS = 2000;

let category: Category;

beforeAll(async () => {
  category = await createCategory(request.db, { slug: "lishi" });
});

/** A change to the book's card: its index pages and every list it is on. */
function cardTags(bookId: number, authorId: number) {
  return [TAGS.toc(bookId), TAGS.books, TAGS.home, TAGS.author(authorId), TAGS.category("lishi")];
}

const sorted = (tags: readonly string[]) => [...tags].sort();

/** A public book of `author`: `published` published chapters, then `drafts` drafts. */
async function bookOf(author: User, published = 2, drafts = 1) {
  const book = await createPublishedBook(request.db, {
    authorId: author.id,
    categoryId: category.id,
    chapters: published,
  });
  for (let i = 0; i < drafts; i++) await addChapter(request.db, book.id, { status: "DRAFT", body: "草稿正文" });
  const ids = await chapterOrder(request.db, book.id);
  return { book, ids };
}

const step = (chapterId: number | string, name: string, extra: Record<string, string> = {}) =>
  formOf({ chapterId: String(chapterId), step: name, ...extra });

/** The row's "move to" button with the place typed in `to`. */
const move = (chapterId: number | string, position: number | string, extra: Record<string, string> = {}) =>
  formOf({ chapterId: String(chapterId), step: "move", to: String(position), ...extra });

/** The bulk form: the book, the checked chapters, the pressed button and the (maybe empty) date field. */
const bulk = (bookId: number | string, chapterIds: readonly (number | string)[], action: string, publishAt = "") =>
  formOf({ bookId: String(bookId), action, publishAt, chapterIds: chapterIds.map(String) });

describe("chapterRowAction: publish, unpublish, trash, restore", () => {
  it("publish: the draft goes public as the book's last chapter", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author);
    const other = await bookOf(author);
    const draft = ids[2]!;
    expect(await chapterRowAction(initialFormState, step(draft, "publish"))).toEqual(done);
    expect(request.refreshes).toBe(1);
    const after = await request.db.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(after).toMatchObject({ chapterCount: 3, wordCount: book.wordCount + 4, lastChapterId: draft });
    expect(after.updatedAt.getTime()).toBeGreaterThan(book.updatedAt.getTime());
    expect((await queryChapterPage(request.db, book.id, draft, PAGE_CHARS))?.pages).toEqual([["草稿正文"]]);
    // Its page, and the previous last chapter's (its "next" link); not the first chapter's.
    expect(sorted(request.updatedTags)).toEqual(
      sorted([...cardTags(book.id, author.id), TAGS.chapter(draft), TAGS.chapter(ids[1]!)]),
    );
    expect(request.updatedTags).not.toContain(TAGS.book(book.id));
    expect(request.updatedTags).not.toContain(TAGS.toc(other.book.id));
  });

  it("unpublish: the only public chapter leaves, and with it the book leaves the site", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author, 1, 0);
    expect(await chapterRowAction(initialFormState, step(ids[0]!, "unpublish"))).toEqual(done);
    expect(await request.db.chapter.findUniqueOrThrow({ where: { id: ids[0]! } })).toMatchObject({
      status: "DRAFT",
      publishedAt: null,
    });
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({
      chapterCount: 0,
      wordCount: 0,
      lastChapterId: null,
      lastPublishedAt: null,
    });
    expect(await queryBookDetail(request.db, book.id)).toBeNull();
    // All the book's pages (chapter pages included) go: no chapter tag of its own.
    expect(sorted(request.updatedTags)).toEqual(
      sorted([...cardTags(book.id, author.id), TAGS.book(book.id), TAGS.sitemap]),
    );
  });

  it("trash and restore: the order closes up, the chapter comes back at the end, public again", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author, 3, 0);
    const [a, b, c] = ids as [number, number, number];
    expect(await chapterRowAction(initialFormState, step(a, "trash"))).toEqual(done);
    expect(await chapterOrder(request.db, book.id)).toEqual([b, c]);
    expect(await queryChapterPage(request.db, book.id, a, PAGE_CHARS)).toBeNull();
    expect((await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).chapterCount).toBe(2);
    // Its page and b's (no "previous" any more); not c's. It leaves the sitemaps.
    expect(sorted(request.updatedTags)).toEqual(
      sorted([...cardTags(book.id, author.id), TAGS.chapter(a), TAGS.chapter(b), TAGS.sitemap]),
    );

    const trashed = request.updatedTags.length;
    expect(await chapterRowAction(initialFormState, step(a, "restore"))).toEqual(done);
    expect(await chapterOrder(request.db, book.id)).toEqual([b, c, a]);
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({
      chapterCount: 3,
      lastChapterId: a,
    });
    expect(await queryChapterPage(request.db, book.id, a, PAGE_CHARS)).not.toBeNull();
    // Back at the end: its page and c's (its "next" link); not b's.
    expect(sorted(request.updatedTags.slice(trashed))).toEqual(
      sorted([...cardTags(book.id, author.id), TAGS.chapter(a), TAGS.chapter(c)]),
    );
  });

  it("trashing a draft changes no public page", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author);
    expect(await chapterRowAction(initialFormState, step(ids[2]!, "trash"))).toEqual(done);
    expect(await chapterOrder(request.db, book.id)).toEqual(ids.slice(0, 2));
    expect(request.updatedTags).toEqual([]);
  });

  it("a double-click on publish publishes once: the day's published words count it once", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author, 1, 1);
    const states = await Promise.all([1, 2, 3].map(() => chapterRowAction(initialFormState, step(ids[1]!, "publish"))));
    for (const state of states) expect(state).toEqual(done);
    const stats = await request.db.bookDailyStat.findMany({ where: { bookId: book.id } });
    expect(stats.reduce((sum, s) => sum + s.wordsPublished, 0)).toBe(4);
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({
      chapterCount: 2,
      wordCount: book.wordCount + 4,
    });
    expect(request.updatedTags.filter((t) => t === TAGS.chapter(ids[1]!))).toHaveLength(1);
  });

  it("refuses to publish a chapter without text", async () => {
    const author = await signedIn(request);
    const { book } = await bookOf(author, 1, 0);
    const empty = await addChapter(request.db, book.id, { status: "DRAFT", body: "" });
    const state = await changesNothing(request, () => chapterRowAction(initialFormState, step(empty.id, "publish")));
    expect(state.fieldErrors?.body).toEqual([authoringError("emptyBodyPublish")]);
  });

  it.each(["delete", "", "constructor", "__proto__", "toString", "PUBLISH"])(
    "refuses the step %j as not one of the options",
    async (name) => {
      const author = await signedIn(request);
      const { ids } = await bookOf(author);
      const state = await changesNothing(request, () => chapterRowAction(initialFormState, step(ids[0]!, name)));
      expect(state).toEqual({ status: "error", message: authoringError("invalidOption"), fieldErrors: {} });
    },
  );

  it("sends a signed-out visitor to sign in", async () => {
    const { ids } = await bookOf(await createUser(request.db));
    for (const name of ["publish", "unpublish", "trash", "restore"]) {
      const to = await changesNothing(request, () =>
        redirectOf(chapterRowAction(initialFormState, step(ids[0]!, name))),
      );
      expect(to).toBe(loginFor("/dashboard"));
    }
  });

  it("answers someone else's chapter like a missing one, for every step; refuses a reader", async () => {
    const { book, ids } = await bookOf(await createUser(request.db));
    const trashed = await addChapter(request.db, book.id, { deletedAt: new Date() });
    await signedIn(request);
    for (const [name, chapterId] of [
      ["publish", ids[2]!],
      ["unpublish", ids[0]!],
      ["trash", ids[1]!],
      ["restore", trashed.id],
      ["publish", 2147483647],
    ] as const) {
      const state = await changesNothing(request, () => chapterRowAction(initialFormState, step(chapterId, name)));
      expect(state).toMatchObject(notFound);
    }
    await signedIn(request, "READER");
    const state = await changesNothing(request, () => chapterRowAction(initialFormState, step(ids[0]!, "trash")));
    expect(state).toMatchObject(forbidden);
    expect(request.updatedTags).toEqual([]);
  });

  it("refuses forged fields and malformed ids", async () => {
    const author = await signedIn(request);
    const { ids } = await bookOf(author);
    const other = await bookOf(author);
    for (const [field, value] of [
      // (`position` and `to` are the row form's own fields: its move buttons read them.)
      ["bookId", String(other.book.id)],
      ["publishedAt", "2020-01-01T00:00:00Z"],
    ]) {
      const state = await changesNothing(request, () =>
        chapterRowAction(initialFormState, step(ids[2]!, "publish", { [field!]: value! })),
      );
      expect(state.fieldErrors?.[field!]).toEqual([authoringError("unknownField")]);
    }
    for (const chapterId of MALFORMED_IDS) {
      const state = await changesNothing(request, () => chapterRowAction(initialFormState, step(chapterId, "trash")));
      expect(state.fieldErrors?.chapterId).toEqual([authoringError("invalid")]);
    }
  });
});

describe("chapterRowAction: move to a place", () => {
  it("moves a chapter to its neighbour's place; positions stay 1..n; expires the pages whose links changed", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author, 4, 0);
    const [a, b, c, d] = ids as [number, number, number, number];
    expect(await chapterRowAction(initialFormState, move(a, 2))).toEqual(done);
    expect(await chapterOrder(request.db, book.id)).toEqual([b, a, c, d]);
    // The last chapter did not change: the book's card did not either. a, b and c have new
    // neighbours; d's are still c and none.
    expect(sorted(request.updatedTags)).toEqual(
      sorted([TAGS.toc(book.id), TAGS.chapter(a), TAGS.chapter(b), TAGS.chapter(c)]),
    );
    expect((await queryTableOfContents(request.db, book.id))?.volumes[0]?.chapters.map((x) => x.id)).toEqual([
      b,
      a,
      c,
      d,
    ]);

    const first = request.updatedTags.length;
    expect(await chapterRowAction(initialFormState, move(d, 3))).toEqual(done);
    expect(await chapterOrder(request.db, book.id)).toEqual([b, a, d, c]);
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({ lastChapterId: c });
    // A new last chapter: the lists too. b's neighbours are still none and a.
    expect(sorted(request.updatedTags.slice(first))).toEqual(
      sorted([...cardTags(book.id, author.id), TAGS.chapter(a), TAGS.chapter(c), TAGS.chapter(d)]),
    );
    expect(request.updatedTags).not.toContain(TAGS.book(book.id));
  });

  it("moving a draft among drafts changes no public page; a position past the end means last", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author, 1, 2);
    expect(await chapterRowAction(initialFormState, move(ids[1]!, 1_000_000))).toEqual(done);
    expect(await chapterOrder(request.db, book.id)).toEqual([ids[0], ids[2], ids[1]]);
    expect(request.updatedTags).toEqual([]);
  });

  it("racing moves of one book run one after the other: positions stay unique and contiguous", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author, 4, 2);
    const other = await bookOf(author, 3, 0);
    for (let round = 0; round < 4; round++) {
      const states = await Promise.all([
        chapterRowAction(initialFormState, move(ids[0]!, 6)),
        chapterRowAction(initialFormState, move(ids[5]!, 1)),
        chapterRowAction(initialFormState, move(ids[2]!, 2)),
        chapterRowAction(initialFormState, move(ids[3]!, 5)),
        chapterRowAction(initialFormState, move(other.ids[0]!, 3)),
      ]);
      for (const state of states) expect(state).toEqual(done);
      expect(sorted((await chapterOrder(request.db, book.id)).map(String))).toEqual(sorted(ids.map(String)));
      expect(sorted((await chapterOrder(request.db, other.book.id)).map(String))).toEqual(
        sorted(other.ids.map(String)),
      );
    }
    const counters = await request.db.book.findUniqueOrThrow({ where: { id: book.id } });
    const last = await request.db.chapter.findFirstOrThrow({
      where: { bookId: book.id, status: "PUBLISHED" },
      orderBy: { position: "desc" },
    });
    expect(counters).toMatchObject({ chapterCount: 4, lastChapterId: last.id });
  });

  it("sends a signed-out visitor to sign in", async () => {
    const { ids } = await bookOf(await createUser(request.db));
    expect(await changesNothing(request, () => redirectOf(chapterRowAction(initialFormState, move(ids[0]!, 2))))).toBe(
      loginFor("/dashboard"),
    );
  });

  it("answers someone else's chapter like a missing one; refuses a reader and a chapter in the trash", async () => {
    const { ids } = await bookOf(await createUser(request.db));
    await signedIn(request);
    for (const chapterId of [ids[0]!, 2147483647]) {
      expect(await changesNothing(request, () => chapterRowAction(initialFormState, move(chapterId, 2)))).toMatchObject(
        notFound,
      );
    }
    const author = await signedIn(request);
    const mine = await bookOf(author);
    const trashed = await addChapter(request.db, mine.book.id, { deletedAt: new Date() });
    const inTrash = await changesNothing(request, () => chapterRowAction(initialFormState, move(trashed.id, 1)));
    expect(inTrash.message).toBe(authoringError("chapterInTrash"));
    await signedIn(request, "READER");
    expect(await changesNothing(request, () => chapterRowAction(initialFormState, move(ids[0]!, 2)))).toMatchObject(
      forbidden,
    );
  });

  it("refuses a forged book id (moving the chapter into another book) and malformed values", async () => {
    const author = await signedIn(request);
    const { ids } = await bookOf(author);
    const other = await bookOf(author);
    const forged = await changesNothing(request, () =>
      chapterRowAction(initialFormState, move(ids[0]!, 1, { bookId: String(other.book.id) })),
    );
    expect(forged.fieldErrors?.bookId).toEqual([authoringError("unknownField")]);
    for (const value of MALFORMED_IDS) {
      const badChapter = await changesNothing(request, () => chapterRowAction(initialFormState, move(value, 1)));
      expect(badChapter.fieldErrors?.chapterId).toEqual([authoringError("invalid")]);
    }
    for (const value of [...MALFORMED_IDS, "1000001", "1.5"]) {
      const badPosition = await changesNothing(request, () => chapterRowAction(initialFormState, move(ids[0]!, value)));
      expect(badPosition.fieldErrors?.position).toEqual([authoringError("invalid")]);
    }
  });
});

describe("bulkChaptersAction", () => {
  it("publishes the checked drafts together, expiring each chapter, its new neighbours and the book's lists once", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author, 1, 3);
    const state = await bulkChaptersAction(initialFormState, bulk(book.id, [ids[1]!, ids[3]!, ids[0]!], "publish"));
    expect(state).toEqual(done);
    const rows = await request.db.chapter.findMany({ where: { bookId: book.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["PUBLISHED", "PUBLISHED", "DRAFT", "PUBLISHED"]);
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({
      chapterCount: 3,
      lastChapterId: ids[3],
      wordCount: book.wordCount + 8,
    });
    // Already public, ids[0] is unchanged but now has a "next" link (ids[1]): its page expires too.
    expect(sorted(request.updatedTags)).toEqual(
      sorted([...cardTags(book.id, author.id), TAGS.chapter(ids[0]!), TAGS.chapter(ids[1]!), TAGS.chapter(ids[3]!)]),
    );
  });

  it("trashes the checked chapters; the rest close up", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author, 3, 1);
    expect(await bulkChaptersAction(initialFormState, bulk(book.id, [ids[0]!, ids[3]!], "trash"))).toEqual(done);
    expect(await chapterOrder(request.db, book.id)).toEqual([ids[1], ids[2]]);
    expect((await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).chapterCount).toBe(2);
    // ids[0] leaves and ids[1] loses its "previous" link; ids[2] keeps its neighbours, ids[3] was a draft.
    expect(sorted(request.updatedTags)).toEqual(
      sorted([...cardTags(book.id, author.id), TAGS.chapter(ids[0]!), TAGS.chapter(ids[1]!), TAGS.sitemap]),
    );
  });

  it("all or none: one chapter without text publishes none of them", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author, 1, 1);
    const empty = await addChapter(request.db, book.id, { status: "DRAFT", body: "" });
    const state = await changesNothing(request, () =>
      bulkChaptersAction(initialFormState, bulk(book.id, [ids[1]!, empty.id], "publish")),
    );
    expect(state.fieldErrors?.body).toEqual([authoringError("emptyBodyPublish")]);
  });

  it("refuses chapters of another book, even the author's own, or someone else's: none changes", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author);
    const mine = await bookOf(author);
    const theirs = await bookOf(await createUser(request.db));
    for (const foreign of [mine.ids[2]!, theirs.ids[2]!, 2147483647]) {
      const state = await changesNothing(request, () =>
        bulkChaptersAction(initialFormState, bulk(book.id, [ids[2]!, foreign], "publish")),
      );
      expect(state).toMatchObject(notFound);
    }
  });

  it("sends a signed-out visitor to sign in, back to the book", async () => {
    const { book, ids } = await bookOf(await createUser(request.db));
    const to = await changesNothing(request, () =>
      redirectOf(bulkChaptersAction(initialFormState, bulk(book.id, ids, "trash"))),
    );
    expect(to).toBe(loginFor(`/dashboard/books/${book.id}`));
  });

  it("answers someone else's book like a missing one; refuses a reader", async () => {
    const { book, ids } = await bookOf(await createUser(request.db));
    await signedIn(request);
    for (const bookId of [book.id, 2147483647]) {
      const state = await changesNothing(request, () =>
        bulkChaptersAction(initialFormState, bulk(bookId, ids, "trash")),
      );
      expect(state).toMatchObject(notFound);
    }
    await signedIn(request, "READER");
    const state = await changesNothing(request, () =>
      bulkChaptersAction(initialFormState, bulk(book.id, ids, "trash")),
    );
    expect(state).toMatchObject(forbidden);
  });

  it.each([
    ["no chapter checked", () => bulk(0, [], "publish"), "chapterIds", "required"],
    ["a chapter twice", (ids: number[]) => bulk(0, [ids[0]!, ids[0]!], "publish"), "chapterIds", "duplicate"],
    [
      "501 chapters",
      () =>
        bulk(
          0,
          Array.from({ length: 501 }, (_, i) => i + 1),
          "trash",
        ),
      "chapterIds",
      "tooMany",
    ],
    ["a malformed chapter id", (ids: number[]) => bulk(0, [ids[0]!, "1e3"], "trash"), "chapterIds", "invalid"],
    ["an unknown action", (ids: number[]) => bulk(0, ids, "delete"), "action", "invalidOption"],
    [
      "a forged field",
      (ids: number[]) => {
        const f = bulk(0, ids, "trash");
        f.append("status", "PUBLISHED");
        return f;
      },
      "status",
      "unknownField",
    ],
  ])("refuses %s with a field error, changing nothing", async (_, build, field, key) => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author);
    const form = build(ids);
    form.set("bookId", String(book.id));
    const state = await changesNothing(request, () => bulkChaptersAction(initialFormState, form));
    expect(state.status).toBe("error");
    expect(state.fieldErrors?.[field]?.[0]).toBe(authoringError(key, key === "tooMany" ? { max: 500 } : undefined));
  });

  it.each(MALFORMED_IDS)("refuses the malformed book id %j", async (bookId) => {
    const author = await signedIn(request);
    const { ids } = await bookOf(author);
    const state = await changesNothing(request, () => bulkChaptersAction(initialFormState, bulk(bookId, ids, "trash")));
    expect(state.fieldErrors?.bookId).toEqual([authoringError("invalid")]);
  });
});
