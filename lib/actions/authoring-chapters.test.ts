import { beforeAll, describe, expect, it, vi } from "vitest";
import { TAGS } from "@/lib/data/cache-tags";
import { queryBookDetail } from "@/lib/data/queries/books";
import { queryChapterPage } from "@/lib/data/queries/chapters";
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
import {
  addChapter,
  createBook,
  createCategory,
  createPublishedBook,
  createUser,
  createVolume,
} from "@/lib/test/fixtures";
import { createChapterAction, updateChapterAction } from "./authoring";
import { initialFormState } from "./form-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

const request = setUpActionRequests();
const fixErrors = message("dashboard.fixErrors");
const PAGE_CHARS = 2000;

let category: Category;

beforeAll(async () => {
  category = await createCategory(request.db, { slug: "kehuan" });
});

/** A change to a public book's card: its index pages and every list it is on. */
function cardTags(bookId: number, authorId: number) {
  return [TAGS.toc(bookId), TAGS.books, TAGS.home, TAGS.author(authorId), TAGS.category("kehuan")];
}

const sorted = (tags: readonly string[]) => [...tags].sort();

function publicBookOf(author: User, chapters = 1) {
  return createPublishedBook(request.db, { authorId: author.id, categoryId: category.id, chapters });
}

function draftBookOf(author: User) {
  return createBook(request.db, { authorId: author.id, categoryId: category.id });
}

/** The editor's form for a new chapter: ChapterEditor posts every field, the pressed button as `intent`. */
function newChapterForm(bookId: number | string, change: Record<string, string> = {}) {
  return formOf({
    bookId: String(bookId),
    title: "  第一章  开端 ",
    body: "\u3000\u3000第一段。\r\n\r\n  第二段。",
    authorNote: "",
    publishAt: "",
    intent: "save",
    ...change,
  });
}

/** The editor's form for an existing chapter. */
function editChapterForm(chapterId: number | string, change: Record<string, string> = {}) {
  return formOf({
    chapterId: String(chapterId),
    title: "改过的标题",
    body: "改过的正文，一共十一个字。",
    authorNote: "作者的话",
    publishAt: "",
    intent: "save",
    ...change,
  });
}

describe("createChapterAction", () => {
  it("saves a draft at the end of the book, normalised; nothing public changes", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author, 2);
    const to = await redirectOf(createChapterAction(initialFormState, newChapterForm(book.id)));
    const chapter = await request.db.chapter.findFirstOrThrow({
      where: { bookId: book.id, status: "DRAFT" },
      include: { content: true },
    });
    expect(to).toBe(`/dashboard/chapters/${chapter.id}?saved=1`);
    expect(chapter).toMatchObject({
      title: "第一章 开端",
      position: 3,
      wordCount: 6,
      publishedAt: null,
      volumeId: null,
    });
    expect(chapter.content).toMatchObject({ body: "第一段。\n第二段。", authorNote: "" });
    // The public counters stay; only the dashboard's "last updated" moves.
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toEqual({
      ...book,
      updatedAt: expect.any(Date),
    });
    expect(request.updatedTags).toEqual([]);
  });

  it("publishing the first chapter makes the book public: counters, last chapter, tags", async () => {
    const author = await signedIn(request);
    const book = await draftBookOf(author);
    const other = await publicBookOf(await createUser(request.db));
    const start = new Date();
    const to = await redirectOf(
      createChapterAction(initialFormState, newChapterForm(book.id, { intent: "publish", authorNote: "谢谢" })),
    );
    const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
    expect(to).toBe(`/dashboard/chapters/${chapter.id}?saved=1`);
    expect(chapter).toMatchObject({ status: "PUBLISHED", publishAt: null, position: 1 });
    expect(chapter.publishedAt!.getTime()).toBeGreaterThanOrEqual(start.getTime());
    const after = await request.db.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(after).toMatchObject({
      chapterCount: 1,
      wordCount: 6,
      lastChapterId: chapter.id,
      lastChapterTitle: "第一章 开端",
      lastPublishedAt: chapter.publishedAt,
    });
    expect(after.updatedAt.getTime()).toBeGreaterThan(book.updatedAt.getTime());
    // The book enters the site: all its pages (the chapter's included) and lists.
    expect(sorted(request.updatedTags)).toEqual(sorted([...cardTags(book.id, author.id), TAGS.book(book.id)]));
    expect(request.updatedTags).not.toContain(TAGS.book(other.id));
    // What a reader now sees.
    expect((await queryBookDetail(request.db, book.id))?.latestChapters.map((c) => c.id)).toEqual([chapter.id]);
    const page = await queryChapterPage(request.db, book.id, chapter.id, PAGE_CHARS);
    expect(page).toMatchObject({ title: "第一章 开端", authorNote: "谢谢", pages: [["第一段。", "第二段。"]] });
  });

  it("files the chapter under a volume of the book, never another book's", async () => {
    const author = await signedIn(request);
    const book = await draftBookOf(author);
    const volume = await createVolume(request.db, book.id, "卷一");
    const theirs = await createVolume(request.db, (await draftBookOf(await createUser(request.db))).id, "别人的卷");
    await redirectOf(createChapterAction(initialFormState, newChapterForm(book.id, { volumeId: String(volume.id) })));
    expect((await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } })).volumeId).toBe(volume.id);
    const state = await changesNothing(request, () =>
      createChapterAction(initialFormState, newChapterForm(book.id, { volumeId: String(theirs.id) })),
    );
    expect(state.fieldErrors?.volumeId).toEqual([authoringError("unknownVolume")]);
  });

  it("refuses to publish a chapter without text, keeping what was typed", async () => {
    const author = await signedIn(request);
    const book = await draftBookOf(author);
    const state = await changesNothing(request, () =>
      createChapterAction(initialFormState, newChapterForm(book.id, { intent: "publish", body: " \n\u200B " })),
    );
    expect(state).toMatchObject({ status: "error", fieldErrors: { body: [authoringError("emptyBodyPublish")] } });
    expect(state.values).toMatchObject({ title: "  第一章  开端 ", body: " \n\u200B " });
  });

  it("sends a signed-out visitor to sign in, back to the new-chapter page", async () => {
    const book = await publicBookOf(await createUser(request.db));
    const to = await changesNothing(request, () =>
      redirectOf(createChapterAction(initialFormState, newChapterForm(book.id, { intent: "publish" }))),
    );
    expect(to).toBe(loginFor(`/dashboard/books/${book.id}/chapters/new`));
  });

  it("answers someone else's book like a missing one; refuses a reader and a book in the trash", async () => {
    const book = await publicBookOf(await createUser(request.db));
    await signedIn(request);
    for (const bookId of [book.id, 2147483647]) {
      const state = await changesNothing(request, () =>
        createChapterAction(initialFormState, newChapterForm(bookId, { intent: "publish" })),
      );
      expect(state).toMatchObject({ status: "error", message: authoringError("notFound") });
    }
    const trashed = await createBook(request.db, {
      authorId: (await signedIn(request)).id,
      categoryId: category.id,
      deletedAt: new Date(),
    });
    const inTrash = await changesNothing(request, () =>
      createChapterAction(initialFormState, newChapterForm(trashed.id)),
    );
    expect(inTrash).toMatchObject({ status: "error", message: authoringError("bookInTrash") });
    await signedIn(request, "READER");
    const reader = await changesNothing(request, () => createChapterAction(initialFormState, newChapterForm(book.id)));
    expect(reader).toMatchObject({ status: "error", message: authoringError("forbidden") });
    expect(request.updatedTags).toEqual([]);
  });

  it.each([
    ["status", "PUBLISHED", "unknownField"],
    ["wordCount", "100000", "unknownField"],
    ["pageCount", "9", "unknownField"],
    ["publishedAt", "2020-01-01T00:00:00Z", "unknownField"],
    ["deletedAt", "", "unknownField"],
    ["chapterId", "1", "unknownField"],
    ["authorId", "1", "unknownField"],
    ["viewCount", "5", "unknownField"],
    ["position", "1", "invalid"],
  ])("refuses a forged `%s` field, creating nothing", async (field, value, key) => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const state = await changesNothing(request, () =>
      createChapterAction(initialFormState, newChapterForm(book.id, { [field]: value })),
    );
    expect(state).toMatchObject({ status: "error", message: fixErrors });
    expect(state.fieldErrors?.[field]).toEqual([authoringError(key)]);
  });

  it.each([
    ["an empty title", { title: "" }, "title", authoringError("required")],
    ["a title of 201 characters", { title: "章".repeat(201) }, "title", authoringError("tooLong", { max: 200 })],
    ["NUL in the title", { title: "第\u0000章" }, "title", authoringError("nulCharacter", { position: 2 })],
    ["NUL in the body", { body: "正文\u0000" }, "body", authoringError("nulCharacter", { position: 3 })],
    ["NUL in the note", { authorNote: "\u0000" }, "authorNote", authoringError("nulCharacter", { position: 1 })],
    [
      "a body of 100,001 characters",
      { body: "a".repeat(100_001) },
      "body",
      authoringError("tooLong", { max: 100_000 }),
    ],
    ["a body of 2 MB", { body: "a".repeat(2_000_000) }, "body", authoringError("tooLong", { max: 100_000 })],
    [
      "a body over the byte cap",
      { body: "书".repeat(90_000) },
      "body",
      authoringError("tooManyBytes", { max: 262_144 }),
    ],
    ["a note over the cap", { authorNote: "话".repeat(2001) }, "authorNote", authoringError("tooLong", { max: 2000 })],
    ["an unknown intent", { intent: "delete" }, "intent", authoringError("invalidOption")],
    ["a malformed volume id", { volumeId: "1e3" }, "volumeId", authoringError("invalid")],
  ])("refuses %s with a field error, creating nothing", async (_, change, field, expected) => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const state = await changesNothing(request, () =>
      createChapterAction(initialFormState, newChapterForm(book.id, change)),
    );
    expect(state).toMatchObject({ status: "error", message: fixErrors });
    expect(state.fieldErrors?.[field]).toEqual([expected]);
    expect(request.updatedTags).toEqual([]);
  });

  it("chapters created at once all get their own place at the end", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author, 2);
    const titles = ["甲", "乙", "丙", "丁", "戊"];
    const outcomes = await Promise.all(
      titles.map((title) => redirectOf(createChapterAction(initialFormState, newChapterForm(book.id, { title })))),
    );
    const order = await chapterOrder(request.db, book.id);
    expect(order).toHaveLength(7);
    expect(outcomes.sort()).toEqual(
      order
        .slice(2)
        .map((id) => `/dashboard/chapters/${id}?saved=1`)
        .sort(),
    );
  });

  it("publishing ignores a time left in the date field (the editor always posts it)", async () => {
    const author = await signedIn(request);
    const book = await draftBookOf(author);
    const form = newChapterForm(book.id, { intent: "publish", publishAt: "2030-01-01T10:00" });
    await redirectOf(createChapterAction(initialFormState, form));
    expect(await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } })).toMatchObject({
      status: "PUBLISHED",
      publishAt: null,
    });
  });

  it.each(MALFORMED_IDS)("refuses the malformed book id %j", async (bookId) => {
    await signedIn(request);
    const state = await changesNothing(request, () => createChapterAction(initialFormState, newChapterForm(bookId)));
    expect(state.fieldErrors?.bookId).toEqual([authoringError("invalid")]);
  });

  it("cannot receive a lone surrogate: the post carries U+FFFD, stored as sent", async () => {
    const author = await signedIn(request);
    const book = await draftBookOf(author);
    const form = newChapterForm(book.id, { body: "半个\uDC00字" });
    expect(form.get("body")).toBe("半个\uFFFD字");
    await redirectOf(createChapterAction(initialFormState, form));
    const chapter = await request.db.chapter.findFirstOrThrow({
      where: { bookId: book.id },
      include: { content: true },
    });
    expect(chapter.content?.body).toBe("半个\uFFFD字");
  });
});

describe("updateChapterAction", () => {
  it("editing a published chapter shows at once: page text, book word count, tags", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author, 2);
    const [first, last] = await request.db.chapter.findMany({
      where: { bookId: book.id },
      orderBy: { position: "asc" },
    });
    const state = await updateChapterAction(initialFormState, editChapterForm(first!.id));
    expect(state).toEqual({ status: "success", message: message("dashboard.saved") });
    expect(request.refreshes).toBe(1);
    expect(await request.db.chapter.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      title: "改过的标题",
      status: "PUBLISHED",
      publishedAt: first!.publishedAt,
      wordCount: 11,
      position: 1,
    });
    const after = await request.db.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(after).toMatchObject({ wordCount: 11 + last!.wordCount, chapterCount: 2, lastChapterId: last!.id });
    const page = await queryChapterPage(request.db, book.id, first!.id, PAGE_CHARS);
    expect(page).toMatchObject({
      title: "改过的标题",
      authorNote: "作者的话",
      pages: [["改过的正文，一共十一个字。"]],
    });
    // Its own page, the book's index pages and the lists (word count); not the next chapter's page.
    expect(sorted(request.updatedTags)).toEqual(sorted([...cardTags(book.id, author.id), TAGS.chapter(first!.id)]));
    expect(request.updatedTags).not.toContain(TAGS.chapter(last!.id));
    expect(request.updatedTags).not.toContain(TAGS.book(book.id));
  });

  it("editing a draft keeps it a draft and expires nothing", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const draft = await addChapter(request.db, book.id, { status: "DRAFT" });
    expect((await updateChapterAction(initialFormState, editChapterForm(draft.id))).status).toBe("success");
    expect(await request.db.chapter.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({
      status: "DRAFT",
      title: "改过的标题",
    });
    expect(await queryChapterPage(request.db, book.id, draft.id, PAGE_CHARS)).toBeNull();
    expect(request.updatedTags).toEqual([]);
  });

  it("the editor's publish button publishes a draft, which becomes the book's last chapter", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const previousLast = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
    const draft = await addChapter(request.db, book.id, { status: "DRAFT" });
    const state = await updateChapterAction(initialFormState, editChapterForm(draft.id, { intent: "publish" }));
    expect(state.status).toBe("success");
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({
      chapterCount: 2,
      lastChapterId: draft.id,
      lastChapterTitle: "改过的标题",
    });
    // Its page, and the previous last chapter's (its "next" link now leads to it).
    expect(sorted(request.updatedTags)).toEqual(
      sorted([...cardTags(book.id, author.id), TAGS.chapter(draft.id), TAGS.chapter(previousLast.id)]),
    );
  });

  it("moves the chapter to a volume of its book, never to another book's", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
    const volume = await createVolume(request.db, book.id, "卷一");
    const theirs = await createVolume(request.db, (await publicBookOf(await createUser(request.db))).id, "卷");
    await updateChapterAction(initialFormState, editChapterForm(chapter.id, { volumeId: String(volume.id) }));
    expect((await request.db.chapter.findUniqueOrThrow({ where: { id: chapter.id } })).volumeId).toBe(volume.id);
    const state = await changesNothing(request, () =>
      updateChapterAction(initialFormState, editChapterForm(chapter.id, { volumeId: String(theirs.id) })),
    );
    expect(state.fieldErrors?.volumeId).toEqual([authoringError("unknownVolume")]);
    // "No volume" is an empty choice.
    await updateChapterAction(initialFormState, editChapterForm(chapter.id, { volumeId: "" }));
    expect((await request.db.chapter.findUniqueOrThrow({ where: { id: chapter.id } })).volumeId).toBeNull();
  });

  it("sends a signed-out visitor to sign in, back to the chapter", async () => {
    const book = await publicBookOf(await createUser(request.db));
    const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
    const to = await changesNothing(request, () =>
      redirectOf(updateChapterAction(initialFormState, editChapterForm(chapter.id))),
    );
    expect(to).toBe(loginFor(`/dashboard/chapters/${chapter.id}`));
  });

  it("answers someone else's chapter like a missing one, in or out of the trash", async () => {
    const owner = await createUser(request.db);
    const book = await publicBookOf(owner);
    const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
    const trashed = await addChapter(request.db, book.id, { status: "DRAFT", deletedAt: new Date() });
    await signedIn(request);
    for (const chapterId of [chapter.id, trashed.id, 2147483647]) {
      const state = await changesNothing(request, () =>
        updateChapterAction(initialFormState, editChapterForm(chapterId)),
      );
      expect(state).toEqual({
        status: "error",
        message: authoringError("notFound"),
        fieldErrors: {},
        values: {
          title: "改过的标题",
          body: "改过的正文，一共十一个字。",
          authorNote: "作者的话",
          publishAt: "",
        },
      });
    }
  });

  it("refuses a reader, a demoted author, and a chapter in the trash", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
    const trashed = await addChapter(request.db, book.id, { status: "DRAFT", deletedAt: new Date() });
    const inTrash = await changesNothing(request, () =>
      updateChapterAction(initialFormState, editChapterForm(trashed.id)),
    );
    expect(inTrash.message).toBe(authoringError("chapterInTrash"));
    await request.db.user.update({ where: { id: author.id }, data: { role: "READER" } });
    const demoted = await changesNothing(request, () =>
      updateChapterAction(initialFormState, editChapterForm(chapter.id)),
    );
    expect(demoted.message).toBe(authoringError("forbidden"));
    await signedIn(request, "READER");
    const reader = await changesNothing(request, () =>
      updateChapterAction(initialFormState, editChapterForm(chapter.id)),
    );
    expect(reader.message).toBe(authoringError("forbidden"));
  });

  it.each([
    ["bookId", (other: number) => String(other)],
    ["status", () => "PUBLISHED"],
    ["wordCount", () => "1"],
    ["position", () => "1"],
    ["publishedAt", () => "2020-01-01T00:00:00Z"],
    ["deletedAt", () => ""],
    ["hiddenAt", () => ""],
  ])("refuses a forged `%s` field and changes nothing", async (field, value) => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const mine = await publicBookOf(author);
    const draft = await addChapter(request.db, book.id, { status: "DRAFT" });
    const state = await changesNothing(request, () =>
      updateChapterAction(initialFormState, editChapterForm(draft.id, { [field]: value(mine.id) })),
    );
    expect(state.fieldErrors?.[field]).toEqual([authoringError("unknownField")]);
  });

  it("refuses oversized or broken text and malformed ids, changing nothing", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author);
    const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
    const state = await changesNothing(request, () =>
      updateChapterAction(
        initialFormState,
        editChapterForm(chapter.id, { title: "章".repeat(201), body: "a".repeat(100_001), authorNote: "\u0000" }),
      ),
    );
    expect(state.fieldErrors).toEqual({
      title: [authoringError("tooLong", { max: 200 })],
      body: [authoringError("tooLong", { max: 100_000 })],
      authorNote: [authoringError("nulCharacter", { position: 1 })],
    });
    for (const chapterId of MALFORMED_IDS) {
      const malformed = await changesNothing(request, () =>
        updateChapterAction(initialFormState, editChapterForm(chapterId)),
      );
      expect(malformed.fieldErrors?.chapterId).toEqual([authoringError("invalid")]);
    }
    expect(request.updatedTags).toEqual([]);
  });

  it("keeps positions 1..n whatever it edits", async () => {
    const author = await signedIn(request);
    const book = await publicBookOf(author, 3);
    const order = await chapterOrder(request.db, book.id);
    await updateChapterAction(initialFormState, editChapterForm(order[1]!));
    expect(await chapterOrder(request.db, book.id)).toEqual(order);
  });
});
