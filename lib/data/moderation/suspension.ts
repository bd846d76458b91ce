import "server-only";
import type { Actor } from "@/lib/data/authoring/actor";
import { DomainError, parseInput } from "@/lib/data/errors";
import type { Db } from "@/lib/db/client";
import { suspendSchema, userRefForSuspension } from "@/lib/validation/moderation";

// An admin suspends an account's community writes (comments, likes, reports; reviews next) for
// some days or until lifted, and lifts it. The account still signs in and reads; its writes are
// refused saying until when (assertMayPost). Nothing public changes: no cache tag.

const DAY_MS = 24 * 60 * 60 * 1000;

function assertAdmin(actor: Actor): void {
  if (actor.role !== "ADMIN") throw new DomainError("FORBIDDEN", { scope: "admin" });
}

async function target(db: Db, actor: Actor, userId: number) {
  if (userId === actor.id)
    throw new DomainError("FORBIDDEN", { scope: "admin", messageKey: "admin.errors.notYourself" });
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new DomainError("NOT_FOUND", { scope: "admin" });
}

export async function suspendCommenting(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<{ tags: string[] }> {
  assertAdmin(actor);
  const { userId, duration } = parseInput(suspendSchema, input, "admin");
  await target(db, actor, userId);
  const until = duration === "indefinite" ? null : new Date(now.getTime() + Number(duration) * DAY_MS);
  await db.user.update({ where: { id: userId }, data: { suspendedAt: now, suspendedUntil: until } });
  return { tags: [] };
}

export async function liftSuspension(db: Db, actor: Actor, input: unknown): Promise<{ tags: string[] }> {
  assertAdmin(actor);
  const { userId } = parseInput(userRefForSuspension, input, "admin");
  await target(db, actor, userId);
  await db.user.update({ where: { id: userId }, data: { suspendedAt: null, suspendedUntil: null } });
  return { tags: [] };
}
