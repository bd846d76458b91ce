import pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createLoginLimiter, createRegisterLimiter, createResetLimiter, type LoginLimits } from "@/lib/auth/rate-limit";
import { encodeSessionToken, SESSION_COOKIE } from "@/lib/auth/session-token";
import type { Db } from "@/lib/db/client";
import type { User } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "./database";

// Server actions called directly from Vitest, as a browser's POST would call them: against a
// real migrated PostgreSQL, with a real encrypted session cookie read by the real
// getCurrentUser (token decoding, disabled and sessionVersion checks), and the real data layer.
// Only what a Next request supplies is stood in for: the request's cookies and headers
// (next/headers), the cache invalidation calls (next/cache, recorded so tests can assert which
// tags an action expires), and the process's Prisma client (@/lib/db, pointed at the test
// database). Use, at the top of a test file (vi.mock calls are hoisted, so they must be there):
//
//   vi.mock("next/headers", () => import("@/lib/test/action-harness"));
//   vi.mock("next/cache", () => import("@/lib/test/action-harness"));
//   vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
//   const request = setUpActionRequests();            // a database for the file, a fresh request per test
//
//   const author = await createUser(request.db, { role: "AUTHOR" });
//   await request.signInAs(author);
//   const state = await createBookAction(initialFormState, formOf({ title: "…" }));
//   expect(await redirectOf(updateBookAction(initialFormState, formOf({ … })))).toBe("/login?next=…");
//   expect(request.updatedTags).toContain("book:1");
//
// Next's own checks in front of an action (same-origin POST, the action id, the body size
// limit) are not exercised here; they are Next's, and e2e tests go through them.

// ---- next/headers ---------------------------------------------------------------------------

interface StoredCookie {
  name: string;
  value: string;
}

const jar = new Map<string, StoredCookie>();
let requestHeaders = new Headers();

const cookieStore = {
  get: (name: string | StoredCookie) => jar.get(typeof name === "string" ? name : name.name),
  getAll: (name?: string) => [...jar.values()].filter((c) => name === undefined || c.name === name),
  has: (name: string) => jar.has(name),
  set(nameOrCookie: string | StoredCookie, value?: string) {
    const cookie = typeof nameOrCookie === "string" ? { name: nameOrCookie, value: value ?? "" } : nameOrCookie;
    jar.set(cookie.name, { name: cookie.name, value: cookie.value });
    return cookieStore;
  },
  delete(name: string | { name: string }) {
    jar.delete(typeof name === "string" ? name : name.name);
    return cookieStore;
  },
  get size() {
    return jar.size;
  },
  toString: () => [...jar.values()].map((c) => `${c.name}=${c.value}`).join("; "),
};

export async function cookies() {
  return cookieStore;
}

export async function headers() {
  return requestHeaders;
}

export async function draftMode() {
  return { isEnabled: false, enable() {}, disable() {} };
}

// ---- next/cache -----------------------------------------------------------------------------

const updated: string[] = [];
const revalidated: string[] = [];
const revalidatedPaths: string[] = [];
let refreshes = 0;

export function updateTag(tag: string): void {
  updated.push(tag);
}

export function revalidateTag(tag: string): void {
  revalidated.push(tag);
}

export function revalidatePath(path: string): void {
  revalidatedPaths.push(path);
}

export function refresh(): void {
  refreshes++;
}

// Inside 'use cache' functions; outside a Next build they are plain no-ops.
export function cacheTag(): void {}
export function cacheLife(): void {}
export function unstable_noStore(): void {}

// ---- @/lib/db -------------------------------------------------------------------------------

let current: TestDatabase | null = null;

function currentDb(): Db {
  if (!current) throw new Error("action-harness: call setUpActionRequests() in the test file first");
  return current.db;
}

/** The Prisma client of the test file's database, as `import { db } from "@/lib/db"` sees it. */
export const db: Db = new Proxy({} as Db, {
  get(_, property) {
    const target = currentDb();
    const value = Reflect.get(target, property, target) as unknown;
    return typeof value === "function" ? value.bind(target) : value;
  },
});

// ---- the request ----------------------------------------------------------------------------

const LIMITS: LoginLimits = { maxPerAccount: 5, maxPerIp: 50, windowMinutes: 15 };

export interface ActionRequest {
  /** The test file's database (the same one the actions write to). */
  readonly db: Db;
  readonly url: string;
  /** Sends the next calls with a valid session cookie for `user` at its current sessionVersion. */
  signInAs(user: Pick<User, "id" | "email" | "name" | "role" | "sessionVersion">): Promise<void>;
  /** Sends the next calls without a session cookie. */
  signOut(): void;
  /** The session cookie as the browser now holds it (set or cleared by the action). */
  sessionCookie(): string | undefined;
  setCookie(name: string, value: string): void;
  setHeader(name: string, value: string): void;
  deleteHeader(name: string): void;
  /** Tags expired with updateTag since the test began, in call order. */
  readonly updatedTags: readonly string[];
  readonly revalidatedTags: readonly string[];
  readonly revalidatedPaths: readonly string[];
  /** How many times the action asked the client router to refresh. */
  readonly refreshes: number;
}

/**
 * Creates the file's database (beforeAll), drops it (afterAll), and starts every test as a new
 * signed-out request from 203.0.113.7 with nothing revalidated yet.
 */
export function setUpActionRequests(): ActionRequest {
  let pool: pg.Pool | null = null;
  beforeAll(async () => {
    current = await createTestDatabase();
    // Sign-in, registration and reset limits live in the test database too (the process-wide limiters
    // would use DATABASE_URL); a file registers many accounts from its one address.
    pool = new pg.Pool({ connectionString: current.url, max: 2 });
    Object.assign(globalThis, {
      shuhaiLoginLimiter: createLoginLimiter(pool, LIMITS),
      shuhaiRegisterLimiter: createRegisterLimiter(pool, { maxPerIp: 1000, windowMinutes: 60 }),
      // The site's default per address (3 an hour); many per client address, as a file is one.
      shuhaiResetLimiter: createResetLimiter(pool, { maxPerIp: 1000, maxPerEmail: 3, windowMinutes: 60 }),
    });
  });
  afterAll(async () => {
    Object.assign(globalThis, {
      shuhaiLoginLimiter: undefined,
      shuhaiRegisterLimiter: undefined,
      shuhaiResetLimiter: undefined,
    });
    await pool?.end();
    await current?.drop();
    current = null;
  });
  beforeEach(() => {
    jar.clear();
    requestHeaders = new Headers({ host: "localhost:3000", "x-forwarded-for": "203.0.113.7" });
    updated.length = 0;
    revalidated.length = 0;
    revalidatedPaths.length = 0;
    refreshes = 0;
  });

  return {
    get db() {
      return currentDb();
    },
    get url() {
      if (!current) throw new Error("action-harness: the database is created in beforeAll");
      return current.url;
    },
    async signInAs(user) {
      jar.set(SESSION_COOKIE, { name: SESSION_COOKIE, value: await encodeSessionToken(user) });
    },
    signOut() {
      jar.delete(SESSION_COOKIE);
    },
    sessionCookie: () => jar.get(SESSION_COOKIE)?.value,
    setCookie(name, value) {
      jar.set(name, { name, value });
    },
    setHeader(name, value) {
      requestHeaders.set(name, value);
    },
    deleteHeader(name) {
      requestHeaders.delete(name);
    },
    updatedTags: updated,
    revalidatedTags: revalidated,
    revalidatedPaths,
    get refreshes() {
      return refreshes;
    },
  };
}

// ---- inputs and outcomes --------------------------------------------------------------------

/** A FormData as a browser would post it: strings, repeated fields as arrays, files. */
export function formOf(fields: Record<string, string | number | File | readonly (string | number)[]>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof File) form.append(key, value);
    else if (Array.isArray(value)) for (const v of value) form.append(key, String(v));
    else form.append(key, String(value));
  }
  return form;
}

function digestOf(error: unknown): string | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" ? digest : null;
}

/** Where the action redirected to (Next's redirect() throws); fails when it returned or threw otherwise. */
export async function redirectOf(outcome: Promise<unknown>): Promise<string> {
  let value: unknown;
  try {
    value = await outcome;
  } catch (error) {
    const digest = digestOf(error);
    if (digest?.startsWith("NEXT_REDIRECT;")) return digest.split(";").slice(2, -2).join(";");
    throw error;
  }
  throw new Error(`expected a redirect, the action returned ${JSON.stringify(value)}`);
}

/** True when the action answered 404 (Next's notFound() throws). */
export async function isNotFound(outcome: Promise<unknown>): Promise<boolean> {
  try {
    await outcome;
    return false;
  } catch (error) {
    if (digestOf(error) === "NEXT_HTTP_ERROR_FALLBACK;404") return true;
    throw error;
  }
}
