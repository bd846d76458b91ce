import { DomainError } from "@/lib/data/errors";
import type { Tx } from "./tx";

/**
 * Reading order of a book's chapters and volumes.
 *
 * Chapters not in the trash hold positions exactly 1..n (unique per book by constraint). A
 * trashed chapter leaves the order: its position becomes `-id`, which can never collide with a
 * live position or another trashed chapter; the chapters after it move up. A restored chapter
 * comes back at the end of the book (its old place may mean nothing after later moves; the
 * author moves it where it belongs). Every caller holds the book's row lock (lockBook), so
 * orders of one book are changed one at a time.
 *
 * A new order is written in two phases because the unique index is checked row by row: the
 * rows that move first go to `TEMP_OFFSET + final` (free, since live positions stay far below
 * it and trashed ones are negative), then to their final place.
 */
const TEMP_OFFSET = 1_000_000_000;

export async function liveChapterOrder(tx: Tx, bookId: number): Promise<{ id: number; position: number }[]> {
  return tx.chapter.findMany({
    where: { bookId, deletedAt: null },
    orderBy: { position: "asc" },
    select: { id: true, position: true },
  });
}

/** Writes `orderedIds` (every live chapter of the book, once) as positions 1..n. */
export async function applyChapterOrder(tx: Tx, bookId: number, orderedIds: readonly number[]): Promise<void> {
  const current = new Map((await liveChapterOrder(tx, bookId)).map((c) => [c.id, c.position]));
  if (current.size !== orderedIds.length || orderedIds.some((id) => !current.has(id))) {
    throw new DomainError("CONFLICT", { messageKey: "authoring.errors.staleOrder" });
  }
  const moved = orderedIds.map((id, i) => ({ id, position: i + 1 })).filter((c) => current.get(c.id) !== c.position);
  if (moved.length === 0) return;
  const ids = moved.map((c) => c.id);
  const positions = moved.map((c) => c.position);
  await tx.$executeRaw`
    UPDATE "Chapter" AS c SET position = v.position + ${TEMP_OFFSET}
    FROM unnest(${ids}::int[], ${positions}::int[]) AS v(id, position)
    WHERE c.id = v.id AND c."bookId" = ${bookId}`;
  await tx.$executeRaw`
    UPDATE "Chapter" SET position = position - ${TEMP_OFFSET}
    WHERE "bookId" = ${bookId} AND position > ${TEMP_OFFSET}`;
}

/** Same as applyChapterOrder for volumes (hard-deleted, so there are no trashed positions). */
export async function applyVolumeOrder(tx: Tx, bookId: number, orderedIds: readonly number[]): Promise<void> {
  const rows = await tx.volume.findMany({ where: { bookId }, select: { id: true, position: true } });
  const current = new Map(rows.map((v) => [v.id, v.position]));
  if (current.size !== orderedIds.length || orderedIds.some((id) => !current.has(id))) {
    throw new DomainError("CONFLICT", { messageKey: "authoring.errors.staleOrder" });
  }
  const moved = orderedIds.map((id, i) => ({ id, position: i + 1 })).filter((v) => current.get(v.id) !== v.position);
  if (moved.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Volume" AS t SET position = v.position + ${TEMP_OFFSET}
    FROM unnest(${moved.map((v) => v.id)}::int[], ${moved.map((v) => v.position)}::int[]) AS v(id, position)
    WHERE t.id = v.id AND t."bookId" = ${bookId}`;
  await tx.$executeRaw`
    UPDATE "Volume" SET position = position - ${TEMP_OFFSET}
    WHERE "bookId" = ${bookId} AND position > ${TEMP_OFFSET}`;
}

/** Moves `id` to 1-based `position` (clamped to the end) in an order of ids. */
export function moveInOrder(ids: readonly number[], id: number, position: number): number[] {
  const rest = ids.filter((x) => x !== id);
  const index = Math.min(Math.max(position, 1), rest.length + 1) - 1;
  return [...rest.slice(0, index), id, ...rest.slice(index)];
}
