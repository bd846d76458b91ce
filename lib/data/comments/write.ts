import "server-only";
import { type Actor, isAdmin } from "@/lib/data/authoring/actor";
import { transaction, type Tx } from "@/lib/data/authoring/tx";
import { TAGS } from "@/lib/data/cache-tags";
import { createOnce } from "@/lib/data/create-requests";
import { DomainError, parseInput } from "@/lib/data/errors";
import { publicBookWhere, publicChapterWhere } from "@/lib/data/queries/filters";
import type { Db } from "@/lib/db/client";
import { assertMayPost } from "@/lib/data/moderation/may-post";
import { refuseOverLimit } from "@/lib/data/moderation/rate-limit";
import { commentCreateSchema, commentRefSchema, commentReportSchema } from "@/lib/validation/comments";
import { COMMENT_LIMIT, LIKE_LIMIT, REPORT_LIMIT } from "@/lib/validation/moderation";
import { paragraphAnchor, paragraphsOf } from "./anchors";

// Writes of the comment layer. Each takes the actor from the session (never the input), parses
// its input with a strict schema, checks in its transaction who may do it, and returns the cache
// tags it changed: only the chapter's comments (TAGS.comments), never its reading pages.

export type CommentWrite = { tags: string[] };
export type PostedComment = CommentWrite & { commentId: number; chapterId: number; bookId: number | undefined };

const scope = "comments";
const notFound = () => new DomainError("NOT_FOUND", { scope });

/** The same text again from the same reader on the same chapter within this time is a duplicate. */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

/**
 * A comment on a public chapter, on one of its paragraphs, or a reply to one of its comments
 * (one level deep: a reply to a reply answers the comment it is under). Once per `requestId`.
 */
export async function postComment(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<PostedComment> {
  const { chapterId, bookId, paragraph, parentId, body, requestId } = parseInput(commentCreateSchema, input, scope);
  return transaction(db, (tx) =>
    createOnce<PostedComment>(
      tx,
      actor,
      { kind: "comment", requestId, input: { chapterId, paragraph, parentId, body } },
      {
        // The same post again: its comment, as the first post answered (the book as the caller named it).
        replay: (commentId) => ({ commentId, chapterId, bookId, tags: [] }),
        create: async () => {
          const chapter = await tx.chapter.findFirst({
            where: { id: chapterId, ...publicChapterWhere, book: publicBookWhere },
            select: { id: true, bookId: true },
          });
          if (!chapter || (bookId !== undefined && bookId !== chapter.bookId)) throw notFound();
          const poster = await assertMayPost(tx, actor.id, { text: body, now });
          await refuseOverLimit(COMMENT_LIMIT, poster, now, (since, take) =>
            tx.comment.findMany({
              where: { userId: actor.id, createdAt: { gt: since } },
              orderBy: { createdAt: "desc" },
              take,
              select: { createdAt: true },
            }),
          );
          await refuseDuplicate(tx, actor, chapterId, body, now);
          const place =
            parentId === undefined
              ? await placeOf(tx, chapterId, paragraph)
              : await replyTo(tx, actor, chapterId, parentId);
          const comment = await tx.comment.create({
            data: { chapterId, bookId: chapter.bookId, userId: actor.id, body, ...place, createdAt: now },
            select: { id: true },
          });
          return {
            resultId: comment.id,
            result: { commentId: comment.id, chapterId, bookId: chapter.bookId, tags: [TAGS.comments(chapterId)] },
          };
        },
      },
    ),
  );
}

async function refuseDuplicate(tx: Tx, actor: Actor, chapterId: number, body: string, now: Date): Promise<void> {
  const same = await tx.comment.findFirst({
    where: { userId: actor.id, chapterId, body, createdAt: { gt: new Date(now.getTime() - DUPLICATE_WINDOW_MS) } },
    select: { id: true },
  });
  if (same) throw new DomainError("CONFLICT", { scope, messageKey: "comments.errors.duplicate" });
}

/** A top-level comment's place: the chapter, or a paragraph of its text (with the text's anchor). */
async function placeOf(tx: Tx, chapterId: number, paragraph: number | undefined) {
  if (paragraph === undefined) return { paragraph: null, anchor: null };
  const content = await tx.chapterContent.findUnique({ where: { chapterId }, select: { body: true } });
  const text = paragraphsOf(content?.body ?? "")[paragraph];
  if (text === undefined) {
    throw new DomainError("INVALID", { scope, fieldErrors: { paragraph: [{ key: "comments.errors.notAParagraph" }] } });
  }
  return { paragraph, anchor: paragraphAnchor(text) };
}

/**
 * A reply's place: under the visible top-level comment it answers, on that comment's paragraph.
 * A reader blocked by the writer of the comment answered (or of the thread's head) is refused.
 */
async function replyTo(tx: Tx, actor: Actor, chapterId: number, parentId: number) {
  const target = await tx.comment.findFirst({
    where: { id: parentId, chapterId, hiddenAt: null, deletedAt: null },
    select: { id: true, parentId: true, userId: true, parent: { select: { userId: true } } },
  });
  if (!target) throw notFound();
  const writers = [target.userId, ...(target.parent ? [target.parent.userId] : [])];
  const blocked = await tx.readerBlock.findFirst({
    where: { userId: { in: writers }, blockedId: actor.id },
    select: { userId: true },
  });
  if (blocked) throw new DomainError("FORBIDDEN", { scope, messageKey: "moderation.errors.blockedByWriter" });
  const headId = target.parentId ?? target.id;
  const head = await tx.comment.update({
    where: { id: headId },
    data: { replyCount: { increment: 1 } },
    select: { id: true, paragraph: true, anchor: true, orphaned: true },
  });
  return { parentId: head.id, paragraph: head.paragraph, anchor: head.anchor, orphaned: head.orphaned };
}

/** A visible comment of a public chapter, or NOT_FOUND. */
async function visibleComment(tx: Tx, commentId: number) {
  const comment = await tx.comment.findFirst({
    where: {
      id: commentId,
      hiddenAt: null,
      deletedAt: null,
      chapter: { ...publicChapterWhere, book: publicBookWhere },
    },
    select: { id: true, chapterId: true, userId: true, parentId: true },
  });
  if (!comment) throw notFound();
  return comment;
}

export type LikeResult = CommentWrite & { liked: boolean; likeCount: number };

/** Likes a comment (once per reader: liking again changes nothing). Answers with the new count. */
export async function likeComment(db: Db, actor: Actor, input: unknown): Promise<LikeResult> {
  return setLike(db, actor, input, true);
}

/** Takes a like back (none to take: nothing changes). */
export async function unlikeComment(db: Db, actor: Actor, input: unknown): Promise<LikeResult> {
  return setLike(db, actor, input, false);
}

async function setLike(db: Db, actor: Actor, input: unknown, liked: boolean): Promise<LikeResult> {
  const { commentId } = parseInput(commentRefSchema, input, scope);
  return transaction(db, async (tx) => {
    const comment = await visibleComment(tx, commentId);
    // Taking a like back is always allowed; giving one is a community write like a comment.
    if (liked) {
      const now = new Date();
      const poster = await assertMayPost(tx, actor.id, { now });
      await refuseOverLimit(LIKE_LIMIT, poster, now, (since, take) =>
        tx.commentLike.findMany({
          where: { userId: actor.id, createdAt: { gt: since } },
          orderBy: { createdAt: "desc" },
          take,
          select: { createdAt: true },
        }),
      );
    }
    const changed = liked
      ? await tx.$executeRaw`
          INSERT INTO "CommentLike" ("commentId", "userId") VALUES (${commentId}, ${actor.id}) ON CONFLICT DO NOTHING`
      : (await tx.commentLike.deleteMany({ where: { commentId, userId: actor.id } })).count;
    const { likeCount } =
      changed === 0
        ? await tx.comment.findUniqueOrThrow({ where: { id: commentId }, select: { likeCount: true } })
        : await tx.comment.update({
            where: { id: commentId },
            data: { likeCount: { increment: liked ? 1 : -1 } },
            select: { likeCount: true },
          });
    return { liked, likeCount, tags: changed === 0 ? [] : [TAGS.comments(comment.chapterId)] };
  });
}

/**
 * A reader reports a comment (once: reporting again changes nothing); the admins' queue
 * (lib/data/comments/moderation.ts) lists reported comments first. Changes no public page.
 */
export async function reportComment(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<CommentWrite & { reported: true }> {
  const { commentId, reason } = parseInput(commentReportSchema, input, scope);
  return transaction(db, async (tx) => {
    await visibleComment(tx, commentId);
    const poster = await assertMayPost(tx, actor.id, { now });
    await refuseOverLimit(REPORT_LIMIT, poster, now, (since, take) =>
      tx.commentReport.findMany({
        where: { userId: actor.id, createdAt: { gt: since } },
        orderBy: { createdAt: "desc" },
        take,
        select: { createdAt: true },
      }),
    );
    const added = await tx.$executeRaw`
      INSERT INTO "CommentReport" ("commentId", "userId", reason, "createdAt")
      VALUES (${commentId}, ${actor.id}, ${reason}, ${now})
      ON CONFLICT DO NOTHING`;
    if (added > 0) await tx.comment.update({ where: { id: commentId }, data: { reportCount: { increment: 1 } } });
    return { reported: true, tags: [] };
  });
}

/** A reader deletes their own comment (an admin any): it leaves every list; its replies with it. */
export async function deleteComment(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<CommentWrite> {
  const { commentId } = parseInput(commentRefSchema, input, scope);
  return transaction(db, async (tx) => {
    const comment = await visibleComment(tx, commentId);
    // Someone else's comment is "not found" to a reader: nothing says it exists apart.
    if (comment.userId !== actor.id && !isAdmin(actor)) throw notFound();
    await tx.comment.updateMany({
      where: { OR: [{ id: commentId }, { parentId: commentId }], deletedAt: null },
      data: { deletedAt: now },
    });
    if (comment.parentId !== null) {
      await tx.comment.update({ where: { id: comment.parentId }, data: { replyCount: { decrement: 1 } } });
    }
    return { tags: [TAGS.comments(comment.chapterId)] };
  });
}
