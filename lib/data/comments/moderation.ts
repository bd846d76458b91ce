import "server-only";
import { type Actor, isAdmin } from "@/lib/data/authoring/actor";
import { transaction } from "@/lib/data/authoring/tx";
import { TAGS } from "@/lib/data/cache-tags";
import { DomainError, parseInput } from "@/lib/data/errors";
import type { Db } from "@/lib/db/client";
import { commentRefSchema } from "@/lib/validation/comments";
import type { CommentWrite } from "./write";

// An author hides comments on their own books, an admin on any: a hidden comment (and the replies
// under it) leaves every public list and count at once, and can be restored as it was.

const scope = "comments";
export const MODERATION_PAGE_SIZE = 50;

/** The comment, when the actor may moderate it (its book's author, or an admin); NOT_FOUND otherwise. */
async function moderated(db: Pick<Db, "comment">, actor: Actor, commentId: number) {
  const comment = await db.comment.findFirst({
    where: { id: commentId, deletedAt: null, ...(isAdmin(actor) ? {} : { book: { authorId: actor.id } }) },
    select: { id: true, chapterId: true, parentId: true, hiddenAt: true },
  });
  if (!comment) throw new DomainError("NOT_FOUND", { scope });
  return comment;
}

/** Hides a comment and the replies under it (none already hidden are touched). */
export async function hideComment(db: Db, actor: Actor, input: unknown, now: Date = new Date()): Promise<CommentWrite> {
  const { commentId } = parseInput(commentRefSchema, input, scope);
  return transaction(db, async (tx) => {
    const comment = await moderated(tx, actor, commentId);
    if (comment.hiddenAt) return { tags: [] };
    await tx.comment.updateMany({
      where: { OR: [{ id: commentId }, { parentId: commentId }], hiddenAt: null },
      data: { hiddenAt: now },
    });
    if (comment.parentId !== null) {
      await tx.comment.update({ where: { id: comment.parentId }, data: { replyCount: { decrement: 1 } } });
    }
    return { tags: [TAGS.comments(comment.chapterId)] };
  });
}

/** Restores a hidden comment, and the replies hidden with it (at the same moment). */
export async function restoreComment(db: Db, actor: Actor, input: unknown): Promise<CommentWrite> {
  const { commentId } = parseInput(commentRefSchema, input, scope);
  return transaction(db, async (tx) => {
    const comment = await moderated(tx, actor, commentId);
    if (!comment.hiddenAt) return { tags: [] };
    await tx.comment.updateMany({
      where: { OR: [{ id: commentId }, { parentId: commentId }], hiddenAt: comment.hiddenAt },
      data: { hiddenAt: null },
    });
    if (comment.parentId !== null) {
      await tx.comment.update({ where: { id: comment.parentId }, data: { replyCount: { increment: 1 } } });
    }
    return { tags: [TAGS.comments(comment.chapterId)] };
  });
}

/**
 * An admin deletes a comment from the queue, hidden or not (an author only hides): it and the
 * replies under it leave every list for good; a reader's own deletion is deleteComment (write.ts).
 */
export async function removeComment(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<CommentWrite> {
  if (!isAdmin(actor)) throw new DomainError("FORBIDDEN", { scope });
  const { commentId } = parseInput(commentRefSchema, input, scope);
  return transaction(db, async (tx) => {
    const comment = await moderated(tx, actor, commentId);
    await tx.comment.updateMany({
      where: { OR: [{ id: commentId }, { parentId: commentId }], deletedAt: null },
      data: { deletedAt: now },
    });
    // A hidden reply already left its thread's count when it was hidden.
    if (comment.parentId !== null && !comment.hiddenAt) {
      await tx.comment.update({ where: { id: comment.parentId }, data: { replyCount: { decrement: 1 } } });
    }
    return { tags: [TAGS.comments(comment.chapterId)] };
  });
}

export type ModerationRow = {
  id: number;
  reportCount: number;
  body: string;
  createdAt: Date;
  hiddenAt: Date | null;
  parentId: number | null;
  paragraph: number | null;
  user: { name: string };
  chapter: { id: number; title: string; bookId: number; book: { title: string } };
};

/**
 * The newest comments on the actor's books (an admin's: every book), a page before `before` (an
 * id). `reported`: only comments readers reported and nobody has hidden yet, newest first.
 */
export async function listCommentsToModerate(
  db: Db,
  actor: Actor,
  before?: number,
  opts: { reported?: boolean } = {},
): Promise<{ items: ModerationRow[]; next: number | null }> {
  const rows = await db.comment.findMany({
    where: {
      deletedAt: null,
      ...(isAdmin(actor) ? {} : { book: { authorId: actor.id } }),
      ...(before ? { id: { lt: before } } : {}),
      ...(opts.reported ? { reportCount: { gt: 0 }, hiddenAt: null } : {}),
    },
    orderBy: { id: "desc" },
    take: MODERATION_PAGE_SIZE + 1,
    select: {
      id: true,
      reportCount: true,
      body: true,
      createdAt: true,
      hiddenAt: true,
      parentId: true,
      paragraph: true,
      user: { select: { name: true } },
      chapter: { select: { id: true, title: true, bookId: true, book: { select: { title: true } } } },
    },
  });
  const items = rows.slice(0, MODERATION_PAGE_SIZE);
  return { items, next: rows.length > MODERATION_PAGE_SIZE ? items.at(-1)!.id : null };
}
