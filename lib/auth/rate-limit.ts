import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { databaseUrl } from "@/lib/db/client";
import { env } from "@/lib/env";

export type Attempt = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface LoginLimiter {
  /** Counts one sign-in attempt for the account and the address; refuses once either is over its limit. */
  consume(email: string, ip: string): Promise<Attempt>;
  /** After a successful sign-in: the account starts afresh and the address gets its attempt back. */
  succeeded(email: string, ip: string): Promise<void>;
}

export interface LoginLimits {
  maxPerAccount: number;
  maxPerIp: number;
  windowMinutes: number;
}

// Counter keys are hashes: the table never holds an e-mail address or an IP address.
const keyOf = (value: string) => createHash("sha256").update(value).digest("base64url");

/**
 * Sign-in limits in the "RateLimit" table (created by migration 20261128120000_auth), so every
 * instance behind a load balancer shares the same counters.
 */
export function createLoginLimiter(pool: pg.Pool, limits: LoginLimits): LoginLimiter {
  const common = { storeClient: pool, storeType: "pool", tableName: "RateLimit", tableCreated: true };
  const duration = limits.windowMinutes * 60;
  const perAccount = new RateLimiterPostgres({
    ...common,
    keyPrefix: "login-account",
    points: limits.maxPerAccount,
    duration,
  });
  const perIp = new RateLimiterPostgres({ ...common, keyPrefix: "login-ip", points: limits.maxPerIp, duration });

  return {
    async consume(email, ip) {
      const results = await Promise.allSettled([perAccount.consume(keyOf(email)), perIp.consume(keyOf(ip))]);
      let retryAfterMs = 0;
      for (const result of results) {
        if (result.status === "fulfilled") continue;
        // A RateLimiterRes means "over the limit"; anything else is a database failure.
        if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
        retryAfterMs = Math.max(retryAfterMs, result.reason.msBeforeNext);
      }
      return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
    },
    async succeeded(email, ip) {
      await Promise.all([perAccount.delete(keyOf(email)), perIp.reward(keyOf(ip), 1)]);
    },
  };
}

const globalForLimiter = globalThis as unknown as { shuhaiLoginLimiter?: LoginLimiter };

/** The process's limiter, on a small pool of its own beside Prisma's. */
export function loginLimiter(): LoginLimiter {
  globalForLimiter.shuhaiLoginLimiter ??= createLoginLimiter(
    new pg.Pool({ connectionString: databaseUrl(), max: 2, application_name: "shuhai-rate-limit" }),
    {
      maxPerAccount: env.LOGIN_MAX_PER_ACCOUNT,
      maxPerIp: env.LOGIN_MAX_PER_IP,
      windowMinutes: env.LOGIN_WINDOW_MINUTES,
    },
  );
  return globalForLimiter.shuhaiLoginLimiter;
}

/**
 * The client address a limit is keyed on: the last X-Forwarded-For hop. Next's server sets the
 * header to the socket address when a request arrives without one and leaves a sent one alone
 * (App Router code never sees the socket). Behind a reverse proxy that sets or appends the header,
 * the last hop is the one the proxy added; earlier hops are whatever the client claimed. A client
 * talking to Next directly can forge it, which only weakens the per-address limit: the
 * per-account limit still holds.
 */
export function clientIp(forwardedFor: string | null): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  return hops.at(-1) ?? "unknown";
}
