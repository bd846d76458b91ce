import "server-only";
import type { Db } from "@/lib/db/client";
import {
  volumeCreateSchema,
  volumeDeleteSchema,
  volumeRenameSchema,
  volumeReorderSchema,
} from "@/lib/validation/authoring";
import { createOnce } from "@/lib/data/create-requests";
import type { Actor } from "./actor";
import type { WriteResult } from "./books";
import { DomainError, invalidField, parseInput } from "@/lib/data/errors";
import { applyVolumeOrder } from "./order";
import { revalidationTags, snapshotBook } from "./revalidation";
import { lockBook, transaction, type Tx } from "./tx";

// Volumes group chapters in the table of contents, so any change to them is a change of the
// book's pages (when the book is public).

/** Looks a volume up and locks its book; NOT_FOUND for a missing volume or someone else's. */
async function lockVolume(tx: Tx, actor: Actor, volumeId: number) {
  const volume = await tx.volume.findUnique({ where: { id: volumeId }, select: { id: true, bookId: true } });
  if (!volume) throw new DomainError("NOT_FOUND");
  await lockBook(tx, actor, volume.bookId);
  return volume;
}

/** Adds a volume at the end of the book; once per `requestId` (lib/data/create-requests.ts). */
export async function createVolume(db: Db, actor: Actor, input: unknown): Promise<WriteResult & { volumeId: number }> {
  const { bookId, title, requestId } = parseInput(volumeCreateSchema, input);
  return transaction(db, (tx) =>
    createOnce(
      tx,
      actor,
      { kind: "volume", requestId, input: { bookId, title } },
      {
        replay: (volumeId) => ({ volumeId, tags: [] }),
        create: async () => {
          await lockBook(tx, actor, bookId);
          const before = await snapshotBook(tx, bookId);
          const count = await tx.volume.count({ where: { bookId } });
          const volume = await tx.volume.create({ data: { bookId, title, position: count + 1 }, select: { id: true } });
          return {
            resultId: volume.id,
            result: { volumeId: volume.id, tags: revalidationTags(before, before, { indexChanged: true }) },
          };
        },
      },
    ),
  );
}

export async function renameVolume(db: Db, actor: Actor, input: unknown): Promise<WriteResult> {
  const { volumeId, title } = parseInput(volumeRenameSchema, input);
  return transaction(db, async (tx) => {
    const volume = await lockVolume(tx, actor, volumeId);
    const before = await snapshotBook(tx, volume.bookId);
    await tx.volume.update({ where: { id: volumeId }, data: { title } });
    return { tags: revalidationTags(before, before, { indexChanged: true }) };
  });
}

/** Sets the order of the book's volumes: `volumeIds` lists every volume once. */
export async function reorderVolumes(db: Db, actor: Actor, input: unknown): Promise<WriteResult> {
  const { bookId, volumeIds } = parseInput(volumeReorderSchema, input);
  return transaction(db, async (tx) => {
    await lockBook(tx, actor, bookId);
    const before = await snapshotBook(tx, bookId);
    await applyVolumeOrder(tx, bookId, volumeIds);
    return { tags: revalidationTags(before, before, { indexChanged: true }) };
  });
}

/**
 * Deletes a volume. Its chapters never vanish: they move to `moveChaptersTo` (a volume of the
 * same book, or null for none); by default to the volume before it, or the one after it when it
 * was the first, or to none when it was the only one.
 */
export async function deleteVolume(db: Db, actor: Actor, input: unknown): Promise<WriteResult> {
  const { volumeId, moveChaptersTo } = parseInput(volumeDeleteSchema, input);
  return transaction(db, async (tx) => {
    const { bookId } = await lockVolume(tx, actor, volumeId);
    const before = await snapshotBook(tx, bookId);
    const volumes = await tx.volume.findMany({ where: { bookId }, orderBy: { position: "asc" }, select: { id: true } });
    const index = volumes.findIndex((v) => v.id === volumeId);
    let target: number | null;
    if (moveChaptersTo !== undefined) {
      if (moveChaptersTo === volumeId || (moveChaptersTo !== null && !volumes.some((v) => v.id === moveChaptersTo))) {
        throw invalidField("moveChaptersTo", "authoring.errors.invalidOption");
      }
      target = moveChaptersTo;
    } else {
      target = (volumes[index - 1] ?? volumes[index + 1])?.id ?? null;
    }
    await tx.chapter.updateMany({ where: { volumeId }, data: { volumeId: target } });
    await tx.volume.delete({ where: { id: volumeId } });
    await applyVolumeOrder(
      tx,
      bookId,
      volumes.filter((v) => v.id !== volumeId).map((v) => v.id),
    );
    return { tags: revalidationTags(before, before, { indexChanged: true }) };
  });
}
