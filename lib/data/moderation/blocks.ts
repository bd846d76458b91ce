import "server-only";
import type { Actor } from "@/lib/data/authoring/actor";
import { transaction } from "@/lib/data/authoring/tx";
import { DomainError, parseInput } from "@/lib/data/errors";
import { publicBookWhere } from "@/lib/data/queries/filters";
import type { Db } from "@/lib/db/client";
import { BLOCKS_MAX, blockSchema, muteSchema, MUTES_MAX } from "@/lib/validation/moderation";

// A reader's own filters of the comment layer: readers they block, books whose comments they
// mute. Private to the reader: public comment lists and pages stay the same for everyone and
// cached; the reading page's script hides what a reader filtered (from GET /api/me/blocks), and
// the comments page, rendered per request, leaves it out for them. No write here expires a
// public cache.

const scope = "comments";
type Write = { tags: string[] };
const NONE: Write = { tags: [] };

/** Blocks another reader (again: nothing changes). Not oneself, not an unknown account. */
export async function blockReader(db: Db, actor: Actor, input: unknown): Promise<Write> {
  const { userId } = parseInput(blockSchema, input, scope);
  if (userId === actor.id) throw new DomainError("INVALID", { scope, messageKey: "moderation.errors.notYourself" });
  return transaction(db, async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!target) throw new DomainError("NOT_FOUND", { scope, messageKey: "moderation.errors.noSuchReader" });
    const count = await tx.readerBlock.count({ where: { userId: actor.id } });
    if (count >= BLOCKS_MAX) {
      throw new DomainError("CONFLICT", {
        scope,
        messageKey: "moderation.errors.tooManyBlocks",
        params: { max: BLOCKS_MAX },
      });
    }
    await tx.readerBlock.createMany({ data: [{ userId: actor.id, blockedId: userId }], skipDuplicates: true });
    return NONE;
  });
}

export async function unblockReader(db: Db, actor: Actor, input: unknown): Promise<Write> {
  const { userId } = parseInput(blockSchema, input, scope);
  await db.readerBlock.deleteMany({ where: { userId: actor.id, blockedId: userId } });
  return NONE;
}

/** Mutes a public book's comments for the reader (again: nothing changes). */
export async function muteBook(db: Db, actor: Actor, input: unknown): Promise<Write> {
  const { bookId } = parseInput(muteSchema, input, scope);
  return transaction(db, async (tx) => {
    const book = await tx.book.findFirst({ where: { id: bookId, ...publicBookWhere }, select: { id: true } });
    if (!book) throw new DomainError("NOT_FOUND", { scope, messageKey: "moderation.errors.noSuchBook" });
    const count = await tx.bookMute.count({ where: { userId: actor.id } });
    if (count >= MUTES_MAX) {
      throw new DomainError("CONFLICT", {
        scope,
        messageKey: "moderation.errors.tooManyMutes",
        params: { max: MUTES_MAX },
      });
    }
    await tx.bookMute.createMany({ data: [{ userId: actor.id, bookId }], skipDuplicates: true });
    return NONE;
  });
}

export async function unmuteBook(db: Db, actor: Actor, input: unknown): Promise<Write> {
  const { bookId } = parseInput(muteSchema, input, scope);
  await db.bookMute.deleteMany({ where: { userId: actor.id, bookId } });
  return NONE;
}

export type CommentFilters = { users: number[]; books: number[] };

/** The ids a reader filters: blocked readers, muted books (what GET /api/me/blocks answers). */
export async function queryCommentFilters(db: Db, userId: number): Promise<CommentFilters> {
  const [users, books] = await Promise.all([
    db.readerBlock.findMany({ where: { userId }, select: { blockedId: true }, orderBy: { blockedId: "asc" } }),
    db.bookMute.findMany({ where: { userId }, select: { bookId: true }, orderBy: { bookId: "asc" } }),
  ]);
  return { users: users.map((b) => b.blockedId), books: books.map((m) => m.bookId) };
}

export type BlockList = {
  users: { id: number; name: string; since: Date }[];
  books: { id: number; title: string; since: Date }[];
};

/** The reader's blocks and mutes with names, newest first: the account page's lists to undo them from. */
export async function queryBlockList(db: Db, userId: number): Promise<BlockList> {
  const [users, books] = await Promise.all([
    db.readerBlock.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, blocked: { select: { id: true, name: true } } },
    }),
    db.bookMute.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, book: { select: { id: true, title: true } } },
    }),
  ]);
  return {
    users: users.map((b) => ({ ...b.blocked, since: b.createdAt })),
    books: books.map((m) => ({ ...m.book, since: m.createdAt })),
  };
}
