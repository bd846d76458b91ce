import "server-only";
import { DomainError } from "@/lib/data/errors";
import type { Db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/i18n/format";
import { NEW_ACCOUNT_MS } from "@/lib/validation/moderation";
import { bannedWords, containsBannedWord, type BannedWords } from "./banned-words";

// What every community write of a reader checks first (comments, likes and reports today; a
// review writer calls the same): the account is not suspended, and the text, if any, has no
// banned word. Runs inside the write's transaction, on the actor from the session.

export type Poster = {
  /** In the account's first day: its rate limits are lower (lib/validation/moderation.ts). */
  isNew: boolean;
};

export interface MayPostOptions {
  /** The text being written (a comment's body, a review's text): checked against the banned words. */
  text?: string;
  /** The form field the text came from, where a banned word's refusal is shown. */
  field?: string;
  now?: Date;
  /** The list to apply; BANNED_WORDS_FILE's by default. */
  words?: BannedWords;
}

/**
 * Refuses a suspended account (FORBIDDEN, saying until when) and a text with a banned word
 * (INVALID on `field`, naming no word back). Answers what the rate limits need of the account.
 */
export async function assertMayPost(db: Pick<Db, "user">, userId: number, opts: MayPostOptions = {}): Promise<Poster> {
  const now = opts.now ?? new Date();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { createdAt: true, suspendedAt: true, suspendedUntil: true },
  });
  if (!user) throw new DomainError("FORBIDDEN", { scope: "comments" });
  if (isSuspended(user, now)) {
    throw new DomainError("FORBIDDEN", {
      scope: "comments",
      messageKey: user.suspendedUntil ? "moderation.errors.suspendedUntil" : "moderation.errors.suspended",
      params: user.suspendedUntil ? { until: formatDateTime(user.suspendedUntil) } : {},
    });
  }
  if (opts.text !== undefined && containsBannedWord(opts.text, opts.words ?? bannedWords())) {
    throw new DomainError("INVALID", {
      scope: "comments",
      fieldErrors: { [opts.field ?? "body"]: [{ key: "moderation.errors.bannedWord" }] },
    });
  }
  return { isNew: now.getTime() - user.createdAt.getTime() < NEW_ACCOUNT_MS };
}

/** Whether a suspension is in force at `now`: since suspendedAt, until suspendedUntil (none: until lifted). */
export function isSuspended(user: { suspendedAt: Date | null; suspendedUntil: Date | null }, now: Date): boolean {
  return user.suspendedAt !== null && (user.suspendedUntil === null || user.suspendedUntil > now);
}
