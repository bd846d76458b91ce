import type { IncomingMessage, ServerResponse } from "node:http";
import { clientIp } from "@/lib/auth/rate-limit";
import { decodeSessionToken, SESSION_COOKIE } from "@/lib/auth/session-token";
import { getT } from "@/lib/i18n/messages";

// Every write the site takes (server actions, and POST/PUT/PATCH/DELETE to its routes: view
// beacons, reading progress, shelf, imports, publishing) counts against the client's address and,
// when it carries a valid session, against its account, each at most `maxPerWindow` a window.
// Over either, the site's server answers 429 with Retry-After before Next sees the request.
//
// Counted in this process's memory, not in PostgreSQL: the check runs on every write, and a
// database round trip (plus a row lock on a hot key) per write would cost more than most writes
// themselves; sign-in and registration, where a shared count matters, keep their PostgreSQL
// limits (lib/auth/rate-limit.ts). Each instance behind a load balancer counts on its own, so a
// client spread over n instances gets up to n times the limit: a bound on floods, not a quota.

export type WriteLimits = {
  maxPerWindow: number;
  windowMs: number;
  /** Bound of the counters kept; past it the oldest windows are forgotten first. */
  maxKeys: number;
};

export type WriteCheck = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface WriteCounter {
  /** Counts one write for every key; refused when any of them is over its limit (nothing is counted then). */
  take(keys: readonly string[], now: number): WriteCheck;
}

/**
 * Fixed windows per key, opened by a key's first write. Every window lasts equally long, so the
 * Map's insertion order (a key is inserted again when its window opens anew) is expiry order:
 * expired and, when full, oldest counters go from its front, one step per counter.
 */
export function createWriteCounter({ maxPerWindow, windowMs, maxKeys }: WriteLimits): WriteCounter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  function current(key: string, now: number) {
    const window = windows.get(key);
    return window && window.endsAt > now ? window : undefined;
  }
  function prune(now: number) {
    for (const [key, window] of windows) {
      if (window.endsAt > now && windows.size <= maxKeys) break;
      windows.delete(key);
    }
  }
  return {
    take(keys, now) {
      let retryAfterMs = 0;
      for (const key of keys) {
        const window = current(key, now);
        if (window && window.count >= maxPerWindow) retryAfterMs = Math.max(retryAfterMs, window.endsAt - now);
      }
      if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
      for (const key of keys) {
        const window = current(key, now);
        if (window) window.count++;
        else {
          windows.delete(key);
          windows.set(key, { count: 1, endsAt: now + windowMs });
        }
      }
      prune(now);
      return { allowed: true };
    },
  };
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The cookie's value in a Cookie header, or undefined. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Who a write counts against: its address (settled by lib/http/forwarded.ts) and its account, if signed in. */
async function writeKeys(req: IncomingMessage): Promise<string[]> {
  const forwarded = req.headers["x-forwarded-for"];
  const address = clientIp(typeof forwarded === "string" ? forwarded : null);
  const keys = [`address:${address === "unknown" ? (req.socket.remoteAddress ?? "unknown") : address}`];
  // A token that does not decrypt (forged, expired) counts for nothing: the address still does.
  const claims = await decodeSessionToken(cookieValue(req.headers.cookie, SESSION_COOKIE));
  if (claims) keys.push(`account:${claims.userId}`);
  return keys;
}

function refuse(req: IncomingMessage, res: ServerResponse, retryAfterMs: number): void {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const message = getT()("errors.tooManyWrites", { seconds });
  const api = (req.url ?? "").startsWith("/api/");
  res.writeHead(429, {
    "Content-Type": api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
    "Retry-After": String(seconds),
    "Cache-Control": "private, no-store",
    // The request's body is left unread: the connection is not reused for another request.
    Connection: "close",
  });
  res.end(api ? JSON.stringify({ error: message }) : `${message}\n`);
}

export type WriteGuard = {
  /** Hands reads straight to `next`; a write goes on only while its address and account are under their limits. */
  pass(req: IncomingMessage, res: ServerResponse, next: (req: IncomingMessage, res: ServerResponse) => unknown): void;
};

export function createWriteGuard(limits: { maxPerMinute: number; maxKeys?: number }): WriteGuard {
  const counter = createWriteCounter({
    maxPerWindow: limits.maxPerMinute,
    windowMs: 60_000,
    maxKeys: limits.maxKeys ?? 100_000,
  });
  return {
    pass(req, res, next) {
      if (!WRITE_METHODS.has(req.method ?? "")) {
        void next(req, res);
        return;
      }
      void writeKeys(req).then((keys) => {
        const check = counter.take(keys, Date.now());
        if (check.allowed) void next(req, res);
        else refuse(req, res, check.retryAfterMs);
      });
    },
  };
}
