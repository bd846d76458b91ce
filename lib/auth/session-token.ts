import { decode, encode, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import type { SessionUser } from "./credentials";

/** Sessions last 30 days from the last visit (next-auth re-issues the cookie on /api/auth/session). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Whether cookies are Secure: SESSION_COOKIE_SECURE, or with "auto" whether the site's URL is
 * https, as next-auth itself would choose for it. Secure cookies also get next-auth's "__Secure-"
 * name (its CSRF cookie "__Host-"), which browsers accept only with the Secure flag.
 */
export function secureCookiesFor(setting: "auto" | "true" | "false", siteUrl: string): boolean {
  if (setting === "auto") return siteUrl.startsWith("https://");
  return setting === "true";
}

// Every cookie the site sets follows this one value: next-auth's own (authOptions.useSecureCookies),
// the session the sign-in and registration actions start, and the import notice (lib/actions/import-flow.ts).
export const useSecureCookies = secureCookiesFor(env.SESSION_COOKIE_SECURE, env.SITE_URL);
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
