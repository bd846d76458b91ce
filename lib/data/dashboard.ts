import "server-only";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/data/authoring/actor";
import { getBookFormOptions } from "@/lib/data/authoring/books";
import { isDomainError } from "@/lib/data/errors";
import { db } from "@/lib/db";
import { categoryName } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { BOOK_STATUSES } from "@/lib/validation/authoring";
import { parseId } from "@/lib/validation/ids";

// Helpers of the dashboard pages: who is asking, and "not found" for a record that is missing
// or someone else's (the data layer answers both with NOT_FOUND).

/** The signed-in user as the authoring actor; signed-out visitors go to /login and back. */
export async function dashboardActor(returnTo: string): Promise<Actor> {
  const user = await requireUser(returnTo);
  return { id: user.id, role: user.role };
}

/** The read's result, or the not-found page when the data layer says NOT_FOUND. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (isDomainError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** A route id ("12") as a number; anything else is not found. */
export function routeId(raw: string): number {
  return parseId(raw) ?? notFound();
}

/** Choices and labels of the book form, translated on the server. */
export async function bookFormProps() {
  const t = getT();
  const { categories, tags } = await getBookFormOptions(db);
  return {
    categories: categories.map((c) => ({ id: c.id, label: categoryName(c) })),
    tags: tags.map((tag) => ({ id: tag.id, name: tag.name })),
    statusLabels: Object.fromEntries(BOOK_STATUSES.map((s) => [s, t(`status.${s}`)])) as Record<
      (typeof BOOK_STATUSES)[number],
      string
    >,
  };
}
