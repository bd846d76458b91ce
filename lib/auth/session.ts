import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { currentSessionUser, type SessionUser } from "./credentials";
import { decodeSessionToken, SESSION_COOKIE } from "./session-token";

export type CurrentUser = SessionUser;

const ROLE_RANK: Record<Role, number> = { READER: 0, AUTHOR: 1, ADMIN: 2 };

/** True when `user` has `role` or a higher one (ADMIN > AUTHOR > READER). */
export function hasRole(user: Pick<SessionUser, "role">, role: Role): boolean {
  return ROLE_RANK[user.role] >= ROLE_RANK[role];
}

/**
 * The signed-in user, read fresh from the database, or null. Null too when the token is forged or
 * expired, the account is gone or disabled, or the session was issued at an older sessionVersion
 * (password changed, "sign out everywhere"): currentSessionUser, the check next-auth's jwt callback
 * uses too, in one query, and one lookup per request (React `cache`). Reads cookies:
 * call it only in dynamic code (inside <Suspense>, in actions and route handlers).
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const claims = await decodeSessionToken((await cookies()).get(SESSION_COOKIE)?.value);
  return claims ? currentSessionUser(db, claims) : null;
});

/** The signed-in user; otherwise redirects to /login (and back to `returnTo` after signing in). */
export async function requireUser(returnTo?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/login?next=${encodeURIComponent(returnTo)}` : "/login");
  return user;
}

/**
 * The signed-in user with at least `role`; redirects to /login when signed out and answers
 * 404 when the role is too low (the page does not exist for them).
 */
export async function requireRole(role: Role, returnTo?: string): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (!hasRole(user, role)) notFound();
  return user;
}
