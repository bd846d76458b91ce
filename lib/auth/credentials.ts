import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/client";
import { verifyDummyPassword, verifyPassword } from "./password";
import type { LoginLimiter } from "./rate-limit";

/** What a session is made of: enough to show who is signed in and to check the session is current. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
}

export const sessionUserSelect = { id: true, email: true, name: true, role: true, sessionVersion: true } as const;

/**
 * The one check that a session is still good: its account exists, is not disabled, and is at the
 * session's sessionVersion (a password change or "sign out everywhere" moves it on). The account
 * as it is now, or null. Used by every session read: the site's own (lib/auth/session.ts) and
 * next-auth's jwt callback (lib/auth/options.ts).
 */
export async function currentSessionUser(
  db: Pick<Db, "user">,
  claims: { userId?: unknown; sessionVersion?: unknown },
): Promise<SessionUser | null> {
  if (typeof claims.userId !== "number") return null;
  const user = await db.user.findUnique({
    where: { id: claims.userId },
    select: { ...sessionUserSelect, disabledAt: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== claims.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

/**
 * The account for an e-mail address and password, or null. Unknown address, wrong password and
 * disabled account give the same null after the same argon2 work, so neither the answer nor its
 * timing tells whether an account exists. `email` and `password` come from loginSchema
 * (lower-cased address, NFC password within the byte cap).
 */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { email },
    select: { ...sessionUserSelect, passwordHash: true, disabledAt: true },
  });
  if (!user) return verifyDummyPassword(password).then(() => null);
  const matches = await verifyPassword(user.passwordHash, password);
  if (!matches || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterMs: number };

/**
 * One sign-in attempt: counts it against the account and the client address first (a blocked
 * attempt does no password work), then checks the credentials. A success clears the account's
 * counter and gives the address its attempt back.
 */
export async function signInWithPassword(
  db: Db,
  limiter: LoginLimiter,
  input: { email: string; password: string; ip: string },
): Promise<SignInResult> {
  const attempt = await limiter.consume(input.email, input.ip);
  if (!attempt.allowed) return { ok: false, reason: "rate-limited", retryAfterMs: attempt.retryAfterMs };
  const user = await verifyCredentials(db, input.email, input.password);
  if (!user) return { ok: false, reason: "invalid" };
  await limiter.succeeded(input.email, input.ip);
  return { ok: true, user };
}
