import { decode, encode, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import type { SessionUser } from "./credentials";

/** Sessions last 30 days from the last visit (next-auth re-issues the cookie on /api/auth/session). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

// Over HTTPS the cookie gets next-auth's "__Secure-" name and the Secure flag, exactly as
// next-auth itself would choose for this site URL.
export const useSecureCookies = env.SITE_URL.startsWith("https://");
export const SESSION_COOKIE = `${useSecureCookies ? "__Secure-" : ""}next-auth.session-token`;

// A development or test server without NEXTAUTH_SECRET still works; production refuses.
// scripts/start.ts always provides one (generated into .data/secret when unset).
export function authSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (env.NODE_ENV === "production") {
    throw new Error(
      "NEXTAUTH_SECRET is not set. Start the site with `npm start`, or set NEXTAUTH_SECRET (32+ characters).",
    );
  }
  return "shuhai-development-secret-not-for-production-use";
}

/** The claims of a session: who, with which role, and at which sessionVersion it was issued. */
export function sessionClaims(user: SessionUser): JWT {
  return {
    sub: String(user.id),
    name: user.name,
    email: user.email,
    userId: user.id,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}

/** An encrypted next-auth session token (JWE) for the user, readable by getServerSession. */
export function encodeSessionToken(user: SessionUser): Promise<string> {
  return encode({ token: sessionClaims(user), secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
}

export type SessionClaims = JWT & Required<Pick<JWT, "userId" | "sessionVersion" | "role">>;

/**
 * The claims of a session token, or null when it is missing, forged, expired or unreadable.
 * Whether the account still accepts it (not disabled, same sessionVersion) is the caller's check.
 */
export async function decodeSessionToken(token: string | undefined): Promise<SessionClaims | null> {
  if (!token) return null;
  try {
    const claims = await decode({ token, secret: authSecret() });
    const { userId, sessionVersion, role } = claims ?? {};
    if (typeof userId !== "number" || typeof sessionVersion !== "number" || typeof role !== "string") return null;
    return { ...claims, userId, sessionVersion, role };
  } catch {
    return null;
  }
}

export const sessionCookieOptions = {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: useSecureCookies,
  maxAge: SESSION_MAX_AGE_SECONDS,
} as const;
