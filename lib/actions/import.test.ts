import iconv from "iconv-lite";
import { headers } from "next/headers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { message, signedIn } from "@/lib/test/authoring-actions";
import { createBook, createCategory, createUser } from "@/lib/test/fixtures";
import { generateNovel } from "@/lib/text/import/fixtures/novel";
import { importTxtAction } from "./import";
import { restoreImportState } from "./import-flow";
import { initialImportState, type ImportFormState } from "./import-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

const request = setUpActionRequests();
// Every test posts files through the real parser and database; a busy machine needs the room.
vi.setConfig({ testTimeout: 60_000 });

// The hydrated form posts with Next's action header and gets the state back; a plain post
// (no JavaScript) is redirected (see the last describe).
beforeEach(() => request.setHeader("next-action", "import"));

const NOVEL = [
  "简介：一部从文本文件导入的小说。",
  "第一章 山雨欲来",
  "　　天色渐渐暗了下来，少年站在山巅，望着远处的城池。",
  "第二章 初入江湖",
  "　　清晨的阳光洒在青石板路上。",
  "第三章 夜雨",
  "　　雨下了一整夜。",
  "",
].join("\r\n");

let sequence = 0;
/** A GBK .txt as a browser posts the chosen file; `salt` makes its bytes (and sha256) unique. */
function txt(text = NOVEL, name = "novel.txt"): File {
  const bytes = iconv.encode(`${++sequence}\r\n${text}`, "gbk");
  return new File([new Uint8Array(bytes)], name, { type: "text/plain" });
}

/** The empty file input of a form whose file is already staged. */
const noFile = () => new File([], "", { type: "application/octet-stream" });

const OPTIONS = { encoding: "auto", preface: "intro", customPattern: "" };

const post = (fields: Record<string, string | File>) => importTxtAction(initialImportState, formOf(fields));
const preview = (file: File, extra: Record<string, string> = {}) =>
  post({ intent: "preview", ...OPTIONS, file, ...extra });

/** The import step as the preview's form posts it back. */
function confirm(state: ImportFormState, fields: Record<string, string>) {
  return post({
    intent: "import",
    ...OPTIONS,
    uploadId: state.upload!.id,
    confirmKey: state.confirmKey!,
    file: noFile(),
    ...fields,
  });
}

const error = (text: string) => expect.objectContaining({ status: "error", message: text });

async function newBookFields() {
  const category = await createCategory(request.db);
  return { title: "导入之书", categoryId: String(category.id), status: "PUBLISHED", language: "zh-CN" };
}

/** What an import by `user` can have written (the file's database is shared by its tests). */
const counts = async (user: User) => ({
  books: await request.db.book.count({ where: { authorId: user.id } }),
  chapters: await request.db.chapter.count({ where: { book: { authorId: user.id } } }),
  records: await request.db.importRecord.count({ where: { userId: user.id } }),
});

describe("importTxtAction: preview, then import", () => {
  it("stages the file once, previews it, and imports it from the staged copy as a new book", async () => {
    const author = await signedIn(request);
    const fields = await newBookFields();

    const shown = await preview(txt());
    expect(shown).toMatchObject({ status: "preview", preview: { encoding: "GB18030", chapters: 3 } });
    const staged = await request.db.importUpload.findUniqueOrThrow({ where: { id: shown.upload!.id } });
    expect(staged).toMatchObject({ userId: author.id, fileName: "novel.txt", state: "STAGED" });

    // Another option is previewed from the staged file: no file is sent again.
    const prologue = await post({
      intent: "preview",
      ...OPTIONS,
      preface: "prologue",
      uploadId: shown.upload!.id,
      file: noFile(),
    });
    expect(prologue).toMatchObject({ status: "preview", upload: { id: shown.upload!.id }, preview: { chapters: 4 } });

    const landed = await redirectOf(confirm(shown, fields));
    const bookId = Number(/^\/dashboard\/books\/(\d+)\?imported=3$/.exec(landed)?.[1]);
    const book = await request.db.book.findUniqueOrThrow({ where: { id: bookId } });
    expect(book).toMatchObject({ authorId: author.id, title: "导入之书", chapterCount: 3 });
    expect(request.updatedTags).toContain(`book:${bookId}`);
    const done = await request.db.importUpload.findUniqueOrThrow({ where: { id: shown.upload!.id } });
    expect(done).toMatchObject({ state: "DONE", bookId, done: 3, total: 3, bytes: null });
  });

  it("appends to the author's own book", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id });
    const shown = await preview(txt(), { bookId: String(book.id) });
    const landed = await redirectOf(confirm(shown, { bookId: String(book.id), status: "DRAFT" }));
    expect(landed).toBe(`/dashboard/books/${book.id}?imported=3`);
    expect(await request.db.chapter.count({ where: { bookId: book.id, status: "DRAFT" } })).toBe(3);
  });

  it("shows the new preview instead of importing when the options changed since the preview", async () => {
    const author = await signedIn(request);
    const shown = await preview(txt());
    const changed = await confirm(shown, { ...(await newBookFields()), preface: "prologue" });
    expect(changed).toMatchObject({ status: "preview", message: message("import.ui.changedSincePreview") });
    expect(changed.preview!.chapters).toBe(4);
    expect(await counts(author)).toEqual({ books: 0, chapters: 0, records: 0 });
  });

  it("creates the chapters once when the same confirm is posted twice, and says so", async () => {
    const author = await signedIn(request);
    const fields = await newBookFields();
    const shown = await preview(txt());
    const landed = await redirectOf(confirm(shown, fields));
    const bookId = Number(/books\/(\d+)/.exec(landed)![1]);

    const again = await confirm(shown, fields);
    expect(again).toEqual(error(message("import.alreadyImported")));
    expect(again.existingBookId).toBe(bookId);
    expect(await request.db.chapter.count({ where: { bookId } })).toBe(3);
    expect(await counts(author)).toEqual({ books: 1, chapters: 3, records: 1 });
  });

  it("runs one import when the confirm arrives twice at once", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id });
    const shown = await preview(txt(generateNovel(60, 100)), { bookId: String(book.id) });
    const both = await Promise.allSettled([
      confirm(shown, { bookId: String(book.id) }),
      confirm(shown, { bookId: String(book.id) }),
    ]);
    const answered = both.filter((r) => r.status === "fulfilled").map((r) => r.value.message);
    expect(answered).toHaveLength(1);
    expect([message("import.ui.importRunning"), message("import.alreadyImported")]).toContain(answered[0]);
    expect(await request.db.chapter.count({ where: { bookId: book.id } })).toBe(60);
  });
});

describe("importTxtAction refuses", () => {
  it("a signed-out visitor: off to sign in, and back to the form after", async () => {
    request.signOut();
    const before = await request.db.importUpload.count();
    expect(await redirectOf(preview(txt()))).toBe("/login?next=%2Fdashboard%2Fimport");
    expect(await redirectOf(preview(txt(), { bookId: "12" }))).toBe("/login?next=%2Fdashboard%2Fbooks%2F12%2Fimport");
    expect(await request.db.importUpload.count()).toBe(before);
  });

  it("another user's upload, like an unknown one: no preview, no import, their file untouched", async () => {
    const owner = await signedIn(request);
    const theirs = await preview(txt());
    const other = await signedIn(request);
    const fields = await newBookFields();
    const before = await counts(other);

    const gone = error(message("import.ui.uploadGone"));
    expect(await post({ intent: "preview", ...OPTIONS, uploadId: theirs.upload!.id, file: noFile() })).toEqual(gone);
    const stolen = await confirm(theirs, fields);
    expect(stolen).toEqual(gone);
    expect(stolen.upload).toBeUndefined();
    expect(stolen.values?.uploadId).toBeUndefined();
    expect(await post({ intent: "preview", ...OPTIONS, uploadId: "x".repeat(22), file: noFile() })).toEqual(gone);

    expect(await counts(other)).toEqual(before);
    expect(await counts(owner)).toEqual({ books: 0, chapters: 0, records: 0 });
    const row = await request.db.importUpload.findUniqueOrThrow({ where: { id: theirs.upload!.id } });
    expect(row).toMatchObject({ userId: owner.id, state: "STAGED" });
    expect(row.bytes).not.toBeNull();
  });

  it.each(["authorId", "userId", "role"])("a forged %s field, writing nothing", async (field) => {
    const author = await signedIn(request);
    const shown = await preview(txt());
    const other = await createUser(request.db);
    const forged = await confirm(shown, { ...(await newBookFields()), [field]: String(other.id) });
    expect(forged).toEqual(error(message("authoring.errors.unknownField")));
    expect(await counts(author)).toEqual({ books: 0, chapters: 0, records: 0 });
    expect(await counts(other)).toEqual({ books: 0, chapters: 0, records: 0 });
    expect(await post({ intent: "preview", ...OPTIONS, file: txt(), [field]: String(author.id) })).toEqual(
      error(message("authoring.errors.unknownField")),
    );
  });

  it("someone else's book as the target, like a missing one: nothing written, the upload kept for a retry", async () => {
    const author = await signedIn(request);
    const owner = await createUser(request.db);
    const theirBook = await createBook(request.db, { authorId: owner.id });
    const shown = await preview(txt(), { bookId: String(theirBook.id) });
    const refused = await confirm(shown, { bookId: String(theirBook.id) });
    expect(refused).toEqual(error(message("authoring.errors.notFound")));
    expect(await counts(owner)).toEqual({ books: 1, chapters: 0, records: 0 });
    expect(await counts(author)).toEqual({ books: 0, chapters: 0, records: 0 });
    const row = await request.db.importUpload.findUniqueOrThrow({ where: { id: shown.upload!.id } });
    expect(row.state).toBe("FAILED");
    expect(row.bytes).not.toBeNull();
  });

  it("a reader appending to a book (a first book from an import is allowed)", async () => {
    const reader = await signedIn(request, "READER");
    const book = await createBook(request.db, { authorId: reader.id });
    const shown = await preview(txt(), { bookId: String(book.id) });
    expect(await confirm(shown, { bookId: String(book.id) })).toEqual(error(message("authoring.errors.forbidden")));
    expect(await request.db.chapter.count({ where: { bookId: book.id } })).toBe(0);
  });

  it("an oversized, empty or binary file, staging nothing", async () => {
    const author = await signedIn(request);
    const big = new File([new Uint8Array(50 * 1024 * 1024 + 1)], "big.txt", { type: "text/plain" });
    expect(await preview(big)).toEqual(error(message("import.errors.tooLarge", { sizeMb: "50.0", maxMb: 50 })));
    expect(await preview(new File([], "empty.txt", { type: "text/plain" }))).toEqual(
      error(message("import.errors.emptyFile")),
    );
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], "a.txt");
    expect(await preview(png)).toEqual(error(message("import.errors.notText", { format: "png" })));
    expect(await preview(noFile())).toEqual(error(message("import.ui.chooseFile")));
    expect(await request.db.importUpload.count({ where: { userId: author.id } })).toBe(0);
  });

  it("a file without headings, keeping it staged so a custom pattern can split it", async () => {
    await signedIn(request);
    const text = ["一部没有标题的小说。", "【一】", "　　天色渐渐暗了。", "【二】", "　　清晨。", ""].join("\n");
    const refused = await preview(txt(text));
    expect(refused).toMatchObject({ status: "error", message: message("import.errors.noHeadings") });
    expect(refused.upload).toBeDefined();

    const split = await post({
      intent: "preview",
      ...OPTIONS,
      customPattern: "^【(?<num>[一二三四五六七八九十]+)】$",
      uploadId: refused.upload!.id,
      file: noFile(),
    });
    expect(split).toMatchObject({ status: "preview", preview: { chapters: 2 } });
  });

  it("a NUL in the custom pattern or the title, writing nothing", async () => {
    const author = await signedIn(request);
    const nul = "第\u0000章";
    const inPattern = await preview(txt(), { customPattern: nul });
    expect(inPattern).toMatchObject({
      status: "error",
      fieldErrors: { customPattern: [message("authoring.errors.nulCharacter", { position: 2 })] },
    });

    const shown = await preview(txt());
    const inTitle = await confirm(shown, { ...(await newBookFields()), title: nul });
    expect(inTitle).toMatchObject({
      status: "error",
      message: message("dashboard.fixErrors"),
      fieldErrors: { title: [message("authoring.errors.nulCharacter", { position: 2 })] },
    });
    expect(await counts(author)).toEqual({ books: 0, chapters: 0, records: 0 });
  });

  it("a lone surrogate cannot arrive: a posted form carries well-formed text (U+FFFD in its place)", async () => {
    await signedIn(request);
    const shown = await preview(txt(), { customPattern: "^第\ud800章$" });
    expect(shown.status).toBe("preview");
    expect(shown.values?.customPattern).toBe("^第\ufffd章$");

    const landed = await redirectOf(
      confirm(shown, { ...(await newBookFields()), title: "山\udc00海", customPattern: "^第\ud800章$" }),
    );
    const book = await request.db.book.findUniqueOrThrow({ where: { id: Number(/books\/(\d+)/.exec(landed)![1]) } });
    expect(book.title).toBe("山\ufffd海");
    expect(book.title.isWellFormed()).toBe(true);
  });
});

describe("importTxtAction without JavaScript", () => {
  let author: User;
  beforeEach(async () => {
    // A plain form post has no Next-Action header at all.
    (await headers()).delete("next-action");
    author = await signedIn(request);
  });

  it("redirects to the form with ?state=, whose page shows the same preview from the staged file", async () => {
    const landed = await redirectOf(preview(txt(), { preface: "prologue" }));
    const nonce = /^\/dashboard\/import\?state=([\w-]{16})$/.exec(landed)?.[1];
    expect(nonce).toBeDefined();

    const restored = await restoreImportState({ id: author.id, role: author.role }, nonce);
    expect(restored).toMatchObject({ status: "preview", preview: { chapters: 4 }, values: { preface: "prologue" } });
    const staged = await request.db.importUpload.findFirstOrThrow({ where: { userId: author.id } });
    expect(restored.upload?.id).toBe(staged.id);
    expect(restored.confirmKey).toMatch(new RegExp(`^${staged.sha256}:[0-9a-f]{64}$`));

    // Another nonce, or someone else reading it, gets the empty form.
    expect(await restoreImportState({ id: author.id, role: author.role }, "A".repeat(16))).toEqual(initialImportState);
    const stranger = await createUser(request.db);
    const theirs = await restoreImportState({ id: stranger.id, role: stranger.role }, nonce);
    expect(theirs.upload).toBeUndefined();
    expect(theirs.preview).toBeUndefined();

    // The confirm from that page imports and lands on the book.
    const landedOnBook = await redirectOf(confirm(restored, { ...(await newBookFields()), preface: "prologue" }));
    expect(landedOnBook).toMatch(/^\/dashboard\/books\/\d+\?imported=4$/);
  });

  it("carries an error through the redirect too", async () => {
    const landed = await redirectOf(preview(noFile()));
    const nonce = /state=([\w-]+)/.exec(landed)![1];
    expect(await restoreImportState({ id: author.id, role: author.role }, nonce)).toEqual(
      error(message("import.ui.chooseFile")),
    );
  });
});
