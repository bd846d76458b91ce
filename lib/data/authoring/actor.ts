import { DomainError } from "@/lib/data/errors";

/**
 * Who is calling the authoring data layer. Server actions build it from `requireUser()`
 * (lib/auth/session.ts), which has already turned away signed-out and disabled users.
 */
export type Actor = { id: number; role: "READER" | "AUTHOR" | "ADMIN" };

export function isAdmin(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** The fields of a book an authorization decision reads. */
export type OwnedBook = { authorId: number; author: { role: Actor["role"] } };

/**
 * Throws NOT_FOUND unless the actor owns the book or is an admin: someone else's book is
 * answered exactly like a missing one, so ids of other people's books are not disclosed.
 */
export function assertCanRead<B extends { authorId: number }>(actor: Actor, book: B | null): asserts book is B {
  if (!book || (book.authorId !== actor.id && !isAdmin(actor))) throw new DomainError("NOT_FOUND");
}

/**
 * As assertCanRead, and FORBIDDEN when the owner is no longer an author: an admin demoted them
 * to READER, so they may look at their books but not change them. The role is read from the
 * database, not from the (possibly older) session, so a reader who just created a first book
 * can go on writing before their session is refreshed.
 */
export function assertCanWrite<B extends OwnedBook>(actor: Actor, book: B | null): asserts book is B {
  assertCanRead(actor, book);
  if (!isAdmin(actor) && book.author.role === "READER") throw new DomainError("FORBIDDEN");
}
