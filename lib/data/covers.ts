import "server-only";
import { CoverError } from "@/lib/covers/errors";
import { processCover } from "@/lib/covers/process";
import { coverBaseUrl, type CoverWidth } from "@/lib/covers/sizes";
import type { Db } from "@/lib/db/client";
import type { Prisma, Role } from "@/lib/generated/prisma/client";
import { TAGS } from "./cache-tags";

// Writing and reading a book's uploaded cover. Authorization is checked here, whatever the caller
// checked before: a book that is not the actor's (unless an admin) is answered NOT_FOUND, exactly
// like one that does not exist, so ids of other authors' books reveal nothing.

/** Who is acting, as the server actions get it from the session. */
export interface Actor {
  id: number;
  role: Role;
}

function editableBookWhere(actor: Actor, bookId: number): Prisma.BookWhereInput {
  return { id: bookId, deletedAt: null, ...(actor.role === "ADMIN" ? {} : { authorId: actor.id }) };
}

async function assertEditable(db: Db, actor: Actor, bookId: number): Promise<void> {
  const book = await db.book.findFirst({ where: editableBookWhere(actor, bookId), select: { id: true } });
  if (!book) throw new CoverError("NOT_FOUND");
}

/** The cache tags a cover change touches: every page that shows the book's cover. */
function coverTags(bookId: number): string[] {
  return [TAGS.book(bookId), TAGS.books, TAGS.home];
}

/**
 * Validates and stores an uploaded cover, replacing the book's previous one, and points
 * Book.coverUrl at it (a new URL per image, so browsers and CDNs may cache it for ever).
 * Throws CoverError: NOT_FOUND, or why the image was refused (see processCover).
 */
export async function saveBookCover(
  db: Db,
  actor: Actor,
  bookId: number,
  upload: Uint8Array,
): Promise<{ coverUrl: string; tags: string[] }> {
  // Checked before the image work too, so a stranger's upload costs no decoding.
  await assertEditable(db, actor, bookId);
  const cover = await processCover(upload);
  const coverUrl = coverBaseUrl(bookId, cover.version);

  await db.$transaction(async (tx) => {
    // The book row is updated first: its lock makes two uploads for one book run one after the other.
    const { count } = await tx.book.updateMany({ where: editableBookWhere(actor, bookId), data: { coverUrl } });
    if (count === 0) throw new CoverError("NOT_FOUND");
    await tx.coverImage.deleteMany({ where: { bookId } });
    await tx.coverImage.createMany({
      data: cover.renditions.map((r) => ({
        bookId,
        width: r.width,
        height: r.height,
        version: cover.version,
        contentType: r.contentType,
        bytes: r.bytes,
        sha256: r.sha256,
      })),
    });
  });
  return { coverUrl, tags: coverTags(bookId) };
}

/** Removes the book's uploaded cover; its pages show the generated title cover again. */
export async function removeBookCover(db: Db, actor: Actor, bookId: number): Promise<{ tags: string[] }> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.book.updateMany({ where: editableBookWhere(actor, bookId), data: { coverUrl: null } });
    if (count === 0) throw new CoverError("NOT_FOUND");
    await tx.coverImage.deleteMany({ where: { bookId } });
  });
  return { tags: coverTags(bookId) };
}

export interface StoredCoverImage {
  version: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
}

/**
 * One stored rendition, for the /covers route; null when the book has none at that width.
 * Not limited to public books: the author's dashboard shows covers of books not yet public.
 */
export async function getCoverImage(db: Db, bookId: number, width: CoverWidth): Promise<StoredCoverImage | null> {
  return db.coverImage.findUnique({
    where: { bookId_width: { bookId, width } },
    select: { version: true, contentType: true, bytes: true, sha256: true },
  });
}
