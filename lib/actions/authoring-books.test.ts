import { beforeAll, describe, expect, it, vi } from "vitest";
import { TAGS } from "@/lib/data/cache-tags";
import { queryAuthorPage, queryBookDetail } from "@/lib/data/queries/books";
import type { Category, Tag, User } from "@/lib/generated/prisma/client";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import {
  authoringError,
  changesNothing,
  loginFor,
  MALFORMED_IDS,
  message,
  signedIn,
} from "@/lib/test/authoring-actions";
import {
  addChapter,
  createBook,
  createCategory,
  createPublishedBook,
  createTag,
  createUser,
} from "@/lib/test/fixtures";
import {
  createBookAction,
  createVolumeAction,
  restoreBookAction,
  trashBookAction,
  updateBookAction,
} from "./authoring";
import { initialFormState } from "./form-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

const request = setUpActionRequests();
const fixErrors = message("dashboard.fixErrors");
const notFound = authoringError("notFound");
const forbidden = authoringError("forbidden");

let category: Category;
let otherCategory: Category;
let tags: Tag[];

beforeAll(async () => {
  category = await createCategory(request.db, { slug: "xuanhuan" });
  otherCategory = await createCategory(request.db, { slug: "dushi" });
  tags = [await createTag(request.db), await createTag(request.db), await createTag(request.db)];
});

/** The tags of every public list a book's card appears on, and all its own pages (chapter pages included). */
function cardTags(bookId: number, authorId: number, ...categorySlugs: string[]) {
  return [
    TAGS.book(bookId),
    TAGS.toc(bookId),
    TAGS.books,
    TAGS.home,
    TAGS.author(authorId),
    ...categorySlugs.map(TAGS.category),
  ];
}

/** A public book of `author` (one published chapter), in `category`. */
function publicBookOf(author: User) {
  return createPublishedBook(request.db, { authorId: author.id, categoryId: category.id, title: "公开的书" });
}

/** The new-book form as BookForm posts it: no id, every field, checked tags repeated. */
function newBookForm(change: Record<string, string | string[]> = {}) {
  return formOf({
    title: "  星河  尽头 ",
    intro: "第一段\r\n\r\n  第二段",
    categoryId: String(category.id),
    tagIds: [String(tags[0]!.id), String(tags[1]!.id)],
    status: "ONGOING",
    language: "zh-CN",
    ...change,
  });
}

/** The edit form of `bookId` as BookForm posts it. */
function editBookForm(bookId: number | string, change: Record<string, string | string[]> = {}) {
  return formOf({
    bookId: String(bookId),
    title: "新书名",
    intro: "新的简介",
    categoryId: String(category.id),
    tagIds: [String(tags[2]!.id)],
    status: "COMPLETED",
    language: "en",
    ...change,
  });
}

/** Fields no form posts and nobody may set through one. */
const FORGED: [string, (victim: User) => string][] = [
  ["authorId", (victim) => String(victim.id)],
  ["userId", (victim) => String(victim.id)],
  ["wordCount", () => "999999"],
  ["chapterCount", () => "50"],
  ["viewCount", () => "123456"],
  ["shelfCount", () => "777"],
  ["hiddenAt", () => ""],
  ["hiddenReason", () => ""],
  ["deletedAt", () => ""],
  ["lastChapterTitle", () => "伪造"],
  ["coverUrl", () => "https://tracker.example/pixel.gif"],
];

const MALFORMED_BOOK_IDS = [...MALFORMED_IDS, "1 2"];

describe("createBookAction", () => {
  it("creates the book for the signed-in author, normalised, and opens it; nothing public changes", async () => {
    const author = await signedIn(request);
    const to = await redirectOf(createBookAction(initialFormState, newBookForm()));
    const book = await request.db.book.findFirstOrThrow({ where: { authorId: author.id }, include: { tags: true } });
    expect(to).toBe(`/dashboard/books/${book.id}`);
    expect(book).toMatchObject({
      title: "星河 尽头",
      intro: "第一段\n第二段",
      categoryId: category.id,
      status: "ONGOING",
      language: "zh-CN",
      coverUrl: null,
      wordCount: 0,
      chapterCount: 0,
      viewCount: 0,
      deletedAt: null,
      hiddenAt: null,
    });
    expect(book.tags.map((t) => t.tagId).sort()).toEqual([tags[0]!.id, tags[1]!.id].sort());
    // Not public until a chapter is published: no cached page shows it yet.
    expect(request.updatedTags).toEqual([]);
    expect(await queryBookDetail(request.db, book.id)).toBeNull();
  });

  it("lets a reader start writing: their first book makes them an author, at once", async () => {
    const reader = await signedIn(request, "READER");
    const to = await redirectOf(createBookAction(initialFormState, newBookForm({ title: "读者的第一本书" })));
    const book = await request.db.book.findFirstOrThrow({ where: { authorId: reader.id } });
    expect(to).toBe(`/dashboard/books/${book.id}`);
    expect((await request.db.user.findUniqueOrThrow({ where: { id: reader.id } })).role).toBe("AUTHOR");
    // The same session (issued while a READER) may now write: roles are read fresh per request.
    const state = await createVolumeAction(initialFormState, formOf({ bookId: String(book.id), title: "第一卷" }));
    expect(state).toMatchObject({ status: "success", message: message("dashboard.saved") });
  });

  it("does not let an author an admin demoted to reader become an author again by starting a book", async () => {
    const demoted = await signedIn(request);
    const book = await publicBookOf(demoted);
    await request.db.user.update({ where: { id: demoted.id }, data: { role: "READER" } });
    const state = await changesNothing(request, () => createBookAction(initialFormState, newBookForm()));
    expect(state).toMatchObject({ status: "error", message: forbidden });
    // Their old books stay read-only.
    const edit = await changesNothing(request, () => updateBookAction(initialFormState, editBookForm(book.id)));
    expect(edit).toMatchObject({ status: "error", message: forbidden });
  });

  it("sends a signed-out visitor to sign in and creates nothing", async () => {
    const to = await changesNothing(request, () => redirectOf(createBookAction(initialFormState, newBookForm())));
    expect(to).toBe(loginFor("/dashboard/books/new"));
  });

  it("sends a disabled account's open session to sign in", async () => {
    const author = await signedIn(request);
    await request.db.user.update({ where: { id: author.id }, data: { disabledAt: new Date() } });
    const to = await changesNothing(request, () => redirectOf(createBookAction(initialFormState, newBookForm())));
    expect(to).toBe(loginFor("/dashboard/books/new"));
  });

  it.each(FORGED)("refuses a forged `%s` field: the whole form, nothing created", async (field, value) => {
    const victim = await createUser(request.db);
    await signedIn(request, "READER");
    const state = await changesNothing(request, () =>
      createBookAction(initialFormState, newBookForm({ [field]: value(victim) })),
    );
    expect(state).toMatchObject({ status: "error", message: fixErrors });
    expect(state.fieldErrors?.[field]).toEqual([authoringError("unknownField")]);
    // The author's text comes back to the form.
    expect(state.values).toMatchObject({ title: "  星河  尽头 ", categoryId: String(category.id) });
  });

  it("refuses a book id on the new-book form (it would not be this form's)", async () => {
    const other = await createBook(request.db, { categoryId: category.id });
    await signedIn(request);
    const state = await changesNothing(request, () =>
      createBookAction(initialFormState, newBookForm({ bookId: String(other.id) })),
    );
    expect(state.fieldErrors?.bookId).toEqual([authoringError("unknownField")]);
  });

  it.each([
    ["an empty title", { title: "" }, "title", authoringError("required")],
    ["a zero-width-only title", { title: "\u200B\u200B " }, "title", authoringError("required")],
    ["a title of 101 characters", { title: "书".repeat(101) }, "title", authoringError("tooLong", { max: 100 })],
    ["a title far over the cap", { title: "书".repeat(100_000) }, "title", authoringError("tooLong", { max: 100 })],
    ["NUL in the title", { title: "星\u0000河" }, "title", authoringError("nulCharacter", { position: 2 })],
    ["NUL in the intro", { intro: "简介\u0000" }, "intro", authoringError("nulCharacter", { position: 3 })],
    ["an intro over the cap", { intro: "字".repeat(5001) }, "intro", authoringError("tooLong", { max: 5000 })],
    ["no category chosen", { categoryId: "" }, "categoryId", authoringError("categoryRequired")],
    ["a category id 'abc'", { categoryId: "abc" }, "categoryId", authoringError("invalid")],
    ["a category id '-1'", { categoryId: "-1" }, "categoryId", authoringError("invalid")],
    ["a category id '1e3'", { categoryId: "1e3" }, "categoryId", authoringError("invalid")],
    ["a huge category id", { categoryId: "99999999999999999999" }, "categoryId", authoringError("invalid")],
    ["a category that does not exist", { categoryId: "2147483647" }, "categoryId", authoringError("unknownCategory")],
    ["a tag that does not exist", { tagIds: ["2147483647"] }, "tagIds", authoringError("unknownTag")],
    ["a malformed tag id", { tagIds: ["1.5"] }, "tagIds", authoringError("invalid")],
    ["a tag twice", { tagIds: ["1", "1"] }, "tagIds", authoringError("duplicate")],
    [
      "11 tags",
      { tagIds: Array.from({ length: 11 }, (_, i) => String(i + 1)) },
      "tagIds",
      authoringError("tooMany", { max: 10 }),
    ],
    ["an unknown status", { status: "DELETED" }, "status", authoringError("invalidOption")],
    ["a language that is no tag", { language: "not a language" }, "language", authoringError("invalidLanguage")],
    ["NUL in the language", { language: "zh\u0000" }, "language", authoringError("invalidLanguage")],
  ])("refuses %s with a message on that field, creating nothing", async (_, change, field, expected) => {
    await signedIn(request);
    const state = await changesNothing(request, () => createBookAction(initialFormState, newBookForm(change)));
    expect(state).toMatchObject({ status: "error", message: fixErrors });
    expect(state.fieldErrors?.[field]).toEqual([expected]);
    expect(request.updatedTags).toEqual([]);
    expect(request.refreshes).toBe(0);
  });

  it("cannot receive a lone surrogate: the post carries U+FFFD, stored as sent", async () => {
    const author = await signedIn(request);
    const form = newBookForm({ title: "断\uD800字" });
    expect(form.get("title")).toBe("断\uFFFD字");
    await redirectOf(createBookAction(initialFormState, form));
    const book = await request.db.book.findFirstOrThrow({ where: { authorId: author.id } });
    expect(book.title).toBe("断\uFFFD字");
  });

  it("treats a file where text is expected as an empty value", async () => {
    await signedIn(request);
    const form = newBookForm();
    form.set("title", new File(["书名"], "title.txt"));
    const state = await changesNothing(request, () => createBookAction(initialFormState, form));
    expect(state.fieldErrors?.title).toEqual([authoringError("required")]);
  });
});

describe("updateBookAction", () => {
  it("saves every field of a public book and expires its pages and every list it is on", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const unrelated = await publicBookOf(await createUser(request.db));
    const state = await updateBookAction(
      initialFormState,
      editBookForm(book.id, { categoryId: String(otherCategory.id) }),
    );
    expect(state).toEqual({ status: "success", message: message("dashboard.saved") });
    expect(request.refreshes).toBe(1);
    const after = await request.db.book.findUniqueOrThrow({ where: { id: book.id }, include: { tags: true } });
    expect(after).toMatchObject({
      title: "新书名",
      intro: "新的简介",
      categoryId: otherCategory.id,
      status: "COMPLETED",
      language: "en",
      authorId: author.id,
      chapterCount: 1,
      wordCount: book.wordCount,
    });
    expect(after.tags.map((t) => t.tagId)).toEqual([tags[2]!.id]);
    expect([...request.updatedTags].sort()).toEqual(cardTags(book.id, author.id, "xuanhuan", "dushi").sort());
    expect(request.updatedTags).not.toContain(TAGS.book(unrelated.id));
    expect(request.updatedTags).not.toContain(TAGS.author(unrelated.authorId));
    expect((await queryBookDetail(request.db, book.id))?.title).toBe("新书名");
  });

  it("expires only the book's index pages, not its chapter pages, when only its intro changes", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    await request.db.bookTag.create({ data: { bookId: book.id, tagId: tags[2]!.id } });
    await request.db.book.update({ where: { id: book.id }, data: { status: "COMPLETED", language: "en" } });
    const state = await updateBookAction(initialFormState, editBookForm(book.id, { title: book.title }));
    expect(state.status).toBe("success");
    expect(request.updatedTags).toEqual([TAGS.toc(book.id)]);
  });

  it("expires nothing for a book that is not public yet", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id, categoryId: category.id });
    await addChapter(request.db, book.id, { status: "DRAFT" });
    expect((await updateBookAction(initialFormState, editBookForm(book.id))).status).toBe("success");
    expect((await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).title).toBe("新书名");
    expect(request.updatedTags).toEqual([]);
  });

  it("sends a signed-out visitor to sign in, back to the book, and changes nothing", async () => {
    const book = await publicBookOf(await createUser(request.db));
    const to = await changesNothing(request, () =>
      redirectOf(updateBookAction(initialFormState, editBookForm(book.id))),
    );
    expect(to).toBe(loginFor(`/dashboard/books/${book.id}`));
  });

  it("answers someone else's book exactly like a missing one, and changes nothing", async () => {
    const owner = await createUser(request.db);
    const book = await publicBookOf(owner);
    await signedIn(request);
    const theirs = await changesNothing(request, () => updateBookAction(initialFormState, editBookForm(book.id)));
    const missing = await changesNothing(request, () => updateBookAction(initialFormState, editBookForm(2147483647)));
    expect(theirs).toMatchObject({ status: "error", message: notFound, fieldErrors: {} });
    expect(missing).toEqual(theirs);
    expect(request.updatedTags).toEqual([]);
    expect(request.refreshes).toBe(0);
  });

  it("refuses a reader, and an author an admin demoted to reader, even on their own book", async () => {
    const demoted = await signedIn(request);
    const book = await publicBookOf(demoted);
    await request.db.user.update({ where: { id: demoted.id }, data: { role: "READER" } });
    const state = await changesNothing(request, () => updateBookAction(initialFormState, editBookForm(book.id)));
    expect(state).toMatchObject({ status: "error", message: forbidden });

    await signedIn(request, "READER");
    const reader = await changesNothing(request, () => updateBookAction(initialFormState, editBookForm(book.id)));
    expect(reader).toMatchObject({ status: "error", message: forbidden });
  });

  it("lets an admin correct another author's book", async () => {
    const owner = await createUser(request.db);
    const book = await publicBookOf(owner);
    await signedIn(request, "ADMIN");
    expect((await updateBookAction(initialFormState, editBookForm(book.id))).status).toBe("success");
    const after = await request.db.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(after).toMatchObject({ title: "新书名", authorId: owner.id });
    expect(request.updatedTags).toContain(TAGS.author(owner.id));
  });

  it.each(FORGED)("refuses a forged `%s` field and changes nothing", async (field, value) => {
    const author = await signedIn(request);
    const victim = await createUser(request.db);
    const book = await publicBookOf(author);
    await request.db.book.update({
      where: { id: book.id },
      data: { hiddenAt: new Date(), hiddenReason: "违规", viewCount: 5 },
    });
    const state = await changesNothing(request, () =>
      updateBookAction(initialFormState, editBookForm(book.id, { [field]: value(victim) })),
    );
    expect(state).toMatchObject({ status: "error", message: fixErrors });
    expect(state.fieldErrors?.[field]).toEqual([authoringError("unknownField")]);
    expect(request.updatedTags).toEqual([]);
  });

  it("keeps an admin's hiding when the author saves the book", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const hiddenAt = new Date("2026-01-02T03:04:05Z");
    await request.db.book.update({ where: { id: book.id }, data: { hiddenAt, hiddenReason: "违规" } });
    expect((await updateBookAction(initialFormState, editBookForm(book.id))).status).toBe("success");
    const after = await request.db.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(after).toMatchObject({ title: "新书名", hiddenAt, hiddenReason: "违规" });
    expect(await queryBookDetail(request.db, book.id)).toBeNull();
    // Hidden before and after: no public page changed.
    expect(request.updatedTags).toEqual([]);
  });

  it.each(MALFORMED_BOOK_IDS)("refuses the malformed book id %j with a field error", async (bookId) => {
    await signedIn(request);
    const state = await changesNothing(request, () => updateBookAction(initialFormState, editBookForm(bookId)));
    expect(state).toMatchObject({ status: "error", fieldErrors: { bookId: [authoringError("invalid")] } });
  });

  it("refuses a title over the cap and NUL in the intro, changing nothing", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const state = await changesNothing(request, () =>
      updateBookAction(initialFormState, editBookForm(book.id, { title: "书".repeat(101), intro: "a\u0000" })),
    );
    expect(state.fieldErrors).toEqual({
      title: [authoringError("tooLong", { max: 100 })],
      intro: [authoringError("nulCharacter", { position: 2 })],
    });
  });

  it("gives the form back what was sent, ticked tags included, when it refuses an edit", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id, categoryId: category.id });
    const ticked = [String(tags[1]!.id), String(tags[2]!.id)];
    const state = await changesNothing(request, () =>
      updateBookAction(initialFormState, editBookForm(book.id, { title: "", status: "HIATUS", tagIds: ticked })),
    );
    expect(state.fieldErrors?.title).toEqual([authoringError("required")]);
    expect(state.values).toMatchObject({ title: "", status: "HIATUS", tagIds: ticked.join(",") });
    const none = await changesNothing(request, () =>
      createBookAction(initialFormState, newBookForm({ categoryId: "", tagIds: [] })),
    );
    expect(none.fieldErrors?.categoryId).toEqual([authoringError("categoryRequired")]);
    expect(none.values).toMatchObject({ categoryId: "", tagIds: "" });
  });

  it("refuses a book in the trash with a message saying so", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id, categoryId: category.id, deletedAt: new Date() });
    const state = await changesNothing(request, () => updateBookAction(initialFormState, editBookForm(book.id)));
    expect(state).toMatchObject({ status: "error", message: authoringError("bookInTrash") });
  });
});

describe("trashBookAction and restoreBookAction", () => {
  const ref = (bookId: number | string, extra: Record<string, string> = {}) =>
    formOf({ bookId: String(bookId), ...extra });

  it("trash takes a public book off the site and expires its pages and lists; restore brings it back", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const unrelated = await publicBookOf(author);

    expect(await redirectOf(trashBookAction(initialFormState, ref(book.id)))).toBe("/dashboard");
    expect((await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).deletedAt).toBeInstanceOf(Date);
    expect(await queryBookDetail(request.db, book.id)).toBeNull();
    expect((await queryAuthorPage(request.db, author.id))?.books.map((b) => b.id)).toEqual([unrelated.id]);
    // It leaves the site: the sitemaps list it no more.
    expect([...request.updatedTags].sort()).toEqual([...cardTags(book.id, author.id, "xuanhuan"), TAGS.sitemap].sort());
    expect(request.updatedTags).not.toContain(TAGS.book(unrelated.id));

    const state = await restoreBookAction(initialFormState, ref(book.id));
    expect(state).toEqual({ status: "success", message: message("dashboard.done") });
    expect(request.refreshes).toBe(1);
    expect((await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).deletedAt).toBeNull();
    expect((await queryBookDetail(request.db, book.id))?.chapterCount).toBe(1);
    // Trash then restore: each expired the same tags once (and the trash the sitemaps).
    expect(request.updatedTags).toHaveLength(2 * cardTags(book.id, author.id, "xuanhuan").length + 1);
  });

  it("trashing twice or restoring a book not in the trash changes nothing and expires nothing", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    expect((await restoreBookAction(initialFormState, ref(book.id))).status).toBe("success");
    expect(request.updatedTags).toEqual([]);
    await redirectOf(trashBookAction(initialFormState, ref(book.id)));
    const deletedAt = (await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).deletedAt;
    const before = request.updatedTags.length;
    expect(await redirectOf(trashBookAction(initialFormState, ref(book.id)))).toBe("/dashboard");
    expect(request.updatedTags).toHaveLength(before);
    expect((await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).deletedAt).toEqual(deletedAt);
  });

  it("sends a signed-out visitor to sign in and changes nothing", async () => {
    const book = await publicBookOf(await createUser(request.db));
    expect(await changesNothing(request, () => redirectOf(trashBookAction(initialFormState, ref(book.id))))).toBe(
      loginFor("/dashboard"),
    );
    expect(await changesNothing(request, () => redirectOf(restoreBookAction(initialFormState, ref(book.id))))).toBe(
      loginFor("/dashboard"),
    );
  });

  it("answers someone else's book like a missing one, in or out of the trash", async () => {
    const owner = await createUser(request.db);
    const live = await publicBookOf(owner);
    const trashed = await createBook(request.db, {
      authorId: owner.id,
      categoryId: category.id,
      deletedAt: new Date(),
    });
    await signedIn(request);
    for (const [action, id] of [
      [trashBookAction, live.id],
      [restoreBookAction, trashed.id],
      [trashBookAction, 2147483647],
      [restoreBookAction, 2147483647],
    ] as const) {
      const state = await changesNothing(request, () => action(initialFormState, ref(id)));
      expect(state).toMatchObject({ status: "error", message: notFound });
    }
    expect(request.updatedTags).toEqual([]);
  });

  it("refuses a reader", async () => {
    await signedIn(request, "READER");
    const book = await publicBookOf(await createUser(request.db));
    const state = await changesNothing(request, () => trashBookAction(initialFormState, ref(book.id)));
    expect(state).toMatchObject({ status: "error", message: forbidden });
  });

  it.each(["authorId", "deletedAt", "hiddenAt", "title"])("refuses a forged `%s` field", async (field) => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    for (const action of [trashBookAction, restoreBookAction]) {
      const state = await changesNothing(request, () => action(initialFormState, ref(book.id, { [field]: "1" })));
      expect(state.fieldErrors?.[field]).toEqual([authoringError("unknownField")]);
    }
  });

  it.each(MALFORMED_BOOK_IDS)("refuses the malformed book id %j with a field error", async (bookId) => {
    await signedIn(request);
    for (const action of [trashBookAction, restoreBookAction]) {
      const state = await changesNothing(request, () => action(initialFormState, ref(bookId)));
      expect(state).toMatchObject({ status: "error", fieldErrors: { bookId: [authoringError("invalid")] } });
    }
  });
});
