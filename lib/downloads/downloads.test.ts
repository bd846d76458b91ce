import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { saveBookCover } from "@/lib/data/covers";
import { updateBook } from "@/lib/data/authoring/books";
import { publishChapter, updateChapter } from "@/lib/data/authoring/chapters";
import { TAGS } from "@/lib/data/cache-tags";
import type { Book, User } from "@/lib/generated/prisma/client";
import { runDueJobs } from "@/lib/jobs/queue";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { addChapter, createBook, createPublishedBook, createUser, createVolume } from "@/lib/test/fixtures";
import { readZip } from "@/lib/test/zip-reader";
import { buildDownload, DOWNLOAD_JOB, downloadStep, enqueueDownload } from "./job";
import { bookUuid, CHAPTER_BATCH, type DownloadFormat, readDownloadBook } from "./source";
import { evictDownloads, readDownload, storedBytes } from "./store";

// Downloads on a real database: what the TXT and EPUB files hold, which changes make a new
// version, the job that makes them, and the storage bound.

let t: TestDatabase;
let author: User;
beforeAll(async () => {
  t = await createTestDatabase();
  author = await createUser(t.db, { name: "烽火 & <戏>" });
});
afterAll(() => t.drop());
beforeEach(async () => {
  await t.db.bookDownload.deleteMany();
  await t.db.job.deleteMany();
});

const actor = () => ({ id: author.id, role: author.role });

/** A book with two volumes, Chinese and English chapters, odd characters, and chapters that are not public. */
async function sampleBook(): Promise<{ book: Book; publicIds: number[] }> {
  const book = await createBook(t.db, {
    authorId: author.id,
    title: "剑来 & <续>",
    intro: "少年离家。\n\n仗剑 & 天涯 <b>",
  });
  const one = await createVolume(t.db, book.id, "第一卷 初入江湖");
  const two = await createVolume(t.db, book.id, "Book Two: <Far> & Away");
  const c1 = await addChapter(t.db, book.id, {
    volumeId: one.id,
    title: "第一章 出门",
    body: "第一段，有 & 和 <标签>。\n\n第二段\u0001带\u000B控制\uFFFF字符\u202E反向😀。",
  });
  await addChapter(t.db, book.id, { volumeId: one.id, title: "草稿", body: "草稿内容", status: "DRAFT" });
  const c3 = await addChapter(t.db, book.id, { volumeId: one.id, title: "第二章 下山", body: "下山。" });
  await addChapter(t.db, book.id, { title: "已删除", body: "删掉了", deletedAt: new Date() });
  const c5 = await addChapter(t.db, book.id, {
    volumeId: two.id,
    title: "Chapter 3: The <Sea>",
    body: "The sea was calm & blue.\nA second line.",
  });
  await addChapter(t.db, book.id, { volumeId: two.id, title: "定时", body: "未来", status: "SCHEDULED" });
  return { book: await t.db.book.findUniqueOrThrow({ where: { id: book.id } }), publicIds: [c1.id, c3.id, c5.id] };
}

async function fileOf(bookId: number, format: DownloadFormat): Promise<Buffer> {
  const book = await readDownloadBook(t.db, bookId);
  const stored = await buildDownload(t.db, book!, format);
  return Buffer.from(await new Response(readDownload(t.db, stored.id)).arrayBuffer());
}

const versionOf = async (bookId: number) => (await readDownloadBook(t.db, bookId))!.version;

describe("the TXT download", () => {
  it("is UTF-8 with a BOM and CRLF lines: title, author, intro, volumes and public chapters in order, paragraphs as lines", async () => {
    const { book } = await sampleBook();
    const bytes = await fileOf(book.id, "txt");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text.split("\r\n")).toEqual([
      "剑来 & <续>",
      "作者：烽火 & <戏>",
      "",
      "内容简介：",
      "\u3000\u3000少年离家。",
      "\u3000\u3000仗剑 & 天涯 <b>",
      "",
      "",
      "第一卷 初入江湖",
      "",
      "",
      "第一章 出门",
      "",
      "\u3000\u3000第一段，有 & 和 <标签>。",
      "\u3000\u3000第二段带控制字符\u202E反向😀。",
      "",
      "",
      "第二章 下山",
      "",
      "\u3000\u3000下山。",
      "",
      "",
      "Book Two: <Far> & Away",
      "",
      "",
      "Chapter 3: The <Sea>",
      "",
      "\u3000\u3000The sea was calm & blue.",
      "\u3000\u3000A second line.",
      "",
    ]);
  });
});

describe("the EPUB download", () => {
  it("is an EPUB 3 container: mimetype first and stored, the OPF, the nav tree, one XHTML per public chapter", async () => {
    const { book, publicIds } = await sampleBook();
    const bytes = await fileOf(book.id, "epub");
    expect(bytes.subarray(30, 38).toString("ascii")).toBe("mimetype");
    const entries = readZip(bytes);
    expect(entries[0]).toMatchObject({ name: "mimetype", method: 0, offset: 0 });
    expect(entries[0]!.data.toString()).toBe("application/epub+zip");
    const file = (name: string) => entries.find((e) => e.name === name)?.data.toString("utf8");
    expect(file("META-INF/container.xml")).toContain('full-path="OEBPS/content.opf"');

    const opf = file("OEBPS/content.opf")!;
    expect(opf).toContain(`<dc:identifier id="book-id">${bookUuid("http://localhost:3000", book.id)}</dc:identifier>`);
    expect(bookUuid("http://localhost:3000", book.id)).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(opf).toContain("<dc:title>剑来 &amp; &lt;续&gt;</dc:title>");
    expect(opf).toContain("<dc:creator>烽火 &amp; &lt;戏&gt;</dc:creator>");
    expect(opf).toContain("<dc:language>zh-CN</dc:language>");
    expect(opf).toMatch(/<meta property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/meta>/);
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(spine.filter((id) => id!.startsWith("c"))).toEqual(publicIds.map((id) => `c${id}`));
    expect(entries.filter((e) => /^OEBPS\/c\d+\.xhtml$/.test(e.name)).map((e) => e.name)).toEqual(
      publicIds.map((id) => `OEBPS/c${id}.xhtml`),
    );

    const nav = file("OEBPS/nav.xhtml")!;
    expect(nav).toContain('<nav epub:type="toc" id="toc">');
    // Volumes hold their chapters: 第一卷 (two public chapters), then Book Two (one).
    const tree = nav.replace(/\n/g, "");
    expect(tree).toMatch(
      new RegExp(
        `<li><a href="v\\d+-\\d+\\.xhtml">第一卷 初入江湖</a><ol><li><a href="c${publicIds[0]}\\.xhtml">第一章 出门</a></li><li><a href="c${publicIds[1]}\\.xhtml">第二章 下山</a></li></ol></li><li><a href="v\\d+-\\d+\\.xhtml">Book Two: &lt;Far&gt; &amp; Away</a><ol><li><a href="c${publicIds[2]}\\.xhtml">Chapter 3: The &lt;Sea&gt;</a></li></ol></li>`,
      ),
    );

    const first = file(`OEBPS/c${publicIds[0]}.xhtml`)!;
    expect(first).toContain('lang="zh-CN" xml:lang="zh-CN"');
    expect(first).toContain("<p>第一段，有 &amp; 和 &lt;标签&gt;。</p>");
    // C0 controls and U+FFFF are not XML characters: dropped (PostgreSQL already refuses NUL). The bidi control and the emoji are text.
    expect(first).toContain("<p>第二段带控制字符\u202E反向😀。</p>");
    expect(first).not.toMatch(/[\u0001\u000B\uFFFF]/);
    expect(file("OEBPS/style.css")).toContain("text-indent: 2em");
    expect(file("OEBPS/style.css")).not.toMatch(/font-family/);
    expect(entries.some((e) => e.name.endsWith("cover.jpg"))).toBe(false);
  });

  it("carries the uploaded cover as JPEG", async () => {
    const { book } = await sampleBook();
    const png = await sharp({ create: { width: 300, height: 400, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    await saveBookCover(t.db, actor(), book.id, png);
    const entries = readZip(await fileOf(book.id, "epub"));
    const cover = entries.find((e) => e.name === "OEBPS/cover.jpg")!;
    expect((await sharp(cover.data).metadata()).format).toBe("jpeg");
    const opf = entries.find((e) => e.name === "OEBPS/content.opf")!.data.toString();
    expect(opf).toContain('properties="cover-image"');
  });
});

describe("the content version", () => {
  it("changes when a chapter's text is edited or a chapter is published, and not when another book changes", async () => {
    const { book } = await sampleBook();
    const other = await createPublishedBook(t.db, { authorId: author.id, chapters: 2 });
    const v0 = await versionOf(book.id);
    expect(await versionOf(book.id)).toBe(v0);

    await updateBook(t.db, actor(), { bookId: other.id, title: "别的书" });
    await addChapter(t.db, other.id, { body: "另一本书的新章节" });
    expect(await versionOf(book.id)).toBe(v0);

    const [chapter] = await t.db.chapter.findMany({ where: { bookId: book.id, status: "PUBLISHED" }, take: 1 });
    // Same length, other text: the word count stays, the edit time does not.
    await updateChapter(t.db, actor(), { chapterId: chapter!.id, body: "第一段，有 & 和 <标记>。" });
    const v1 = await versionOf(book.id);
    expect(v1).not.toBe(v0);

    const draft = await t.db.chapter.findFirstOrThrow({ where: { bookId: book.id, status: "DRAFT" } });
    await publishChapter(t.db, actor(), { chapterId: draft.id });
    const v2 = await versionOf(book.id);
    expect(v2).not.toBe(v1);

    await updateBook(t.db, actor(), { bookId: book.id, intro: "新的简介" });
    expect(await versionOf(book.id)).not.toBe(v2);
  });

  it("is absent for a book that is not public", async () => {
    const draftOnly = await createBook(t.db, { authorId: author.id });
    await addChapter(t.db, draftOnly.id, { status: "DRAFT" });
    const hidden = await createPublishedBook(t.db, { authorId: author.id, hiddenAt: new Date() });
    const trashed = await createPublishedBook(t.db, { authorId: author.id, deletedAt: new Date() });
    for (const b of [draftOnly, hidden, trashed]) expect(await readDownloadBook(t.db, b.id)).toBeNull();
  });
});

describe("the book-download job", () => {
  it("makes one file however often it runs, and replaces it when the book changes", async () => {
    const { book } = await sampleBook();
    const current = (await readDownloadBook(t.db, book.id))!;
    await enqueueDownload(t.db, current, "epub");
    await enqueueDownload(t.db, current, "epub");
    expect(await t.db.job.count()).toBe(1);
    await runDueJobs(t.db, { [DOWNLOAD_JOB]: downloadStep });
    const job = {
      id: 0n,
      kind: DOWNLOAD_JOB,
      payload: { bookId: book.id, format: "epub" },
      attempts: 1,
      lockedUntil: new Date(),
    };
    expect(await downloadStep(t.db, job)).toEqual({ done: true });
    const rows = await t.db.bookDownload.findMany({ include: { _count: { select: { chunks: true } } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ bookId: book.id, format: "epub", version: current.version, _count: { chunks: 1 } });
    expect(rows[0]!.completedAt).not.toBeNull();

    await addChapter(t.db, book.id, { title: "新章", body: "新的一章。" });
    expect(await downloadStep(t.db, job)).toEqual({ done: true });
    const after = await t.db.bookDownload.findMany();
    expect(after).toHaveLength(1);
    expect(after[0]!.version).not.toBe(current.version);
  });

  it("makes nothing for a book whose downloads are off", async () => {
    const book = await createPublishedBook(t.db, { authorId: author.id });
    await t.db.book.update({ where: { id: book.id }, data: { downloadsEnabled: false } });
    const job = {
      id: 0n,
      kind: DOWNLOAD_JOB,
      payload: { bookId: book.id, format: "txt" },
      attempts: 1,
      lockedUntil: new Date(),
    };
    expect(await downloadStep(t.db, job)).toEqual({ done: true });
    expect(await t.db.bookDownload.count()).toBe(0);
  });

  it("reads the chapters in batches and splits the file into chunks", async () => {
    const book = await createBook(t.db, { authorId: author.id });
    // Enough chapters for three batches, with bodies of 30,000 characters (about 90 KB each).
    await t.db.$transaction(async (tx) => {
      for (let i = 1; i <= CHAPTER_BATCH * 2 + 5; i++) {
        await tx.chapter.create({
          data: {
            bookId: book.id,
            position: i,
            title: `第${i}章`,
            status: "PUBLISHED",
            publishedAt: new Date(),
            content: { create: { body: `${"字".repeat(99)}\n`.repeat(300) } },
          },
        });
      }
    });
    await t.db.book.update({ where: { id: book.id }, data: { chapterCount: CHAPTER_BATCH * 2 + 5 } });
    const text = (await fileOf(book.id, "txt")).toString("utf8");
    const titles = [...text.matchAll(/^第(\d+)章$/gm)].map((m) => Number(m[1]));
    expect(titles).toEqual(Array.from({ length: CHAPTER_BATCH * 2 + 5 }, (_, i) => i + 1));
    const row = await t.db.bookDownload.findFirstOrThrow({ include: { _count: { select: { chunks: true } } } });
    expect(row._count.chunks).toBe(Math.ceil(row.size / (1 << 20)));
    expect(row._count.chunks).toBeGreaterThan(1);
  });
});

describe("the storage bound", () => {
  it("keeps the most recently used files within the bound and deletes the rest", async () => {
    const books = [];
    for (let i = 0; i < 3; i++)
      books.push(await createPublishedBook(t.db, { authorId: author.id, chapters: 3, words: 3000 }));
    const sizes: number[] = [];
    for (const b of books) {
      const book = (await readDownloadBook(t.db, b.id))!;
      sizes.push((await buildDownload(t.db, book, "txt", 1 << 30)).size);
    }
    // The first book's file is used again: the second is now the least recently used.
    await t.db.bookDownload.updateMany({
      where: { bookId: books[0]!.id },
      data: { lastUsedAt: new Date(Date.now() + 1000) },
    });
    await t.db.bookDownload.updateMany({
      where: { bookId: books[2]!.id },
      data: { lastUsedAt: new Date(Date.now() + 2000) },
    });
    expect(await evictDownloads(t.db, sizes[0]! + sizes[2]!)).toBe(1);
    expect((await t.db.bookDownload.findMany({ orderBy: { bookId: "asc" } })).map((d) => d.bookId)).toEqual([
      books[0]!.id,
      books[2]!.id,
    ]);
    expect(await storedBytes(t.db)).toBe(sizes[0]! + sizes[2]!);
    // A new file is kept even alone above the bound; everything else goes.
    const fourth = (await readDownloadBook(t.db, (await createPublishedBook(t.db, { authorId: author.id })).id))!;
    await buildDownload(t.db, fourth, "txt", 1);
    expect((await t.db.bookDownload.findMany()).map((d) => d.bookId)).toEqual([fourth.id]);
  });

  it("replaces an unfinished file of an earlier attempt, and evicts one abandoned for an hour", async () => {
    const book = (await readDownloadBook(t.db, (await createPublishedBook(t.db, { authorId: author.id })).id))!;
    const stale = await t.db.bookDownload.create({
      data: { bookId: book.id, format: "txt", version: book.version, modifiedAt: new Date() },
    });
    await t.db.bookDownloadChunk.create({ data: { downloadId: stale.id, seq: 0, data: Buffer.from("half") } });
    await buildDownload(t.db, book, "txt");
    const rows = await t.db.bookDownload.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toBe(stale.id);

    const other = (await readDownloadBook(t.db, (await createPublishedBook(t.db, { authorId: author.id })).id))!;
    await t.db.bookDownload.create({
      data: {
        bookId: other.id,
        format: "epub",
        version: other.version,
        modifiedAt: new Date(),
        createdAt: new Date(Date.now() - 2 * 3600_000),
      },
    });
    expect(await evictDownloads(t.db, 1 << 30)).toBe(1);
    expect(await t.db.bookDownload.count()).toBe(1);
  });
});

describe("turning downloads off", () => {
  it("deletes the book's files and expires its book page", async () => {
    const { book } = await sampleBook();
    await fileOf(book.id, "txt");
    const { tags } = await updateBook(t.db, actor(), { bookId: book.id, downloadsEnabled: false });
    expect(tags).toContain(TAGS.toc(book.id));
    expect(await t.db.bookDownload.count({ where: { bookId: book.id } })).toBe(0);
    expect((await readDownloadBook(t.db, book.id))!.downloadsEnabled).toBe(false);
  });
});
