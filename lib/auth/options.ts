import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { countUnreadNotices } from "@/lib/data/notices/notices";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { loginSchema } from "@/lib/validation/auth";
import { currentSessionUser, signInWithPassword } from "./credentials";
import { clientIp, loginLimiter } from "./rate-limit";
import { authSecret, SESSION_MAX_AGE_SECONDS, sessionClaims, useSecureCookies } from "./session-token";

declare module "next-auth/jwt" {
  interface JWT {
    userId?: number;
    role?: Role;
    sessionVersion?: number;
  }
}

declare module "next-auth" {
  interface Session {
    user?: { id: number; name: string; role: Role; unreadNotices: number };
  }
}

/** Thrown by the jwt callback for a session that no longer matches its account; next-auth then clears the cookie. */
class StaleSessionError extends Error {
  constructor() {
    super("stale session");
  }
}

/**
 * next-auth v4 with JWT sessions. The site's own forms sign in through server actions
 * (lib/actions/auth.ts), which call the same signInWithPassword and issue the same token; the
 * Credentials provider serves next-auth's own endpoint with identical checks and limits.
 */
export const authOptions: AuthOptions = {
  secret: authSecret(),
  useSecureCookies,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // The site's own pages, never next-auth's built-in English ones.
  pages: { signIn: "/login", signOut: "/account", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = loginSchema.safeParse({ email: credentials?.email, password: credentials?.password });
        if (!parsed.success) return null;
        const forwarded = req.headers?.["x-forwarded-for"];
        const result = await signInWithPassword(db, loginLimiter(), {
          ...parsed.data,
          ip: clientIp(typeof forwarded === "string" ? forwarded : null),
        });
        if (!result.ok) return null;
        return { id: String(result.user.id), ...sessionClaims(result.user) };
      },
    }),
  ],
  callbacks: {
    // Runs on every session read: a token whose account is gone, disabled or at another
    // sessionVersion (password changed, "sign out everywhere") stops working at once.
    async jwt({ token, user }) {
      if (user) return { ...token, ...(user as object) };
      const current = await currentSessionUser(db, token);
      if (!current) throw new StaleSessionError();
      return { ...token, ...sessionClaims(current) };
    },
    // The header reads this (/api/auth/session) once per page: the bell's unread count comes
    // with it, so a signed-in reader's page costs no extra request.
    async session({ session, token }) {
      if (typeof token.userId !== "number" || !token.role) return session;
      // The bell is a courtesy: a failure to count must not fail the session read.
      const unreadNotices = await countUnreadNotices(db, token.userId).catch((error: unknown) => {
        logger.error({ err: error }, "counting unread notices failed");
        return 0;
      });
      return {
        ...session,
        user: { id: token.userId, name: String(token.name ?? ""), role: token.role, unreadNotices },
      };
    },
  },
  logger: {
    error(code, metadata) {
      const stale = metadata instanceof Error && metadata.message === "stale session";
      const nested = (metadata as { error?: unknown } | undefined)?.error;
      if (stale || nested instanceof StaleSessionError) logger.debug({ code }, "next-auth: stale session cleared");
      // A cookie that does not decrypt or verify (forged, or signed with an old secret) is the
      // client's doing, not the server's: noted, and the request goes on signed out.
      else if (code === "JWT_SESSION_ERROR" && isTokenError(nested ?? metadata))
        logger.info({ code }, "next-auth: a session cookie that does not verify was ignored");
      else logger.error({ code, err: metadata }, "next-auth error");
    },
    warn(code) {
      logger.warn({ code }, "next-auth warning");
    },
    debug() {},
  },
};

/** jose's errors for a token that does not decrypt, verify or parse (JWEDecryptionFailed, JWEInvalid...). */
function isTokenError(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return (
    (typeof code === "string" && code.startsWith("ERR_JW")) || (typeof name === "string" && /^JW[ETSK]/.test(name))
  );
}
