import iconv from "iconv-lite";
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Category, User } from "@/lib/generated/prisma/client";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { authoringError, changesNothing, message, signedIn } from "@/lib/test/authoring-actions";
import { createBook, createCategory } from "@/lib/test/fixtures";
import { CREATE_REQUEST_TTL_MS } from "@/lib/data/create-requests";
import { createBookAction, createChapterAction, createVolumeAction } from "./authoring";
import { initialFormState, type FormState } from "./form-state";
import { importTxtAction } from "./import";
import { initialImportState, type ImportFormState } from "./import-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

// Idempotent creates (lib/data/create-requests.ts): every create form sends a `requestId`, and
// posts with the same one create one record, however many arrive at once. Each test posts the
// same form PARALLEL times at once, as a double click or a retrying client would.

const request = setUpActionRequests();
vi.setConfig({ testTimeout: 60_000 });
const PARALLEL = 5;

let category: Category;
beforeAll(async () => {
  category = await createCategory(request.db);
});
// The import action answers a hydrated form (Next-Action header) with its state.
beforeEach(() => request.setHeader("next-action", "import"));

const reused = authoringError("requestReused");
const badKey = authoringError("badRequestId");
const times = <T>(n: number, make: () => Promise<T>) => Promise.all(Array.from({ length: n }, make));
const formError = (text: string) => expect.objectContaining({ status: "error", fieldErrors: { _form: [text] } });

/** A second author, signed in for the next calls. */
async function anotherAuthor(): Promise<User> {
  return signedIn(request);
}

describe("creating a book", () => {
  const bookForm = (requestId: string, title = "同一本书") =>
    formOf({ title, categoryId: String(category.id), requestId });
  const booksOf = (user: User) => request.db.book.findMany({ where: { authorId: user.id }, select: { id: true } });

  it("makes one book of parallel posts with one requestId, and sends every post to it", async () => {
    const author = await signedIn(request, "READER");
    const key = randomUUID();
    const landed = await times(PARALLEL, () => redirectOf(createBookAction(initialFormState, bookForm(key))));
    const books = await booksOf(author);
    expect(books).toHaveLength(1);
    expect(new Set(landed)).toEqual(new Set([`/dashboard/books/${books[0]!.id}`]));
    // The reader who started it became an author once.
    expect(await request.db.user.findUniqueOrThrow({ where: { id: author.id } })).toMatchObject({ role: "AUTHOR" });
  });

  it("makes two books of two requestIds, and one of a post sent again later", async () => {
    const author = await signedIn(request);
    const [a, b] = [randomUUID(), randomUUID()];
    await Promise.all([bookForm(a), bookForm(b)].map((f) => redirectOf(createBookAction(initialFormState, f))));
    expect(await booksOf(author)).toHaveLength(2);
    await redirectOf(createBookAction(initialFormState, bookForm(a)));
    expect(await booksOf(author)).toHaveLength(2);
  });

  it("creates one book per post when a form sends no requestId (no JavaScript, an old page)", async () => {
    const author = await signedIn(request);
    const form = () => formOf({ title: "无键", categoryId: String(category.id) });
    await times(2, () => redirectOf(createBookAction(initialFormState, form())));
    expect(await booksOf(author)).toHaveLength(2);
  });

  it("refuses another author's requestId without saying whose it is, and creates nothing", async () => {
    await signedIn(request);
    const key = randomUUID();
    await redirectOf(createBookAction(initialFormState, bookForm(key)));
    const other = await anotherAuthor();
    const state = await changesNothing(request, () => createBookAction(initialFormState, bookForm(key)));
    expect(state).toEqual(expect.objectContaining({ status: "error", message: reused }));
    expect(await booksOf(other)).toHaveLength(0);
  });

  it("refuses the same requestId with other content (a form reopened and changed)", async () => {
    const author = await signedIn(request);
    const key = randomUUID();
    await redirectOf(createBookAction(initialFormState, bookForm(key, "第一本")));
    const state = await changesNothing(request, () => createBookAction(initialFormState, bookForm(key, "第二本")));
    expect(state).toEqual(expect.objectContaining({ status: "error", message: reused }));
    expect(await booksOf(author)).toHaveLength(1);
  });

  it("refuses a malformed requestId as a form error and creates nothing", async () => {
    await signedIn(request);
    for (const key of ["", "not-a-uuid", `${randomUUID()}x`, '\'; DROP TABLE "Book"; --']) {
      const state = await changesNothing(request, () => createBookAction(initialFormState, bookForm(key)));
      expect(state).toEqual(formError(badKey));
    }
  });

  it("lets a refused form be sent again with its key once corrected", async () => {
    const author = await signedIn(request);
    const key = randomUUID();
    const refused = await createBookAction(initialFormState, formOf({ title: "", categoryId: "", requestId: key }));
    expect(refused.status).toBe("error");
    await redirectOf(createBookAction(initialFormState, bookForm(key)));
    expect(await booksOf(author)).toHaveLength(1);
  });

  it("forgets keys older than a day as new ones are claimed", async () => {
    await signedIn(request);
    const old = randomUUID();
    await redirectOf(createBookAction(initialFormState, bookForm(old)));
    const dayAgo = new Date(Date.now() - CREATE_REQUEST_TTL_MS - 60_000);
    await request.db.createRequest.update({ where: { id: old }, data: { createdAt: dayAgo } });
    await redirectOf(createBookAction(initialFormState, bookForm(randomUUID())));
    expect(await request.db.createRequest.findUnique({ where: { id: old } })).toBeNull();
  });
});

describe("creating a chapter", () => {
  const chapterForm = (bookId: number, requestId: string, intent = "publish") =>
    formOf({ bookId: String(bookId), title: "第一章", body: "正文。", intent, requestId });

  it("makes one chapter of parallel posts with one requestId, and sends every post to it", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id });
    const key = randomUUID();
    const landed = await times(PARALLEL, () =>
      redirectOf(createChapterAction(initialFormState, chapterForm(book.id, key))),
    );
    const chapters = await request.db.chapter.findMany({ where: { bookId: book.id } });
    expect(chapters).toHaveLength(1);
    expect(new Set(landed)).toEqual(new Set([`/dashboard/chapters/${chapters[0]!.id}?saved=1`]));
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({ chapterCount: 1 });
  });

  it("makes two chapters of two requestIds, in positions 1 and 2", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id });
    await Promise.all(
      [randomUUID(), randomUUID()].map((key) =>
        redirectOf(createChapterAction(initialFormState, chapterForm(book.id, key))),
      ),
    );
    const positions = await request.db.chapter.findMany({ where: { bookId: book.id }, select: { position: true } });
    expect(positions.map((c) => c.position).sort()).toEqual([1, 2]);
  });

  it("refuses another author's requestId, and a malformed one, creating nothing", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id });
    const key = randomUUID();
    await redirectOf(createChapterAction(initialFormState, chapterForm(book.id, key)));

    const other = await anotherAuthor();
    const own = await createBook(request.db, { authorId: other.id });
    const state = await changesNothing(request, () => createChapterAction(initialFormState, chapterForm(own.id, key)));
    expect(state).toEqual(expect.objectContaining({ status: "error", message: reused }));
    const malformed = await changesNothing(request, () =>
      createChapterAction(initialFormState, chapterForm(own.id, "123")),
    );
    expect(malformed).toEqual(formError(badKey));
  });

  it("refuses a key used for another kind of record", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id });
    const key = randomUUID();
    await redirectOf(createChapterAction(initialFormState, chapterForm(book.id, key)));
    const state = await changesNothing(request, () =>
      createVolumeAction(initialFormState, formOf({ bookId: String(book.id), title: "第一卷", requestId: key })),
    );
    expect(state).toEqual(expect.objectContaining({ status: "error", message: reused }));
  });
});

describe("creating a volume", () => {
  const volumeForm = (bookId: number, requestId: string) =>
    formOf({ bookId: String(bookId), title: "第一卷", requestId });
  const saved: FormState = { status: "success", message: message("dashboard.saved") };

  it("makes one volume of parallel posts with one requestId, and answers every post 'saved'", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id });
    const key = randomUUID();
    const states = await times(PARALLEL, () => createVolumeAction(initialFormState, volumeForm(book.id, key)));
    expect(states).toEqual(Array(PARALLEL).fill(saved));
    expect(await request.db.volume.count({ where: { bookId: book.id } })).toBe(1);
    expect(await request.db.createRequest.findUniqueOrThrow({ where: { id: key } })).toMatchObject({
      userId: author.id,
      kind: "volume",
      resultId: (await request.db.volume.findFirstOrThrow({ where: { bookId: book.id } })).id,
    });
  });

  it("makes two volumes of two requestIds", async () => {
    const author = await signedIn(request);
    const book = await createBook(request.db, { authorId: author.id });
    await Promise.all(
      [randomUUID(), randomUUID()].map((k) => createVolumeAction(initialFormState, volumeForm(book.id, k))),
    );
    expect(await request.db.volume.count({ where: { bookId: book.id } })).toBe(2);
  });

  it("refuses another author's requestId and a malformed one, creating nothing", async () => {
    const author = await signedIn(request);
    const key = randomUUID();
    await createVolumeAction(
      initialFormState,
      volumeForm((await createBook(request.db, { authorId: author.id })).id, key),
    );
    const other = await anotherAuthor();
    const own = await createBook(request.db, { authorId: other.id });
    const state = await changesNothing(request, () => createVolumeAction(initialFormState, volumeForm(own.id, key)));
    expect(state).toEqual(expect.objectContaining({ status: "error", message: reused }));
    const malformed = await changesNothing(request, () =>
      createVolumeAction(initialFormState, volumeForm(own.id, "{}")),
    );
    expect(malformed).toEqual(formError(badKey));
  });
});

describe("confirming a TXT import", () => {
  const OPTIONS = { encoding: "auto", preface: "intro", customPattern: "" };
  let sequence = 0;
  /** A GBK .txt of three chapters; each one's bytes (and sha256) are unique. */
  const txt = () =>
    new File(
      [
        new Uint8Array(
          iconv.encode(
            `${++sequence}\r\n第一章 甲\r\n　　一。\r\n第二章 乙\r\n　　二。\r\n第三章 丙\r\n　　三。\r\n`,
            "gbk",
          ),
        ),
      ],
      "novel.txt",
      { type: "text/plain" },
    );
  const post = (fields: Record<string, string | File>) => importTxtAction(initialImportState, formOf(fields));
  const preview = () => post({ intent: "preview", ...OPTIONS, file: txt() });
  const confirm = (shown: ImportFormState, requestId: string) =>
    post({
      intent: "import",
      ...OPTIONS,
      uploadId: shown.upload!.id,
      confirmKey: shown.confirmKey!,
      file: new File([], "", { type: "application/octet-stream" }),
      title: "导入之书",
      categoryId: String(category.id),
      status: "PUBLISHED",
      requestId,
    });
  const booksOf = (user: User) => request.db.book.findMany({ where: { authorId: user.id }, select: { id: true } });

  it("imports once for parallel confirms with one requestId, and sends every post to the book", async () => {
    const author = await signedIn(request);
    const shown = await preview();
    const key = randomUUID();
    const landed = await times(PARALLEL, () => redirectOf(confirm(shown, key)));
    const books = await booksOf(author);
    expect(books).toHaveLength(1);
    expect(new Set(landed)).toEqual(new Set([`/dashboard/books/${books[0]!.id}?imported=3`]));
    expect(await request.db.chapter.count({ where: { bookId: books[0]!.id } })).toBe(3);
    // Sent again once it is done (its bytes are gone by then): the same answer.
    expect(await redirectOf(confirm(shown, key))).toBe(`/dashboard/books/${books[0]!.id}?imported=3`);
  });

  it("imports two files confirmed at once with two requestIds as two books", async () => {
    const author = await signedIn(request);
    const [a, b] = [await preview(), await preview()];
    await Promise.all([redirectOf(confirm(a, randomUUID())), redirectOf(confirm(b, randomUUID()))]);
    expect(await booksOf(author)).toHaveLength(2);
  });

  it("refuses another author's requestId and a malformed one, importing nothing", async () => {
    await signedIn(request);
    const key = randomUUID();
    await redirectOf(confirm(await preview(), key));
    const other = await anotherAuthor();
    const shown = await preview();
    expect(await confirm(shown, key)).toEqual(expect.objectContaining({ status: "error", message: reused }));
    expect(await confirm(shown, "nope")).toEqual(expect.objectContaining({ status: "error", message: badKey }));
    expect(await booksOf(other)).toHaveLength(0);
    // The refused key is not held: the same upload imports with the form's next key.
    await redirectOf(confirm(shown, randomUUID()));
    expect(await booksOf(other)).toHaveLength(1);
  });
});
