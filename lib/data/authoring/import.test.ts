import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Category, User } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createCategory, createUser } from "@/lib/test/fixtures";
import { parseImport } from "@/lib/text/import";
import { encodeText, generateNovel, SMALL_NOVEL } from "@/lib/text/import/fixtures/novel";
import type { Actor } from "./actor";
import { DomainError } from "@/lib/data/errors";
import { IMPORT_BATCH_SIZE, importNovel, isAlreadyImported } from "./import";

let t: TestDatabase;
let category: Category;
let author: User;
let stranger: User;

const as = (u: User): Actor => ({ id: u.id, role: u.role });
const small = () => parseImport(encodeText(SMALL_NOVEL, "gb18030"), { preface: "intro" });

beforeAll(async () => {
  t = await createTestDatabase();
  category = await createCategory(t.db);
  author = await createUser(t.db, { role: "AUTHOR" });
  stranger = await createUser(t.db, { role: "AUTHOR" });
});

afterAll(() => t.drop());

describe("importNovel", () => {
  it("creates a new published book with its volumes, chapters and counters", async () => {
    const parsed = small();
    const r = await importNovel(t.db, as(author), {
      newBook: { title: "山海行", categoryId: category.id, language: "zh-CN" },
      parsed,
      status: "PUBLISHED",
      preface: "intro",
    });
    expect(r.imported).toBe(parsed.novel.chapterCount);
    const book = await t.db.book.findUniqueOrThrow({ where: { id: r.bookId } });
    const chapters = await t.db.chapter.findMany({
      where: { bookId: r.bookId },
      orderBy: { position: "asc" },
      include: { content: true, volume: true },
    });
    expect(chapters.map((c) => c.position)).toEqual(chapters.map((_, i) => i + 1));
    expect(chapters[0]!.title).toContain("楔子");
    const first = chapters.find((c) => c.title.includes("第一章"))!;
    expect(first.volume?.title).toContain("风起");
    expect(first.content?.body).toContain("天色渐渐暗了下来");
    const published = chapters.filter((c) => c.status === "PUBLISHED");
    expect(book.chapterCount).toBe(published.length);
    expect(book.wordCount).toBe(published.reduce((s, c) => s + c.wordCount, 0));
    expect(book.intro).toContain("少年离家");
    expect(book.authorId).toBe(author.id);
    expect(r.tags).toContain(`book:${r.bookId}`);
  });

  it("answers CONFLICT with the book when the same file is imported again, as a new book or into it", async () => {
    const parsed = small();
    const first = await t.db.importRecord.findFirstOrThrow({
      where: { userId: author.id, fingerprint: parsed.fingerprint },
    });
    const again = importNovel(t.db, as(author), {
      newBook: { title: "山海行", categoryId: category.id },
      parsed,
      status: "PUBLISHED",
      preface: "intro",
    });
    await expect(again).rejects.toSatisfy((e) => isAlreadyImported(e) && e.existingBookId === first.bookId);
    const into = importNovel(t.db, as(author), { bookId: first.bookId, parsed, status: "DRAFT", preface: "intro" });
    await expect(into).rejects.toSatisfy(isAlreadyImported);
    expect(await t.db.book.count({ where: { authorId: author.id } })).toBe(1);
  });

  it("stops between batches when the server shuts down; the same file as a new book then resumes", async () => {
    const writer = await createUser(t.db, { role: "AUTHOR" });
    const parsed = parseImport(encodeText(generateNovel(1200, 40), "gb18030"), { preface: "intro" });
    const input = {
      newBook: { title: "断点续传", categoryId: category.id },
      parsed,
      status: "PUBLISHED" as const,
      preface: "intro" as const,
    };
    const shutdown = new AbortController();
    const cut = importNovel(t.db, as(writer), input, { signal: shutdown.signal, onProgress: () => shutdown.abort() });
    await expect(cut).rejects.toSatisfy((e) => e instanceof DomainError && e.messageKey === "import.ui.interrupted");
    const book = await t.db.book.findFirstOrThrow({ where: { authorId: writer.id } });
    expect(book.chapterCount).toBe(IMPORT_BATCH_SIZE);
    expect(await t.db.chapter.count({ where: { bookId: book.id } })).toBe(IMPORT_BATCH_SIZE);

    const resumed = await importNovel(t.db, as(writer), input);
    expect(resumed).toMatchObject({ bookId: book.id, imported: 1200 - IMPORT_BATCH_SIZE });
    const after = await t.db.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(after.chapterCount).toBe(1200);
    const positions = await t.db.chapter.findMany({ where: { bookId: book.id }, select: { position: true } });
    expect(new Set(positions.map((c) => c.position)).size).toBe(1200);
  });

  it("creates the chapters once when the same upload is submitted twice at once", async () => {
    const book = await createBook(t.db, { authorId: author.id, categoryId: category.id });
    const parsed = parseImport(encodeText(generateNovel(30, 200), "utf-8"), { preface: "intro" });
    const input = { bookId: book.id, parsed, status: "DRAFT" as const, preface: "intro" as const };
    const results = await Promise.allSettled([
      importNovel(t.db, as(author), input),
      importNovel(t.db, as(author), input),
    ]);
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    expect(await t.db.chapter.count({ where: { bookId: book.id } })).toBe(30);
  });

  it("appends drafts after the book's last chapter; counters count only published ones", async () => {
    const book = await createBook(t.db, { authorId: author.id, categoryId: category.id, intro: "原简介" });
    await addChapter(t.db, book.id, { status: "PUBLISHED", title: "旧章" });
    await t.db.book.update({ where: { id: book.id }, data: { chapterCount: 1 } });
    const parsed = small();
    const r = await importNovel(t.db, as(author), { bookId: book.id, parsed, status: "DRAFT", preface: "prologue" });
    const chapters = await t.db.chapter.findMany({ where: { bookId: book.id }, orderBy: { position: "asc" } });
    expect(chapters).toHaveLength(1 + parsed.novel.chapterCount);
    expect(chapters[0]!.title).toBe("旧章");
    expect(chapters.slice(1).every((c) => c.status === "DRAFT")).toBe(true);
    const after = await t.db.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(after.chapterCount).toBe(1);
    expect(after.intro).toBe("原简介");
    expect(r.tags).toEqual([]);
  });

  it("refuses a new book to a reader who already has books (demoted by an admin)", async () => {
    const demoted = await createUser(t.db, { role: "READER" });
    await createBook(t.db, { authorId: demoted.id, categoryId: category.id });
    const before = await t.db.book.count();
    const attempt = importNovel(t.db, as(demoted), {
      newBook: { title: "借导入复职", categoryId: category.id },
      parsed: small(),
      status: "DRAFT",
      preface: "intro",
    });
    await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.book.count()).toBe(before);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: demoted.id } })).role).toBe("READER");
  });

  it("asks for a category when a new book has none", async () => {
    const before = await t.db.book.count();
    const attempt = importNovel(t.db, as(author), {
      newBook: { title: "无分类", categoryId: undefined },
      parsed: small(),
      status: "DRAFT",
      preface: "intro",
    });
    await expect(attempt).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { categoryId: [{ key: "authoring.errors.categoryRequired" }] },
    });
    expect(await t.db.book.count()).toBe(before);
  });

  it("answers NOT_FOUND for another author's book and writes nothing", async () => {
    const book = await createBook(t.db, { authorId: author.id, categoryId: category.id });
    const attempt = importNovel(t.db, as(stranger), {
      bookId: book.id,
      parsed: small(),
      status: "DRAFT",
      preface: "intro",
    });
    await expect(attempt).rejects.toSatisfy((e) => e instanceof DomainError && e.code === "NOT_FOUND");
    expect(await t.db.chapter.count({ where: { bookId: book.id } })).toBe(0);
    expect(await t.db.importRecord.count({ where: { bookId: book.id } })).toBe(0);
  });

  it("imports a ~10 MB, 3,000-chapter GB18030 novel in seconds", { timeout: 120_000 }, async () => {
    const bytes = encodeText(generateNovel(3000, 1700), "gb18030");
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const parsed = parseImport(bytes, { preface: "intro" });
    const parsedAt = performance.now();
    const r = await importNovel(t.db, as(author), {
      newBook: { title: "大书", categoryId: category.id },
      parsed,
      status: "PUBLISHED",
      preface: "intro",
    });
    const seconds = (performance.now() - started) / 1000;
    const rssDelta = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    console.log(
      `import of ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB, ${r.imported} chapters: ` +
        `parse ${((parsedAt - started) / 1000).toFixed(2)} s, total ${seconds.toFixed(2)} s, rss delta ${rssDelta.toFixed(0)} MB`,
    );
    expect(bytes.byteLength).toBeGreaterThan(9 * 1024 * 1024);
    expect(r.imported).toBe(3000);
    const book = await t.db.book.findUniqueOrThrow({ where: { id: r.bookId } });
    expect(book.chapterCount).toBe(3000);
    expect(await t.db.volume.count({ where: { bookId: r.bookId } })).toBe(30);
    expect(seconds).toBeLessThan(60);
  });
});
