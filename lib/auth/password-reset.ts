import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { sessionUserSelect, type SessionUser } from "./credentials";
import { hashPassword } from "./password";

// Password reset by e-mail, the data side. A request makes a random token (32 bytes, sent in the
// link) and stores only its SHA-256: the table alone lets nobody reset a password. The token works
// once and for an hour; a newer request deletes the account's older tokens. Using it sets the new
// password and bumps sessionVersion, so every session of the account (an attacker's included)
// ends at once.

/** How long a reset link works. */
export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** A token as the link carries it: 43 base64url characters. */
export const RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface ResetRequest {
  user: Pick<SessionUser, "id" | "email" | "name">;
  token: string;
  expiresAt: Date;
}

/**
 * A new reset token for the active account with this (normalised) e-mail address, or null when
 * there is none (no account, or a disabled one): the caller answers both alike.
 */
export async function createPasswordReset(db: Db, email: string, now = new Date()): Promise<ResetRequest | null> {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return null;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_TOKEN_TTL_MS);
  await db.$transaction([
    db.passwordResetToken.deleteMany({ where: { userId: user.id } }),
    db.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashToken(token), createdAt: now, expiresAt } }),
  ]);
  return { user: { id: user.id, email: user.email, name: user.name }, token, expiresAt };
}

/** Whether a link's token can still be used (to show the form, or say it is spent). */
export async function isResetTokenUsable(db: Db, token: string, now = new Date()): Promise<boolean> {
  if (!RESET_TOKEN_PATTERN.test(token)) return false;
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { disabledAt: true } } },
  });
  return Boolean(row && !row.usedAt && row.expiresAt > now && !row.user.disabledAt);
}

/**
 * Sets `password` on the account the token was made for, if the token is unused, unexpired and
 * its account active; marks the token used and ends every session of the account. Null when the
 * token does not work (unknown, used, expired, or the account was disabled since).
 */
export async function resetPassword(
  db: Db,
  token: string,
  password: string,
  now = new Date(),
): Promise<SessionUser | null> {
  if (!RESET_TOKEN_PATTERN.test(token)) return null;
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    // Claimed in one statement: of two posts of the same link, one finds it unused.
    const claimed = await tx.passwordResetToken.updateManyAndReturn({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } },
      data: { usedAt: now },
      select: { userId: true },
    });
    const userId = claimed[0]?.userId;
    if (userId === undefined) return null;
    await tx.passwordResetToken.deleteMany({ where: { userId, usedAt: null } });
    return tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: sessionUserSelect,
    });
  });
}
