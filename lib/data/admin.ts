import type { z } from "zod";
import { invalidateSessions } from "@/lib/auth/accounts";
import type { Actor } from "@/lib/data/authoring/actor";
import { revalidationTags, snapshotBook } from "@/lib/data/authoring/revalidation";
import { lockBook, transaction } from "@/lib/data/authoring/tx";
import {
  DomainError,
  isDomainError,
  parseInput,
  type DomainErrorCode,
  type DomainErrorOptions,
} from "@/lib/data/errors";
import { TAGS } from "@/lib/data/cache-tags";
import { SITE_NOTICE_KEY } from "@/lib/data/queries/home";
import type { Db } from "@/lib/db/client";
import type { FeaturedKind, Prisma, Role } from "@/lib/generated/prisma/client";
import { escapeLike } from "@/lib/search/normalize";
import { parseId } from "@/lib/validation/ids";
import {
  ADMIN_PAGE_SIZE,
  bookRefSchema,
  bookSearchSchema,
  categoryCreateSchema,
  categoryMoveSchema,
  categoryRefSchema,
  categoryRenameSchema,
  FEATURED_KINDS,
  hideBookSchema,
  setFeaturedSchema,
  setUserRoleSchema,
  siteNoticeSchema,
  userRefSchema,
  userSearchSchema,
} from "@/lib/validation/admin";

// The admin data layer. Every function takes the acting user and checks the ADMIN role itself,
// whatever the caller already checked; inputs are parsed with strict schemas here. Writes return
// the cache tags the server action must expire.

/** A refusal of the admin tools, with the admin messages as defaults (`admin.errors.*`). */
function adminError(code: DomainErrorCode, opts: Omit<DomainErrorOptions, "scope"> = {}): DomainError {
  return new DomainError(code, { scope: "admin", ...opts });
}

function assertAdmin(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor || actor.role !== "ADMIN") throw adminError("FORBIDDEN");
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return parseInput(schema, input, "admin");
}

type Tags = { tags: string[] };
const TX = { maxWait: 10_000, timeout: 20_000 } as const;

// Users

export type AdminUserRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  suspendedAt: Date | null;
  suspendedUntil: Date | null;
  createdAt: Date;
};

export async function searchUsers(
  db: Db,
  actor: Actor,
  input: unknown,
): Promise<{ users: AdminUserRow[]; total: number; page: number; pageSize: number }> {
  assertAdmin(actor);
  const { q, page } = parse(userSearchSchema, input);
  const pattern = `%${escapeLike(q)}%`;
  const offset = (page - 1) * ADMIN_PAGE_SIZE;
  const [users, counted] = await Promise.all([
    db.$queryRaw<AdminUserRow[]>`
      SELECT "id", "email", "name", "role"::text AS "role", "disabledAt", "suspendedAt", "suspendedUntil",
        "createdAt" FROM "User"
      WHERE "email" ILIKE ${pattern} OR "name" ILIKE ${pattern}
      ORDER BY "id" ASC LIMIT ${ADMIN_PAGE_SIZE} OFFSET ${offset}`,
    db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS "n" FROM "User" WHERE "email" ILIKE ${pattern} OR "name" ILIKE ${pattern}`,
  ]);
  return { users, total: Number(counted[0]?.n ?? 0), page, pageSize: ADMIN_PAGE_SIZE };
}

/** Key of the transaction-level advisory lock that runs user-administration writes one at a time. */
const USER_ADMIN_LOCK_KEY = 0x5348_5541; // "SHUA"

/**
 * The target of a user-administration write, who must not be the actor. The writes run one at a
 * time, each by an actor who is still an active admin when it runs: otherwise the last two admins
 * demoting or disabling each other at the same moment would both succeed, leaving no admin.
 */
async function otherUser(tx: Prisma.TransactionClient, actor: Actor, userId: number) {
  if (userId === actor.id) throw adminError("FORBIDDEN", { messageKey: "admin.errors.notYourself" });
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USER_ADMIN_LOCK_KEY})`;
  const self = await tx.user.findUnique({ where: { id: actor.id }, select: { role: true, disabledAt: true } });
  if (self?.role !== "ADMIN" || self.disabledAt) throw adminError("FORBIDDEN");
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw adminError("NOT_FOUND");
  return user;
}

/** Changes another user's role; an admin cannot change (demote) their own. */
export async function setUserRole(db: Db, actor: Actor, input: unknown): Promise<Tags> {
  assertAdmin(actor);
  const { userId, role } = parse(setUserRoleSchema, input);
  await db.$transaction(async (tx) => {
    await otherUser(tx, actor, userId);
    await tx.user.update({ where: { id: userId }, data: { role } });
  }, TX);
  return { tags: [TAGS.author(userId)] };
}

/** Disables another user and ends all their sessions (sessionVersion bump) in one transaction. */
export async function disableUser(db: Db, actor: Actor, input: unknown): Promise<Tags> {
  assertAdmin(actor);
  const { userId } = parse(userRefSchema, input);
  await db.$transaction(async (tx) => {
    await otherUser(tx, actor, userId);
    await tx.user.updateMany({ where: { id: userId, disabledAt: null }, data: { disabledAt: new Date() } });
    await invalidateSessions(tx as unknown as Db, userId);
  }, TX);
  return { tags: [TAGS.author(userId)] };
}

export async function enableUser(db: Db, actor: Actor, input: unknown): Promise<Tags> {
  assertAdmin(actor);
  const { userId } = parse(userRefSchema, input);
  await db.$transaction(async (tx) => {
    await otherUser(tx, actor, userId);
    await tx.user.update({ where: { id: userId }, data: { disabledAt: null } });
  }, TX);
  return { tags: [TAGS.author(userId)] };
}

// Categories

export type AdminCategoryRow = { id: number; slug: string; name: string; nameEn: string; sort: number; books: number };

export async function listCategories(db: Db, actor: Actor): Promise<AdminCategoryRow[]> {
  assertAdmin(actor);
  const rows = await db.category.findMany({
    orderBy: [{ sort: "asc" }, { id: "asc" }],
    select: { id: true, slug: true, name: true, nameEn: true, sort: true, _count: { select: { books: true } } },
  });
  return rows.map(({ _count, ...c }) => ({ ...c, books: _count.books }));
}

const categoryTags = (slug: string) => [TAGS.categories, TAGS.home, TAGS.books, TAGS.category(slug)];

export async function createCategory(db: Db, actor: Actor, input: unknown): Promise<Tags & { categoryId: number }> {
  assertAdmin(actor);
  const data = parse(categoryCreateSchema, input);
  const created = await db.$transaction(async (tx) => {
    if (await tx.category.findUnique({ where: { slug: data.slug }, select: { id: true } })) {
      throw adminError("INVALID", { fieldErrors: { slug: [{ key: "admin.errors.slugTaken" }] } });
    }
    const last = await tx.category.aggregate({ _max: { sort: true } });
    return tx.category.create({ data: { ...data, sort: (last._max.sort ?? 0) + 1 }, select: { id: true } });
  }, TX);
  return { categoryId: created.id, tags: categoryTags(data.slug) };
}

export async function renameCategory(db: Db, actor: Actor, input: unknown): Promise<Tags> {
  assertAdmin(actor);
  const { categoryId, name, nameEn } = parse(categoryRenameSchema, input);
  const category = await db.category.findUnique({ where: { id: categoryId }, select: { slug: true } });
  if (!category) throw adminError("NOT_FOUND");
  await db.category.update({ where: { id: categoryId }, data: { name, nameEn } });
  return { tags: categoryTags(category.slug) };
}

/** Moves a category one place up or down; the order is rewritten as 1..n. */
export async function moveCategory(db: Db, actor: Actor, input: unknown): Promise<Tags> {
  assertAdmin(actor);
  const { categoryId, direction } = parse(categoryMoveSchema, input);
  const slug = await db.$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE "Category" IN SHARE ROW EXCLUSIVE MODE`;
    const all = await tx.category.findMany({
      orderBy: [{ sort: "asc" }, { id: "asc" }],
      select: { id: true, slug: true },
    });
    const at = all.findIndex((c) => c.id === categoryId);
    if (at < 0) throw adminError("NOT_FOUND");
    const to = direction === "up" ? at - 1 : at + 1;
    if (to >= 0 && to < all.length) [all[at], all[to]] = [all[to]!, all[at]!];
    for (const [i, c] of all.entries()) await tx.category.update({ where: { id: c.id }, data: { sort: i + 1 } });
    return all.find((c) => c.id === categoryId)!.slug;
  }, TX);
  return { tags: categoryTags(slug) };
}

/** Deletes a category that has no books (trashed ones included); otherwise CONFLICT. */
export async function deleteCategory(db: Db, actor: Actor, input: unknown): Promise<Tags> {
  assertAdmin(actor);
  const { categoryId } = parse(categoryRefSchema, input);
  const slug = await db.$transaction(async (tx) => {
    const category = await tx.category.findUnique({
      where: { id: categoryId },
      select: { slug: true, _count: { select: { books: true } } },
    });
    if (!category) throw adminError("NOT_FOUND");
    if (category._count.books > 0) {
      throw adminError("CONFLICT", { messageKey: "admin.errors.categoryNotEmpty" });
    }
    await tx.category.delete({ where: { id: categoryId } });
    return category.slug;
  }, TX);
  return { tags: categoryTags(slug) };
}

// Home curation

export type FeaturedRow = { bookId: number; title: string; hidden: boolean; position: number };

export async function listFeatured(db: Db, actor: Actor): Promise<Record<FeaturedKind, FeaturedRow[]>> {
  assertAdmin(actor);
  const slots = await db.featuredSlot.findMany({
    orderBy: [{ kind: "asc" }, { position: "asc" }],
    select: {
      kind: true,
      position: true,
      book: { select: { id: true, title: true, hiddenAt: true, deletedAt: true } },
    },
  });
  const out = Object.fromEntries(FEATURED_KINDS.map((k) => [k, [] as FeaturedRow[]])) as Record<
    FeaturedKind,
    FeaturedRow[]
  >;
  for (const s of slots) {
    out[s.kind].push({
      bookId: s.book.id,
      title: s.book.title,
      hidden: Boolean(s.book.hiddenAt || s.book.deletedAt),
      position: s.position,
    });
  }
  return out;
}

/** Replaces the slots of one kind with `bookIds` in that order, in one transaction. */
export async function setFeatured(db: Db, actor: Actor, input: unknown): Promise<Tags> {
  assertAdmin(actor);
  const { kind, bookIds } = parse(setFeaturedSchema, input);
  await db.$transaction(async (tx) => {
    const found = await tx.book.findMany({ where: { id: { in: bookIds }, deletedAt: null }, select: { id: true } });
    const known = new Set(found.map((b) => b.id));
    const missing = bookIds.filter((id) => !known.has(id));
    if (missing.length > 0) {
      throw adminError("INVALID", { fieldErrors: { bookIds: [{ key: "admin.errors.unknownBook" }] } });
    }
    await tx.featuredSlot.deleteMany({ where: { kind } });
    if (bookIds.length > 0) {
      await tx.featuredSlot.createMany({ data: bookIds.map((bookId, i) => ({ kind, bookId, position: i + 1 })) });
    }
  }, TX);
  return { tags: [TAGS.home] };
}

// Site notice

export async function getSiteNoticeForAdmin(db: Db, actor: Actor): Promise<string> {
  assertAdmin(actor);
  const row = await db.siteSetting.findUnique({ where: { key: SITE_NOTICE_KEY }, select: { value: true } });
  return row?.value ?? "";
}

/** Sets the banner text on the home page (normalised, at most 500 characters); empty hides it. */
export async function setSiteNotice(db: Db, actor: Actor, input: unknown): Promise<Tags & { text: string }> {
  assertAdmin(actor);
  const { text } = parse(siteNoticeSchema, input);
  await db.siteSetting.upsert({
    where: { key: SITE_NOTICE_KEY },
    create: { key: SITE_NOTICE_KEY, value: text },
    update: { value: text },
  });
  return { text, tags: [TAGS.home] };
}

// Books

export type AdminBookRow = {
  id: number;
  title: string;
  authorName: string;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
};

const adminBookSelect = {
  id: true,
  title: true,
  deletedAt: true,
  hiddenAt: true,
  hiddenReason: true,
  author: { select: { name: true } },
} as const;

function adminBookRow({ author, ...book }: Prisma.BookGetPayload<{ select: typeof adminBookSelect }>): AdminBookRow {
  return { ...book, authorName: author.name };
}

/** Books whose title contains `q`, or the book whose id is `q`; newest first, at most 50. */
export async function searchBooks(db: Db, actor: Actor, input: unknown): Promise<AdminBookRow[]> {
  assertAdmin(actor);
  const { q } = parse(bookSearchSchema, input);
  const asId = parseId(q);
  const pattern = `%${escapeLike(q)}%`;
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "Book" WHERE "title" ILIKE ${pattern} OR "id" = ${asId ?? -1}
    ORDER BY "id" DESC LIMIT 50`;
  const books = await db.book.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    orderBy: { id: "desc" },
    select: adminBookSelect,
  });
  return books.map(adminBookRow);
}

/** How many hidden books the admin books page lists before a search. */
export const HIDDEN_BOOKS_SHOWN = 50;

/** The most recently hidden books (on the hiddenAt index, never a table scan). */
export async function listHiddenBooks(db: Db, actor: Actor): Promise<AdminBookRow[]> {
  assertAdmin(actor);
  const books = await db.book.findMany({
    where: { hiddenAt: { not: null } },
    orderBy: [{ hiddenAt: "desc" }, { id: "desc" }],
    take: HIDDEN_BOOKS_SHOWN,
    select: adminBookSelect,
  });
  return books.map(adminBookRow);
}

/**
 * Sets or clears a book's hidden mark under the book's row lock, like every other write to a
 * book, and returns the tags of the pages that changed (none for a book that was not public).
 */
async function setHidden(db: Db, actor: Actor, bookId: number, hidden: { at: Date; reason: string } | null) {
  return transaction(db, async (tx) => {
    try {
      await lockBook(tx, actor, bookId, { allowTrashed: true });
    } catch (error) {
      if (isDomainError(error) && error.code === "NOT_FOUND") {
        throw adminError("NOT_FOUND", { messageKey: "admin.errors.unknownBook" });
      }
      throw error;
    }
    const before = await snapshotBook(tx, bookId);
    await tx.book.update({
      where: { id: bookId },
      data: { hiddenAt: hidden?.at ?? null, hiddenReason: hidden?.reason ?? null },
    });
    return { tags: revalidationTags(before, await snapshotBook(tx, bookId)) };
  });
}

/** Hides a book from the public site; its author sees `reason` on their dashboard. */
export async function hideBook(db: Db, actor: Actor, input: unknown): Promise<Tags> {
  assertAdmin(actor);
  const { bookId, reason } = parse(hideBookSchema, input);
  return setHidden(db, actor, bookId, { at: new Date(), reason });
}

export async function unhideBook(db: Db, actor: Actor, input: unknown): Promise<Tags> {
  assertAdmin(actor);
  const { bookId } = parse(bookRefSchema, input);
  return setHidden(db, actor, bookId, null);
}
