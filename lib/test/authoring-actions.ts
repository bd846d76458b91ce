import { expect } from "vitest";
import type { Db } from "@/lib/db/client";
import type { User } from "@/lib/generated/prisma/client";
import { translate } from "@/lib/i18n/messages";
import type { ActionRequest } from "./action-harness";
import { createUser } from "./fixtures";

// Helpers for the tests of the author dashboard's server actions (lib/actions/authoring*.test.ts).

/** A UI message as the actions translate it (the site's locale). */
/** Where an action sends a signed-out visitor who was on `path`. */
export const loginFor = (path: string) => `/login?next=${encodeURIComponent(path)}`;

/** Ids no form should accept: not digits, zero, negative, past int4, empty. */
export const MALFORMED_IDS = ["abc", "-1", "1e3", "0", "2147483648", "99999999999999999999", ""];

export function message(key: string, values?: Record<string, string | number>): string {
  return translate(key, values);
}

/** A message of `authoring.errors.<key>`. */
export function authoringError(key: string, values?: Record<string, string | number>): string {
  return message(`authoring.errors.${key}`, values);
}

/** A new user with `role`, signed in for the next calls. */
export async function signedIn(request: ActionRequest, role: User["role"] = "AUTHOR"): Promise<User> {
  const user = await createUser(request.db, { role });
  await request.signInAs(user);
  return user;
}

/**
 * Every row an author action can change, in a stable order: compare before and after a refused
 * call to prove it changed nothing at all (not only the row the test looks at).
 */
export async function authoringState(db: Db) {
  const byId = { orderBy: { id: "asc" } } as const;
  const [users, books, bookTags, volumes, chapters, contents, stats] = await Promise.all([
    db.user.findMany({ ...byId, select: { id: true, role: true, sessionVersion: true } }),
    db.book.findMany(byId),
    db.bookTag.findMany({ orderBy: [{ bookId: "asc" }, { tagId: "asc" }] }),
    db.volume.findMany(byId),
    db.chapter.findMany(byId),
    db.chapterContent.findMany({ orderBy: { chapterId: "asc" } }),
    db.bookDailyStat.findMany({ orderBy: [{ bookId: "asc" }, { day: "asc" }] }),
  ]);
  return { users, books, bookTags, volumes, chapters, contents, stats };
}

/** Runs `call` and expects it to leave the database exactly as it was; returns what it returned. */
export async function changesNothing<T>(request: ActionRequest, call: () => Promise<T>): Promise<T> {
  const before = await authoringState(request.db);
  const result = await call();
  expect(await authoringState(request.db)).toEqual(before);
  return result;
}

/** Ids of the book's chapters not in the trash, in reading order, after checking positions are 1..n. */
export async function chapterOrder(db: Db, bookId: number): Promise<number[]> {
  const rows = await db.chapter.findMany({
    where: { bookId, deletedAt: null },
    orderBy: { position: "asc" },
    select: { id: true, position: true },
  });
  expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));
  return rows.map((r) => r.id);
}

/** Ids of the book's volumes in order, after checking positions are 1..n. */
export async function volumeOrder(db: Db, bookId: number): Promise<number[]> {
  const rows = await db.volume.findMany({
    where: { bookId },
    orderBy: { position: "asc" },
    select: { id: true, position: true },
  });
  expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));
  return rows.map((r) => r.id);
}
