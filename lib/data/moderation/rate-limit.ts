import "server-only";
import { DomainError } from "@/lib/data/errors";

// Per-account limits of community writes, counted from the rows the writes leave (a comment's,
// a like's, a report's createdAt): no counter to keep, the same on every instance. The site's own
// per-address and per-account limit of every write (lib/http/write-limit.ts) comes on top.

export interface AccountLimit {
  /** Writes per window; `firstDay` for an account in its first day. */
  perWindow: number;
  firstDay: number;
  windowMs: number;
  /** The refusal's message: says in how many minutes (`{minutes}`) to retry. */
  messageKey: string;
}

/** The account's writes since a moment, newest first, at most `take` of them. */
export type RecentWrites = (since: Date, take: number) => Promise<{ createdAt: Date }[]>;

/**
 * Refuses (FORBIDDEN) when the account's writes in the window fill it, saying in how many
 * minutes the oldest of them leaves it.
 */
export async function refuseOverLimit(
  limit: AccountLimit,
  poster: { isNew: boolean },
  now: Date,
  recentWrites: RecentWrites,
): Promise<void> {
  const max = poster.isNew ? limit.firstDay : limit.perWindow;
  const recent = await recentWrites(new Date(now.getTime() - limit.windowMs), max);
  if (recent.length < max) return;
  const oldest = recent.at(-1)!.createdAt.getTime();
  const minutes = Math.max(1, Math.ceil((oldest + limit.windowMs - now.getTime()) / 60_000));
  throw new DomainError("FORBIDDEN", { scope: "comments", messageKey: limit.messageKey, params: { minutes } });
}
