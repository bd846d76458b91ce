import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { databaseUrl } from "@/lib/db/client";
import { env } from "@/lib/env";

export type Attempt = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface LoginLimiter {
  /**
   * Counts one sign-in attempt for the account from this address, and for the address; refuses
   * once either is over its limit.
   */
  consume(email: string, ip: string): Promise<Attempt>;
  /** After a successful sign-in: the account starts afresh there and the address gets its attempt back. */
  succeeded(email: string, ip: string): Promise<void>;
}

export interface LoginLimits {
  /** Attempts on one account from one address. */
  maxPerAccount: number;
  maxPerIp: number;
  windowMinutes: number;
}

// Counter keys are hashes: the table never holds an e-mail address or an IP address.
const keyOf = (value: string) => createHash("sha256").update(value).digest("base64url");
const pairKey = (email: string, ip: string) => keyOf(`${email}\n${ip}`);

/**
 * Sign-in limits in the "RateLimit" table (created by migration 20261128120000_auth), so every
 * instance behind a load balancer shares the same counters.
 *
 * The field's practice (OWASP's authentication cheat sheet; rate-limiter-flexible's "login
 * endpoint protection"): an account is limited per client address, never as a whole, so wrong
 * passwords sent from elsewhere cannot lock its owner out; each address is limited across all
 * accounts, which bounds password spraying; the password hash (argon2id) makes every guess dear.
 * A guesser with many addresses gets `maxPerAccount` tries per address and window, a trade every
 * site without a lockout makes; the addresses themselves come from lib/http/forwarded.ts, so a
 * client cannot make new ones up.
 */
export function createLoginLimiter(pool: pg.Pool, limits: LoginLimits): LoginLimiter {
  const common = { storeClient: pool, storeType: "pool", tableName: "RateLimit", tableCreated: true };
  const duration = limits.windowMinutes * 60;
  const perAccount = new RateLimiterPostgres({
    ...common,
    keyPrefix: "login-account-address",
    points: limits.maxPerAccount,
    duration,
  });
  const perIp = new RateLimiterPostgres({ ...common, keyPrefix: "login-ip", points: limits.maxPerIp, duration });

  return {
    async consume(email, ip) {
      const results = await Promise.allSettled([perAccount.consume(pairKey(email, ip)), perIp.consume(keyOf(ip))]);
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
      await Promise.all([perAccount.delete(pairKey(email, ip)), perIp.reward(keyOf(ip), 1)]);
    },
  };
}

export interface RegisterLimiter {
  /** Counts one new account from the address; refuses once it is over its limit. */
  consume(ip: string): Promise<Attempt>;
}

/** Counts attempts per key (hashed) in the shared table; refuses a key once it is over `points` in the window. */
function createKeyLimiter(pool: pg.Pool, opts: { keyPrefix: string; points: number; windowMinutes: number }) {
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "RateLimit",
    tableCreated: true,
    keyPrefix: opts.keyPrefix,
    points: opts.points,
    duration: opts.windowMinutes * 60,
  });
  return {
    async consume(key: string): Promise<Attempt> {
      try {
        await limiter.consume(keyOf(key));
        return { allowed: true };
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        return { allowed: false, retryAfterMs: error.msBeforeNext };
      }
    },
  };
}

/** New accounts per client address and window, in the same shared table as the sign-in limits. */
export function createRegisterLimiter(pool: pg.Pool, limits: { maxPerIp: number; windowMinutes: number }) {
  return createKeyLimiter(pool, {
    keyPrefix: "register-ip",
    points: limits.maxPerIp,
    windowMinutes: limits.windowMinutes,
  }) satisfies RegisterLimiter;
}

export interface ResetLimiter {
  /** Counts one reset request from the address for the e-mail address; refuses when either is over its limit. */
  consume(email: string, ip: string): Promise<Attempt>;
}

/**
 * Password reset requests per client address and per e-mail address: a script can neither mail
 * one person a hundred links nor try a thousand addresses from one place.
 */
export function createResetLimiter(
  pool: pg.Pool,
  limits: { maxPerIp: number; maxPerEmail: number; windowMinutes: number },
): ResetLimiter {
  const perIp = createKeyLimiter(pool, {
    keyPrefix: "reset-ip",
    points: limits.maxPerIp,
    windowMinutes: limits.windowMinutes,
  });
  const perEmail = createKeyLimiter(pool, {
    keyPrefix: "reset-email",
    points: limits.maxPerEmail,
    windowMinutes: limits.windowMinutes,
  });
  return {
    async consume(email, ip) {
      const results = await Promise.all([perIp.consume(ip), perEmail.consume(email)]);
      const refused = results.filter((r) => !r.allowed);
      return refused.length === 0
        ? { allowed: true }
        : { allowed: false, retryAfterMs: Math.max(...refused.map((r) => r.retryAfterMs)) };
    },
  };
}

const globalForLimiter = globalThis as unknown as {
  shuhaiLoginLimiter?: LoginLimiter;
  shuhaiRegisterLimiter?: RegisterLimiter;
  shuhaiResetLimiter?: ResetLimiter;
  shuhaiLimiterPool?: pg.Pool;
};

function limiterPool(): pg.Pool {
  globalForLimiter.shuhaiLimiterPool ??= new pg.Pool({
    connectionString: databaseUrl(),
    max: 2,
    application_name: "shuhai-rate-limit",
  });
  return globalForLimiter.shuhaiLimiterPool;
}

/** The process's limiter of new accounts. */
export function registerLimiter(): RegisterLimiter {
  globalForLimiter.shuhaiRegisterLimiter ??= createRegisterLimiter(limiterPool(), {
    maxPerIp: env.REGISTER_MAX_PER_IP,
    windowMinutes: 60,
  });
  return globalForLimiter.shuhaiRegisterLimiter;
}

/** The process's limiter of password reset requests. */
export function resetLimiter(): ResetLimiter {
  globalForLimiter.shuhaiResetLimiter ??= createResetLimiter(limiterPool(), {
    maxPerIp: env.PASSWORD_RESET_MAX_PER_IP,
    maxPerEmail: env.PASSWORD_RESET_MAX_PER_EMAIL,
    windowMinutes: 60,
  });
  return globalForLimiter.shuhaiResetLimiter;
}

/** The process's limiter, on a small pool of its own beside Prisma's. */
export function loginLimiter(): LoginLimiter {
  globalForLimiter.shuhaiLoginLimiter ??= createLoginLimiter(limiterPool(), {
    maxPerAccount: env.LOGIN_MAX_PER_ACCOUNT,
    maxPerIp: env.LOGIN_MAX_PER_IP,
    windowMinutes: env.LOGIN_WINDOW_MINUTES,
  });
  return globalForLimiter.shuhaiLoginLimiter;
}

/**
 * The client address a limit is keyed on: the last X-Forwarded-For hop. The site's server sets
 * the header to the socket's address unless the request comes from a trusted proxy
 * (lib/http/forwarded.ts), which sets or appends it: the last hop is the one it added, earlier
 * hops are whatever the client claimed.
 */
export function clientIp(forwardedFor: string | null): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  return hops.at(-1) ?? "unknown";
}
