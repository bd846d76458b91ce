import "server-only";
import type { Db } from "@/lib/db/client";
import type { ChapterStatus } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { countPages } from "@/lib/text/paginate";
import { countWords } from "@/lib/text/word-count";
import { TAGS } from "@/lib/data/cache-tags";
import { reanchorComments } from "@/lib/data/comments/anchors";
import { isPublicChapter } from "@/lib/data/queries/filters";
import {
  type ChapterUpdateIntent,
  chapterBulkSchema,
  chapterCreateSchema,
  chapterMoveSchema,
  chapterRefSchema,
  chapterReorderSchema,
  chapterUpdateSchema,
} from "@/lib/validation/authoring";
import { createOnce } from "@/lib/data/create-requests";
import { type Actor, assertCanRead } from "./actor";
import { isId } from "@/lib/validation/ids";
import type { WriteResult } from "./books";
import { recomputeBookCounters } from "./counters";
import { DomainError, invalidField, parseInput } from "@/lib/data/errors";
import { applyChapterOrder, liveChapterOrder, moveInOrder } from "./order";
import { type BookSnapshot, publicChapterOrder, revalidationTags, snapshotBook } from "./revalidation";
import { type ChapterRow, chaptersOfBook, lockChapter, publishRows, scheduleRows, trashRows } from "./status";
import { lockBook, transaction, type Tx } from "./tx";

async function assertVolumeOfBook(tx: Tx, bookId: number, volumeId: number | null | undefined): Promise<void> {
  if (volumeId == null) return;
  const volume = await tx.volume.findUnique({ where: { id: volumeId }, select: { bookId: true } });
  if (volume?.bookId !== bookId) throw invalidField("volumeId", "authoring.errors.unknownVolume");
}

/** Recomputes the counters and works out the tags, comparing with the state before the write. */
async function finish(
  tx: Tx,
  before: BookSnapshot,
  publicBefore: readonly number[],
  chapterIds: readonly number[],
): Promise<string[]> {
  await recomputeBookCounters(tx, [before.id]);
  const after = await snapshotBook(tx, before.id);
  const publicAfter = await publicChapterOrder(tx, before.id);
  return revalidationTags(before, after, { chapterIds, order: { before: publicBefore, after: publicAfter } });
}

async function begin(tx: Tx, bookId: number) {
  return { before: await snapshotBook(tx, bookId), publicBefore: await publicChapterOrder(tx, bookId) };
}

/**
 * Writes a new chapter: saved as a draft, published now or scheduled (`intent`). It is appended
 * to the book, or inserted at `position` (the chapters from there on move down one place).
 * Body and author's note are normalised to plain paragraphs (lib/text/normalize.ts). Once per
 * `requestId` (lib/data/create-requests.ts): the same form posted again answers with the same chapter.
 */
export async function createChapter(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult & { chapterId: number }> {
  const { requestId, ...data } = parseInput(chapterCreateSchema, input);
  return transaction(db, (tx) =>
    createOnce(
      tx,
      actor,
      { kind: "chapter", requestId, input: data },
      {
        replay: (chapterId) => ({ chapterId, tags: [] }),
        create: async () => {
          await lockBook(tx, actor, data.bookId);
          await assertVolumeOfBook(tx, data.bookId, data.volumeId);
          const state = await begin(tx, data.bookId);
          const order = (await liveChapterOrder(tx, data.bookId)).map((c) => c.id);
          const chapter = await tx.chapter.create({
            data: {
              bookId: data.bookId,
              volumeId: data.volumeId,
              position: order.length + 1,
              title: data.title,
              wordCount: countWords(data.body),
              // The sitemap lists every sub-page; the count is kept with the chapter so it never loads bodies.
              pageCount: countPages(data.body, env.CHAPTER_PAGE_CHARS),
              content: { create: { body: data.body, authorNote: data.authorNote } },
            },
            select: { id: true, bookId: true, status: true, wordCount: true, position: true, deletedAt: true },
          });
          if (data.position !== undefined && data.position <= order.length) {
            await applyChapterOrder(tx, data.bookId, moveInOrder([...order, chapter.id], chapter.id, data.position));
          }
          await applyIntent(tx, chapter, data.intent, data.publishAt, now);
          const tags = await finish(
            tx,
            state.before,
            state.publicBefore,
            data.intent === "publish" ? [chapter.id] : [],
          );
          return { resultId: chapter.id, result: { chapterId: chapter.id, tags } };
        },
      },
    ),
  );
}

async function applyIntent(
  tx: Tx,
  chapter: ChapterRow,
  intent: ChapterUpdateIntent,
  publishAt: Date | undefined,
  now: Date,
): Promise<void> {
  if (intent === "publish") await publishRows(tx, [chapter], now);
  if (intent === "schedule") await scheduleRows(tx, [chapter], publishAt!, now);
  if (intent === "unschedule" && chapter.status === "SCHEDULED") {
    await tx.chapter.update({ where: { id: chapter.id }, data: { status: "DRAFT", publishAt: null } });
  }
}

/**
 * Edits a chapter (any status; not one in the trash): only the fields given change. `intent:
 * "save"` keeps its status, so editing a published chapter changes the public page at once
 * (and the book's word count); "publish" and "schedule" change the status too, "unschedule"
 * turns a scheduled chapter back into a draft (CONFLICT for a published one: unpublish it).
 * A chapter that stays published or scheduled cannot have its body emptied: its public page
 * would be blank.
 */
export async function updateChapter(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult> {
  const { chapterId, intent, publishAt, body, authorNote, ...fields } = parseInput(chapterUpdateSchema, input);
  return transaction(db, async (tx) => {
    const { chapter } = await lockChapter(tx, actor, chapterId);
    if (intent === "unschedule" && chapter.status === "PUBLISHED") {
      throw new DomainError("CONFLICT", { messageKey: "authoring.errors.notScheduled" });
    }
    // A draft being published or scheduled is checked by publishRows / scheduleRows.
    if (body === "" && chapter.status !== "DRAFT" && intent !== "unschedule") {
      throw invalidField("body", "authoring.errors.emptyBodyLive");
    }
    await assertVolumeOfBook(tx, chapter.bookId, fields.volumeId);
    const state = await begin(tx, chapter.bookId);
    const wordCount = body === undefined ? chapter.wordCount : countWords(body);
    await tx.chapter.update({
      where: { id: chapterId },
      data: {
        ...fields,
        wordCount,
        ...(body !== undefined && { pageCount: countPages(body, env.CHAPTER_PAGE_CHARS) }),
        ...(body !== undefined || authorNote !== undefined
          ? {
              content: {
                upsert: {
                  create: { body: body ?? "", authorNote: authorNote ?? "" },
                  update: { ...(body !== undefined && { body }), ...(authorNote !== undefined && { authorNote }) },
                },
              },
            }
          : {}),
      },
    });
    await applyIntent(tx, { ...chapter, wordCount }, intent, publishAt, now);
    // Paragraph comments follow their paragraph's text to its new place (lib/data/comments/anchors.ts).
    const reanchored = body !== undefined && (await reanchorComments(tx, chapterId, body));
    const status = await statusOf(tx, chapterId);
    // The page was public before, or is now (lockChapter refuses a chapter in the trash).
    const visible = isPublicChapter(chapter) || isPublicChapter({ status, deletedAt: null });
    const tags = await finish(tx, state.before, state.publicBefore, visible ? [chapterId] : []);
    return { tags: reanchored ? [...tags, TAGS.comments(chapterId)] : tags };
  });
}

async function statusOf(tx: Tx, chapterId: number): Promise<ChapterStatus> {
  return (await tx.chapter.findUniqueOrThrow({ where: { id: chapterId }, select: { status: true } })).status;
}

/** Publishes a draft or scheduled chapter now (no change for a published one). */
export async function publishChapter(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult> {
  const { chapterId } = parseInput(chapterRefSchema, input);
  return transaction(db, async (tx) => {
    const { chapter } = await lockChapter(tx, actor, chapterId);
    const state = await begin(tx, chapter.bookId);
    const changed = await publishRows(tx, [chapter], now);
    if (changed.length === 0) return { tags: [] };
    return { tags: await finish(tx, state.before, state.publicBefore, [chapterId]) };
  });
}

/**
 * One step on one chapter: lock it with its book, stop when there is nothing to do, write, and
 * return the tags to expire (the chapter's own page when it was public before the step or is after).
 */
async function chapterStep(
  db: Db,
  actor: Actor,
  input: unknown,
  step: {
    allowTrashed?: boolean;
    nothingToDo: (chapter: ChapterRow) => boolean;
    write: (tx: Tx, chapter: ChapterRow) => Promise<unknown>;
    publicAfter?: (chapter: ChapterRow) => boolean;
  },
): Promise<WriteResult> {
  const { chapterId } = parseInput(chapterRefSchema, input);
  return transaction(db, async (tx) => {
    const { chapter } = await lockChapter(tx, actor, chapterId, { allowTrashed: step.allowTrashed });
    if (step.nothingToDo(chapter)) return { tags: [] };
    const state = await begin(tx, chapter.bookId);
    await step.write(tx, chapter);
    const touched = isPublicChapter(chapter) || (step.publicAfter?.(chapter) ?? false);
    return { tags: await finish(tx, state.before, state.publicBefore, touched ? [chapterId] : []) };
  });
}

/** Takes a published or scheduled chapter back to a draft: off the public site, or unscheduled. */
export async function unpublishChapter(db: Db, actor: Actor, input: unknown): Promise<WriteResult> {
  return chapterStep(db, actor, input, {
    nothingToDo: (chapter) => chapter.status === "DRAFT",
    write: (tx, chapter) =>
      tx.chapter.update({ where: { id: chapter.id }, data: { status: "DRAFT", publishedAt: null, publishAt: null } }),
  });
}

/** Moves a chapter to the trash (see order.ts for what happens to positions). */
export async function trashChapter(db: Db, actor: Actor, input: unknown): Promise<WriteResult> {
  return chapterStep(db, actor, input, {
    allowTrashed: true,
    nothingToDo: (chapter) => chapter.deletedAt !== null,
    write: (tx, chapter) => trashRows(tx, chapter.bookId, [chapter], new Date()),
  });
}

/**
 * Takes a chapter out of the trash, appended at the end of the book, with the status it had:
 * a published chapter is public again.
 */
export async function restoreChapter(db: Db, actor: Actor, input: unknown): Promise<WriteResult> {
  return chapterStep(db, actor, input, {
    allowTrashed: true,
    nothingToDo: (chapter) => chapter.deletedAt === null,
    write: async (tx, chapter) => {
      const count = await tx.chapter.count({ where: { bookId: chapter.bookId, deletedAt: null } });
      await tx.chapter.update({ where: { id: chapter.id }, data: { deletedAt: null, position: count + 1 } });
    },
    publicAfter: (chapter) => isPublicChapter({ ...chapter, deletedAt: null }),
  });
}

/** Moves one chapter to `position` (1-based, clamped to the end); the others keep their order. */
export async function moveChapter(db: Db, actor: Actor, input: unknown): Promise<WriteResult> {
  const { chapterId, position } = parseInput(chapterMoveSchema, input);
  return transaction(db, async (tx) => {
    const { chapter } = await lockChapter(tx, actor, chapterId);
    const state = await begin(tx, chapter.bookId);
    const order = (await liveChapterOrder(tx, chapter.bookId)).map((c) => c.id);
    await applyChapterOrder(tx, chapter.bookId, moveInOrder(order, chapterId, position));
    return { tags: await finish(tx, state.before, state.publicBefore, []) };
  });
}

/**
 * Sets the whole order of a book's chapters: `chapterIds` lists every chapter not in the trash
 * once. CONFLICT when it does not (the list was stale: a chapter was added or removed since).
 */
export async function reorderChapters(db: Db, actor: Actor, input: unknown): Promise<WriteResult> {
  const { bookId, chapterIds } = parseInput(chapterReorderSchema, input);
  return transaction(db, async (tx) => {
    await lockBook(tx, actor, bookId);
    const state = await begin(tx, bookId);
    await applyChapterOrder(tx, bookId, chapterIds);
    return { tags: await finish(tx, state.before, state.publicBefore, []) };
  });
}

/**
 * Publishes, schedules or trashes several chapters of one book in one transaction: all or
 * none. Chapters already in the wanted state are left as they are.
 */
export async function bulkUpdateChapters(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<WriteResult & { changed: number[] }> {
  const { bookId, chapterIds, action, publishAt } = parseInput(chapterBulkSchema, input);
  return transaction(db, async (tx) => {
    await lockBook(tx, actor, bookId);
    const rows = await chaptersOfBook(tx, bookId, chapterIds);
    const live = rows.filter((c) => !c.deletedAt);
    if (action !== "trash" && live.length !== rows.length) {
      throw new DomainError("CONFLICT", { messageKey: "authoring.errors.chapterInTrash" });
    }
    const state = await begin(tx, bookId);
    let changed: ChapterRow[];
    let publicChanged: ChapterRow[];
    if (action === "publish") {
      changed = await publishRows(tx, rows, now);
      publicChanged = changed;
    } else if (action === "schedule") {
      await scheduleRows(tx, rows, publishAt!, now);
      changed = rows;
      publicChanged = [];
    } else {
      await trashRows(tx, bookId, live, now);
      changed = live;
      publicChanged = live.filter(isPublicChapter);
    }
    return {
      changed: changed.map((c) => c.id),
      tags: await finish(
        tx,
        state.before,
        state.publicBefore,
        publicChanged.map((c) => c.id),
      ),
    };
  });
}

/** A chapter as the author's lists show it: no body, no text. */
const chapterListSelect = {
  id: true,
  volumeId: true,
  position: true,
  title: true,
  wordCount: true,
  status: true,
  publishAt: true,
  publishedAt: true,
  updatedAt: true,
  deletedAt: true,
} as const;

/** A chapter with its text, for the editor. NOT_FOUND unless the actor's (or admin). */
export async function getChapterForEdit(db: Db, actor: Actor, chapterId: number) {
  if (!isId(chapterId)) throw new DomainError("NOT_FOUND");
  const chapter = await db.chapter.findUnique({
    where: { id: chapterId },
    select: {
      ...chapterListSelect,
      bookId: true,
      createdAt: true,
      content: { select: { body: true, authorNote: true } },
      book: { select: { authorId: true, title: true, deletedAt: true } },
    },
  });
  if (!chapter) throw new DomainError("NOT_FOUND");
  assertCanRead(actor, { authorId: chapter.book.authorId });
  const { content, book, ...rest } = chapter;
  return {
    ...rest,
    body: content?.body ?? "",
    authorNote: content?.authorNote ?? "",
    book: { id: rest.bookId, title: book.title, deletedAt: book.deletedAt },
  };
}

export type ChapterForEdit = Awaited<ReturnType<typeof getChapterForEdit>>;

/** Chapters per page of the author's list; the trash shows its most recent entries only. */
export const CHAPTER_LIST_PAGE_SIZE = 100;
export const CHAPTER_TRASH_SHOWN = 100;

/**
 * One page of a book's chapters for the author's list, in reading order, whatever their status,
 * without bodies; and the most recently trashed chapters. Live chapters hold positions exactly
 * 1..n (order.ts), so a page is a range of positions on the (bookId, position) index, never an
 * OFFSET scan, whatever the book's length. A page past the end shows the last page.
 */
export async function listChaptersForEdit(
  db: Db,
  actor: Actor,
  bookId: number,
  opts: { page?: number; pageSize?: number } = {},
) {
  if (!isId(bookId)) throw new DomainError("NOT_FOUND");
  const book = await db.book.findUnique({ where: { id: bookId }, select: { authorId: true } });
  assertCanRead(actor, book);
  const pageSize = opts.pageSize ?? CHAPTER_LIST_PAGE_SIZE;
  const [total, trashedTotal] = await Promise.all([
    db.chapter.count({ where: { bookId, deletedAt: null } }),
    db.chapter.count({ where: { bookId, deletedAt: { not: null } } }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(opts.page ?? 1) || 1), pageCount);
  const [chapters, trashed] = await Promise.all([
    db.chapter.findMany({
      where: { bookId, deletedAt: null, position: { gt: (page - 1) * pageSize, lte: page * pageSize } },
      orderBy: { position: "asc" },
      select: chapterListSelect,
    }),
    trashedTotal === 0
      ? []
      : db.chapter.findMany({
          where: { bookId, deletedAt: { not: null } },
          orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
          take: CHAPTER_TRASH_SHOWN,
          select: chapterListSelect,
        }),
  ]);
  return { chapters, trashed, total, trashedTotal, page, pageCount, pageSize };
}

export type ChapterListItem = Awaited<ReturnType<typeof listChaptersForEdit>>["chapters"][number];
