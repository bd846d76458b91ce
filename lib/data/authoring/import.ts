import "server-only";
import { createHash } from "node:crypto";
import { becomeAuthor } from "@/lib/auth/accounts";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { ParsedImport } from "@/lib/text/import";
import { countPages } from "@/lib/text/paginate";
import { bookCreateSchema, INTRO_MAX } from "@/lib/validation/authoring";
import { importOptionsSchema } from "@/lib/validation/import";
import type { Actor } from "./actor";
import { assertMayStartBook } from "./books";
import { enqueueFollowerNotices } from "@/lib/data/notices/fanout";
import { addWordsPublished, recomputeBookCounters } from "./counters";
import { DomainError, parseInput } from "@/lib/data/errors";
import { publicChapterOrder, revalidationTags, snapshotBook, type BookSnapshot } from "./revalidation";
import { lockBook, transaction } from "./tx";
import { titlePinyin } from "@/lib/search/pinyin";

/** Chapters written per transaction: each batch holds the book's row lock only briefly. */
export const IMPORT_BATCH_SIZE = 500;
const TITLE_MAX = 200;
const VOLUME_TITLE_MAX = 100;

export type ImportNovelInput = {
  bookId?: number;
  newBook?: { title: string; categoryId: number | undefined; language?: string };
  parsed: ParsedImport;
  status: "DRAFT" | "PUBLISHED";
  preface: "intro" | "prologue";
  customPattern?: string | null;
};

export type ImportNovelResult = {
  bookId: number;
  /** Chapters this call wrote (0 when it only resumed a finished import). */
  imported: number;
  tags: string[];
};

/** Called (and awaited) after each batch: chapters written so far of `total`. */
export type ImportProgress = (done: number, total: number) => void | Promise<void>;

/** Hash of the options the chapters were split with, recorded with the import. */
export function importOptionsHash(opts: { encoding: string; preface: string; customPattern?: string | null }): string {
  const key = JSON.stringify([opts.encoding, opts.preface, opts.customPattern ?? ""]);
  return createHash("sha256").update(key).digest("hex");
}

/**
 * Writes a parsed TXT upload as chapters of a new book or after the last chapter of one of the
 * actor's books, as drafts or published. Volumes of the file become volumes of the book (created
 * as needed); chapters before the first volume heading have none.
 *
 * Idempotency: an ImportRecord (book, sha256 of the file) is claimed first; it counts the chapters
 * written so far, and each batch of IMPORT_BATCH_SIZE chapters is written in its own transaction
 * holding the book's row lock, reading and advancing that count. So the same file submitted twice
 * (one after the other or at once) writes its chapters once, and an import cut short resumes where
 * it stopped when submitted again. A finished one answers CONFLICT `import.alreadyImported`
 * (`existingBookId` tells where). The book's counters are recomputed with every batch. When
 * `signal` aborts (the server shuts down) the import stops before its next batch with CONFLICT
 * `import.ui.interrupted`.
 *
 * A published import leaves empty chapters as drafts: a public chapter needs text.
 */
export async function importNovel(
  db: Db,
  actor: Actor,
  input: ImportNovelInput,
  opts: { now?: Date; onProgress?: ImportProgress; signal?: AbortSignal } = {},
): Promise<ImportNovelResult> {
  const { parsed, ...rest } = input;
  const data = parseInput(importOptionsSchema, rest);
  const now = opts.now ?? new Date();
  const chapters = parsed.novel.volumes.flatMap((volume, volumeIndex) =>
    volume.chapters.map((chapter) => ({ ...chapter, volumeIndex })),
  );
  const total = chapters.length;
  if (total === 0) throw new DomainError("INVALID", { messageKey: "import.errors.noHeadings" });
  const optionsHash = importOptionsHash({
    encoding: parsed.encoding,
    preface: data.preface,
    customPattern: data.customPattern,
  });
  const intro = parsed.novel.intro.slice(0, INTRO_MAX);

  const { bookId, before, orderBefore } =
    data.newBook !== undefined
      ? await claimNewBook(db, actor, data.newBook, intro, parsed.fingerprint, optionsHash, total)
      : await claimExistingBook(db, actor, data.bookId!, intro, parsed.fingerprint, optionsHash, total);

  // Volume index in the file → Volume id in the book, filled as batches reach each volume.
  const volumeIds = new Map<number, number | null>();
  let imported = 0;
  for (;;) {
    // The server is shutting down: stop between batches; the same file submitted again resumes.
    if (opts.signal?.aborted) throw new DomainError("CONFLICT", { messageKey: "import.ui.interrupted" });
    const written = await transaction(db, async (tx) => {
      await lockBook(tx, actor, bookId);
      const record = await tx.importRecord.findUniqueOrThrow({
        where: { bookId_fingerprint: { bookId, fingerprint: parsed.fingerprint } },
        select: { id: true, chapterCount: true },
      });
      const done = record.chapterCount;
      if (done >= total) return { count: 0, done };
      const slice = chapters.slice(done, done + IMPORT_BATCH_SIZE);
      const last = await tx.chapter.findFirst({
        where: { bookId, deletedAt: null },
        orderBy: { position: "desc" },
        select: { position: true, volumeId: true },
      });
      let position = last?.position ?? 0;

      for (const chapter of slice) {
        if (volumeIds.has(chapter.volumeIndex)) continue;
        const volume = parsed.novel.volumes[chapter.volumeIndex]!;
        const startedBefore = chapters.findIndex((c) => c.volumeIndex === chapter.volumeIndex) < done;
        if (startedBefore) {
          // Resuming inside a volume an earlier run created: it is the last chapter's volume.
          volumeIds.set(chapter.volumeIndex, last?.volumeId ?? null);
        } else if (!volume.title) {
          volumeIds.set(chapter.volumeIndex, null);
        } else {
          const lastVolume = await tx.volume.aggregate({ where: { bookId }, _max: { position: true } });
          const created = await tx.volume.create({
            data: {
              bookId,
              title: volume.title.slice(0, VOLUME_TITLE_MAX),
              position: (lastVolume._max.position ?? 0) + 1,
            },
            select: { id: true },
          });
          volumeIds.set(chapter.volumeIndex, created.id);
        }
      }

      const rows = slice.map((chapter) => {
        const published = data.status === "PUBLISHED" && !chapter.empty && chapter.body.length > 0;
        position += 1;
        return {
          bookId,
          volumeId: volumeIds.get(chapter.volumeIndex) ?? null,
          position,
          title: chapter.title.slice(0, TITLE_MAX),
          wordCount: chapter.words,
          pageCount: countPages(chapter.body, env.CHAPTER_PAGE_CHARS),
          status: published ? ("PUBLISHED" as const) : ("DRAFT" as const),
          publishedAt: published ? now : null,
        };
      });
      const created = await tx.chapter.createManyAndReturn({
        data: rows,
        select: { id: true, position: true, status: true, wordCount: true },
      });
      const firstPosition = rows[0]!.position;
      await tx.chapterContent.createMany({
        data: created.map((c) => ({ chapterId: c.id, body: slice[c.position - firstPosition]!.body })),
      });
      await addWordsPublished(
        tx,
        created
          .filter((c) => c.status === "PUBLISHED")
          .map((c) => ({ bookId, wordCount: c.wordCount, publishedAt: now })),
      );
      await enqueueFollowerNotices(
        tx,
        created.filter((c) => c.status === "PUBLISHED").map((c) => ({ bookId, id: c.id })),
      );
      await tx.importRecord.update({ where: { id: record.id }, data: { chapterCount: done + slice.length } });
      // The book's counters match its chapters after every batch, also when an import stops part-way.
      await recomputeBookCounters(tx, [bookId]);
      return { count: slice.length, done: done + slice.length };
    });
    imported += written.count;
    await opts.onProgress?.(written.done, total);
    if (written.count === 0) break;
  }

  const tags = await transaction(db, async (tx) => {
    await lockBook(tx, actor, bookId);
    await recomputeBookCounters(tx, [bookId]);
    const after = await snapshotBook(tx, bookId);
    return revalidationTags(before, after, {
      order: { before: orderBefore, after: await publicChapterOrder(tx, bookId) },
    });
  });
  return { bookId, imported, tags };
}

/** CONFLICT: this file was imported into `bookId` already (the UI links to it). */
export class AlreadyImportedError extends DomainError {
  readonly existingBookId: number;
  constructor(bookId: number) {
    super("CONFLICT", { messageKey: "import.alreadyImported" });
    this.existingBookId = bookId;
  }
}

/** The book an import writes into, as it was before: for the tags to revalidate at the end. */
type Claim = { bookId: number; before: BookSnapshot; orderBefore: number[] };

/**
 * Creates the new book and claims the import in one transaction holding the actor's user row,
 * so the same file submitted twice as a new book makes one book: the second submission finds
 * the first one's record (a book in the trash does not count). When that import stopped part-way
 * (its server shut down) with the same options, this one resumes it in that book.
 */
async function claimNewBook(
  db: Db,
  actor: Actor,
  newBook: Record<string, unknown>,
  intro: string,
  fingerprint: string,
  optionsHash: string,
  total: number,
): Promise<Claim> {
  const book = parseInput(bookCreateSchema, { ...newBook, intro });
  return transaction(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${actor.id} FOR UPDATE`;
    await assertMayStartBook(tx, actor);
    const earlier = await tx.importRecord.findFirst({
      where: { userId: actor.id, fingerprint, book: { deletedAt: null } },
      orderBy: { id: "desc" },
      select: { bookId: true, chapterCount: true, optionsHash: true },
    });
    if (earlier && earlier.chapterCount < total && earlier.optionsHash === optionsHash) {
      await lockBook(tx, actor, earlier.bookId);
      const before = await snapshotBook(tx, earlier.bookId);
      return { bookId: earlier.bookId, before, orderBefore: await publicChapterOrder(tx, earlier.bookId) };
    }
    if (earlier) throw new AlreadyImportedError(earlier.bookId);
    const created = await tx.book.create({
      data: {
        authorId: actor.id,
        title: book.title,
        ...titlePinyin(book.title),
        intro: book.intro,
        categoryId: book.categoryId,
        language: book.language,
        status: book.status,
      },
      select: { id: true },
    });
    await becomeAuthor(tx, actor.id);
    await tx.importRecord.create({
      data: { userId: actor.id, bookId: created.id, fingerprint, optionsHash, chapterCount: 0 },
    });
    return { bookId: created.id, before: await snapshotBook(tx, created.id), orderBefore: [] };
  });
}

async function claimExistingBook(
  db: Db,
  actor: Actor,
  bookId: number,
  intro: string,
  fingerprint: string,
  optionsHash: string,
  total: number,
): Promise<Claim> {
  return transaction(db, async (tx) => {
    await lockBook(tx, actor, bookId);
    const before = await snapshotBook(tx, bookId);
    const record = await tx.importRecord.findUnique({
      where: { bookId_fingerprint: { bookId, fingerprint } },
      select: { chapterCount: true },
    });
    if (record && record.chapterCount >= total) throw new AlreadyImportedError(bookId);
    if (!record) {
      await tx.importRecord.create({ data: { userId: actor.id, bookId, fingerprint, optionsHash, chapterCount: 0 } });
      if (intro && !before.intro) await tx.book.update({ where: { id: bookId }, data: { intro } });
    }
    return { bookId, before, orderBefore: await publicChapterOrder(tx, bookId) };
  });
}

export function isAlreadyImported(error: unknown): error is AlreadyImportedError {
  return error instanceof AlreadyImportedError;
}
