import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type Actor, assertCanWrite, isAdmin } from "./actor";
import { DomainError } from "@/lib/data/errors";

export type Tx = Prisma.TransactionClient;

// Writes wait on the book's row lock while another write to the same book runs, so give them
// room before Prisma gives up on starting or finishing the transaction.
const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

export function transaction<T>(db: Db, run: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(run, TX_OPTIONS);
}

export type LockedBook = {
  id: number;
  authorId: number;
  deletedAt: Date | null;
};

/**
 * Locks the book's row (`SELECT … FOR UPDATE`) for the rest of the transaction after checking
 * the actor may write to it. Every transaction that changes a book's chapters, volumes, order or
 * counters starts here, so writes to one book run one after the other: positions stay 1..n and
 * counters are recomputed from a state nobody else is changing. Other people's books are never
 * locked: the ownership test is part of the query.
 */
export async function lockBook(
  tx: Tx,
  actor: Actor,
  bookId: number,
  opts: { allowTrashed?: boolean } = {},
): Promise<LockedBook> {
  const rows = await tx.$queryRaw<(LockedBook & { authorRole: Actor["role"] })[]>`
    SELECT b.id, b."authorId", b."deletedAt", u.role::text AS "authorRole"
    FROM "Book" b JOIN "User" u ON u.id = b."authorId"
    WHERE b.id = ${bookId} AND (b."authorId" = ${actor.id} OR ${isAdmin(actor)})
    FOR UPDATE OF b`;
  const row = rows[0];
  if (!row) throw new DomainError("NOT_FOUND");
  assertCanWrite(actor, { authorId: row.authorId, author: { role: row.authorRole } });
  if (row.deletedAt && !opts.allowTrashed) {
    throw new DomainError("CONFLICT", { messageKey: "authoring.errors.bookInTrash" });
  }
  return { id: row.id, authorId: row.authorId, deletedAt: row.deletedAt };
}
