import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Category, User } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createBook, createCategory, createUser } from "@/lib/test/fixtures";
import { parseImport } from "@/lib/text/import";
import { encodeText, generateNovel, SMALL_NOVEL } from "@/lib/text/import/fixtures/novel";
import type { Actor } from "./actor";
import { DomainError } from "@/lib/data/errors";
import { IMPORT_BATCH_SIZE, isAlreadyImported } from "./import";
import {
  MAX_UPLOADS_PER_USER,
  STALE_RUN_MS,
  UPLOAD_TTL_MS,
  getImportProgress,
  getImportUpload,
  importStagedUpload,
  stageImportUpload,
} from "./import-upload";

let t: TestDatabase;
let category: Category;
let author: User;
let stranger: User;

const as = (u: User): Actor => ({ id: u.id, role: u.role });
const gone = (e: unknown) =>
  e instanceof DomainError && e.code === "NOT_FOUND" && e.messageKey === "import.ui.uploadGone";
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  t = await createTestDatabase();
  category = await createCategory(t.db);
  author = await createUser(t.db, { role: "AUTHOR" });
  stranger = await createUser(t.db, { role: "AUTHOR" });
});

afterAll(() => t.drop());

describe("staging an upload", () => {
  it("stores the file for its owner under a random id; anyone else's id or an unknown one is NOT_FOUND", async () => {
    const bytes = encodeText(SMALL_NOVEL, "gb18030");
    const staged = await stageImportUpload(t.db, as(author), { fileName: "C:\\novels\\山海行.txt", bytes });
    expect(staged.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(staged.fileName).toBe("山海行.txt");
    expect(staged.byteSize).toBe(bytes.byteLength);
    expect(staged.sha256).toBe(parseImport(bytes, { preface: "intro" }).fingerprint);

    const read = await getImportUpload(t.db, as(author), staged.id);
    expect(read.state).toBe("STAGED");
    expect(Buffer.from(read.bytes!).equals(Buffer.from(bytes))).toBe(true);

    await expect(getImportUpload(t.db, as(stranger), staged.id)).rejects.toSatisfy(gone);
    await expect(getImportUpload(t.db, as(author), "A".repeat(22))).rejects.toSatisfy(gone);
    await expect(getImportUpload(t.db, as(author), "../../etc/passwd")).rejects.toSatisfy(gone);
    expect(await getImportProgress(t.db, stranger.id, staged.id)).toBeNull();
    expect(await getImportProgress(t.db, author.id, staged.id)).toEqual({ state: "STAGED", done: 0, total: 0 });
  });

  it("refuses an empty or oversized file", async () => {
    await expect(stageImportUpload(t.db, as(author), { fileName: "a.txt", bytes: new Uint8Array() })).rejects.toThrow(
      /EMPTY_FILE/,
    );
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    await expect(stageImportUpload(t.db, as(author), { fileName: "a.txt", bytes: big })).rejects.toThrow(/TOO_LARGE/);
  });

  it("replaces the file of the author's own staged upload, keeping its id; never someone else's", async () => {
    const first = await stageImportUpload(t.db, as(author), {
      fileName: "one.txt",
      bytes: encodeText("第一章\n甲", "utf-8"),
    });
    const second = await stageImportUpload(t.db, as(author), {
      fileName: "two.txt",
      bytes: encodeText("第一章\n乙", "utf-8"),
      replaceId: first.id,
    });
    expect(second.id).toBe(first.id);
    expect((await getImportUpload(t.db, as(author), first.id)).fileName).toBe("two.txt");

    const theirs = await stageImportUpload(t.db, as(stranger), {
      fileName: "mine.txt",
      bytes: encodeText("第一章\n丙", "utf-8"),
      replaceId: first.id,
    });
    expect(theirs.id).not.toBe(first.id);
    expect((await getImportUpload(t.db, as(author), first.id)).fileName).toBe("two.txt");
  });

  it("deletes uploads older than a day when a new one is staged, and refuses to read them before", async () => {
    const now = new Date();
    const old = await stageImportUpload(
      t.db,
      as(author),
      { fileName: "old.txt", bytes: encodeText("第一章\n旧", "utf-8") },
      { now: new Date(now.getTime() - UPLOAD_TTL_MS - HOUR) },
    );
    const fresh = await stageImportUpload(
      t.db,
      as(stranger),
      { fileName: "fresh.txt", bytes: encodeText("第一章\n新", "utf-8") },
      { now: new Date(now.getTime() - UPLOAD_TTL_MS + HOUR) },
    );
    await expect(getImportUpload(t.db, as(author), old.id, { now })).rejects.toSatisfy(gone);
    expect(await t.db.importUpload.count({ where: { id: old.id } })).toBe(1);

    await stageImportUpload(
      t.db,
      as(stranger),
      { fileName: "any.txt", bytes: encodeText("第一章\n今", "utf-8") },
      { now },
    );
    expect(await t.db.importUpload.count({ where: { id: old.id } })).toBe(0);
    expect(await t.db.importUpload.count({ where: { id: fresh.id } })).toBe(1);
  });

  it("keeps an old upload whose import is still running, until it stops moving", async () => {
    const now = new Date();
    const running = await stageImportUpload(
      t.db,
      as(author),
      { fileName: "run.txt", bytes: encodeText("第一章\n跑", "utf-8") },
      { now: new Date(now.getTime() - UPLOAD_TTL_MS - HOUR) },
    );
    await t.db.importUpload.update({ where: { id: running.id }, data: { state: "RUNNING" } });
    await stageImportUpload(
      t.db,
      as(stranger),
      { fileName: "x.txt", bytes: encodeText("第一章\n甲", "utf-8") },
      { now },
    );
    expect(await t.db.importUpload.count({ where: { id: running.id } })).toBe(1);

    const later = new Date(now.getTime() + STALE_RUN_MS + 1000);
    await stageImportUpload(
      t.db,
      as(stranger),
      { fileName: "y.txt", bytes: encodeText("第一章\n乙", "utf-8") },
      {
        now: later,
      },
    );
    expect(await t.db.importUpload.count({ where: { id: running.id } })).toBe(0);
  });

  it(`keeps at most ${MAX_UPLOADS_PER_USER} uploads per user, deleting the oldest`, async () => {
    const user = await createUser(t.db);
    const ids: string[] = [];
    for (let i = 0; i < MAX_UPLOADS_PER_USER + 2; i++) {
      const at = new Date(Date.now() - (10 - i) * 1000);
      const staged = await stageImportUpload(
        t.db,
        as(user),
        { fileName: `${i}.txt`, bytes: encodeText(`第一章\n${i}`, "utf-8") },
        { now: at },
      );
      ids.push(staged.id);
    }
    const left = await t.db.importUpload.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(left.map((u) => u.id).sort()).toEqual(ids.slice(-MAX_UPLOADS_PER_USER).sort());
  });
});

describe("importing a staged upload", () => {
  const novel = (chapters: number, seed = "") => encodeText(`${seed}\n${generateNovel(chapters, 60)}`, "gb18030");

  it("records progress after each batch, then drops the bytes and keeps the book", async () => {
    const bytes = novel(IMPORT_BATCH_SIZE * 2 + 100, "进度");
    const staged = await stageImportUpload(t.db, as(author), { fileName: "big.txt", bytes });
    const parsed = parseImport((await getImportUpload(t.db, as(author), staged.id)).bytes!, { preface: "intro" });
    const seen: unknown[] = [];
    const result = await importStagedUpload(
      t.db,
      as(author),
      staged.id,
      { newBook: { title: "进度之书", categoryId: category.id }, parsed, status: "DRAFT", preface: "intro" },
      { onProgress: async () => void seen.push(await getImportProgress(t.db, author.id, staged.id)) },
    );
    const total = IMPORT_BATCH_SIZE * 2 + 100;
    expect(result.imported).toBe(total);
    expect(seen.slice(0, 3)).toEqual([
      { state: "RUNNING", done: IMPORT_BATCH_SIZE, total },
      { state: "RUNNING", done: IMPORT_BATCH_SIZE * 2, total },
      { state: "RUNNING", done: total, total },
    ]);
    const row = await t.db.importUpload.findUniqueOrThrow({ where: { id: staged.id } });
    expect(row).toMatchObject({ state: "DONE", bookId: result.bookId, done: total, total, bytes: null });
    expect(await t.db.chapter.count({ where: { bookId: result.bookId } })).toBe(total);
  });

  it("answers a second confirm of a finished upload with the book, writing nothing", async () => {
    const staged = await stageImportUpload(t.db, as(author), { fileName: "twice.txt", bytes: novel(12, "两次") });
    const parsed = parseImport((await getImportUpload(t.db, as(author), staged.id)).bytes!, { preface: "intro" });
    const input = {
      newBook: { title: "两次", categoryId: category.id },
      parsed,
      status: "DRAFT" as const,
      preface: "intro" as const,
    };
    const first = await importStagedUpload(t.db, as(author), staged.id, input);
    await expect(importStagedUpload(t.db, as(author), staged.id, input)).rejects.toSatisfy(
      (e) => isAlreadyImported(e) && e.existingBookId === first.bookId,
    );
    const upload = await getImportUpload(t.db, as(author), staged.id);
    expect(upload).toMatchObject({ state: "DONE", bookId: first.bookId, bytes: null });
    expect(await t.db.chapter.count({ where: { bookId: first.bookId } })).toBe(12);
  });

  it("runs one import when the same confirm arrives twice at once", async () => {
    const book = await createBook(t.db, { authorId: author.id, categoryId: category.id });
    const staged = await stageImportUpload(t.db, as(author), { fileName: "race.txt", bytes: novel(40, "同时") });
    const parsed = parseImport((await getImportUpload(t.db, as(author), staged.id)).bytes!, { preface: "intro" });
    const input = { bookId: book.id, parsed, status: "DRAFT" as const, preface: "intro" as const };
    const results = await Promise.allSettled([
      importStagedUpload(t.db, as(author), staged.id, input),
      importStagedUpload(t.db, as(author), staged.id, input),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // The second finds the first running, or (on a slow machine) already done.
    const refused = results.find((r) => r.status === "rejected")!.reason as DomainError;
    expect(["import.ui.importRunning", "import.alreadyImported"]).toContain(refused.messageKey);
    expect(await t.db.chapter.count({ where: { bookId: book.id } })).toBe(40);
  });

  it("refuses someone else's upload, and leaves a failed import retryable with its bytes", async () => {
    const staged = await stageImportUpload(t.db, as(author), { fileName: "mine.txt", bytes: novel(5, "我的") });
    const parsed = parseImport((await getImportUpload(t.db, as(author), staged.id)).bytes!, { preface: "intro" });
    const theirBook = await createBook(t.db, { authorId: stranger.id, categoryId: category.id });
    const ownBook = await createBook(t.db, { authorId: author.id, categoryId: category.id });
    const base = { parsed, status: "DRAFT" as const, preface: "intro" as const };

    await expect(
      importStagedUpload(t.db, as(stranger), staged.id, { ...base, bookId: theirBook.id }),
    ).rejects.toSatisfy(gone);
    await expect(importStagedUpload(t.db, as(author), staged.id, { ...base, bookId: theirBook.id })).rejects.toSatisfy(
      (e) => e instanceof DomainError && e.code === "NOT_FOUND" && e.messageKey !== "import.ui.uploadGone",
    );
    expect(await t.db.chapter.count({ where: { bookId: theirBook.id } })).toBe(0);
    const failed = await getImportUpload(t.db, as(author), staged.id);
    expect(failed.state).toBe("FAILED");
    expect(failed.bytes).not.toBeNull();

    const result = await importStagedUpload(t.db, as(author), staged.id, { ...base, bookId: ownBook.id });
    expect(result).toMatchObject({ bookId: ownBook.id, imported: 5 });
  });

  it("refuses text parsed from another file than the staged one", async () => {
    const staged = await stageImportUpload(t.db, as(author), { fileName: "a.txt", bytes: novel(3, "甲") });
    const other = parseImport(novel(3, "乙"), { preface: "intro" });
    const attempt = importStagedUpload(t.db, as(author), staged.id, {
      newBook: { title: "乙", categoryId: category.id },
      parsed: other,
      status: "DRAFT",
      preface: "intro",
    });
    await expect(attempt).rejects.toSatisfy(gone);
    expect((await getImportUpload(t.db, as(author), staged.id)).state).toBe("STAGED");
  });

  it("takes over a run that stopped moving (its server died)", async () => {
    const book = await createBook(t.db, { authorId: author.id, categoryId: category.id });
    const staged = await stageImportUpload(t.db, as(author), { fileName: "dead.txt", bytes: novel(7, "断") });
    const parsed = parseImport((await getImportUpload(t.db, as(author), staged.id)).bytes!, { preface: "intro" });
    await t.db.importUpload.update({ where: { id: staged.id }, data: { state: "RUNNING", done: 0, total: 7 } });
    const input = { bookId: book.id, parsed, status: "DRAFT" as const, preface: "intro" as const };
    await expect(importStagedUpload(t.db, as(author), staged.id, input)).rejects.toSatisfy(
      (e) => e instanceof DomainError && e.messageKey === "import.ui.importRunning",
    );
    const later = new Date(Date.now() + STALE_RUN_MS + 1000);
    const result = await importStagedUpload(t.db, as(author), staged.id, input, { now: later });
    expect(result.imported).toBe(7);
  });
});
