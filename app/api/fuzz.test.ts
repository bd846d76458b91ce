import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as coverSvg from "@/app/(book)/book/[id]/cover.svg/route";
import * as bookFeed from "@/app/(book)/book/[id]/feed.xml/route";
import * as covers from "@/app/covers/[bookId]/[version]/[file]/route";
import * as siteFeed from "@/app/feed.xml/route";
import * as sitemapIndex from "@/app/sitemap.xml/route";
import * as sitemaps from "@/app/sitemaps/[file]/route";
import type { User } from "@/lib/generated/prisma/client";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { addPublishedChapters, createBook, createUser } from "@/lib/test/fixtures";
import { SITE_ORIGIN } from "@/lib/test/route-request";
import { mulberry32 } from "@/prisma/seed/prng";
import * as cron from "./cron/publish-due/route";
import * as live from "./health/live/route";
import * as myBlocks from "./me/blocks/route";
import * as myBlock from "./me/blocks/[userId]/route";
import * as myMute from "./me/mutes/[bookId]/route";
import * as importProgress from "./import/[id]/progress/route";
import * as bookmarks from "./bookmarks/route";
import * as bookmarksMerge from "./bookmarks/merge/route";
import * as progressMerge from "./progress/merge/route";
import * as progress from "./progress/route";
import * as reviewHelpful from "./reviews/[id]/helpful/route";
import * as reviewReport from "./reviews/[id]/report/route";
import * as suggest from "./search/suggest/route";
import * as shelf from "./shelf/route";
import * as shelfMerge from "./shelf/merge/route";
import * as shelfStatus from "./shelf/status/route";
import * as views from "./views/route";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

// Every route handler, sent junk: path parameters and query strings that are not ids, bodies
// that are not JSON or JSON of the wrong shape, NUL and lone surrogates, huge values, a missing
// or foreign Origin, by a signed-out and a signed-in visitor. Each answer must be a 4xx (or a
// 2xx/3xx where the junk happens to be harmless), never a 5xx and never a throw. Seeded
// (FUZZ_SEED); the readiness check is left out (its 503 is its job), and so is next-auth's
// handler, which reads Next's request scope itself: e2e/fuzz.spec.ts sends it junk through the
// real server, with the server actions.

const request = setUpActionRequests();
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 25);

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => unknown;
type Route = { path: string; params: string[]; module: Record<string, unknown> };

const ROUTES: Route[] = [
  { path: "/book/[id]/cover.svg", params: ["id"], module: coverSvg },
  { path: "/book/[id]/feed.xml", params: ["id"], module: bookFeed },
  { path: "/covers/[bookId]/[version]/[file]", params: ["bookId", "version", "file"], module: covers },
  { path: "/feed.xml", params: [], module: siteFeed },
  { path: "/sitemap.xml", params: [], module: sitemapIndex },
  { path: "/sitemaps/[file]", params: ["file"], module: sitemaps },
  { path: "/api/cron/publish-due", params: [], module: cron },
  { path: "/api/health/live", params: [], module: live },
  { path: "/api/import/[id]/progress", params: ["id"], module: importProgress },
  { path: "/api/me/blocks", params: [], module: myBlocks },
  { path: "/api/me/blocks/[userId]", params: ["userId"], module: myBlock },
  { path: "/api/me/mutes/[bookId]", params: ["bookId"], module: myMute },
  { path: "/api/progress/merge", params: [], module: progressMerge },
  { path: "/api/bookmarks", params: [], module: bookmarks },
  { path: "/api/bookmarks/merge", params: [], module: bookmarksMerge },
  { path: "/api/progress", params: [], module: progress },
  { path: "/api/search/suggest", params: [], module: suggest },
  { path: "/api/shelf", params: [], module: shelf },
  { path: "/api/shelf/status", params: [], module: shelfStatus },
  { path: "/api/shelf/merge", params: [], module: shelfMerge },
  { path: "/api/views", params: [], module: views },
  { path: "/api/reviews/[id]/helpful", params: ["id"], module: reviewHelpful },
  { path: "/api/reviews/[id]/report", params: ["id"], module: reviewReport },
];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const SEGMENTS = [
  "0", "-1", "1", "2147483648", "1e3", "abc", "%00", "%E4%B9%A6", "..", "x".repeat(3000), "1.svg",
  "chapters-1.xml", "books.xml", "w320.webp", "signin", "session", "callback", "csrf", "signout",
]; // prettier-ignore
const QUERY_KEYS = [
  "q",
  "id",
  "bookId",
  "chapterId",
  "page",
  "limit",
  "callbackUrl",
  "__proto__",
  "constructor",
  "next",
];
const QUERY_VALUES = ["", "\u0000", "%ZZ", "-1", "99999999999", "剑神", "x".repeat(5000), "https://evil.example/"];

function bodyOf(random: () => number, ids: { book: number; chapter: number }): string | undefined {
  const bodies: (string | undefined)[] = [
    undefined,
    "",
    "not json",
    "{",
    "null",
    "[]",
    "123",
    '"text"',
    '{"__proto__":{"admin":true}}',
    JSON.stringify({ bookId: "1; DROP TABLE", chapterId: null }),
    JSON.stringify({ bookId: ids.book, chapterId: ids.chapter, page: -5 }),
    JSON.stringify({ bookId: 2 ** 31, chapterId: 1.5, page: "x" }),
    JSON.stringify({ bookId: ids.book, entries: Array.from({ length: 2000 }, () => ({ bookId: ids.book })) }),
    JSON.stringify({ entries: [{ bookId: "\u0000", chapterId: {}, page: [] }] }),
    JSON.stringify({ q: "x".repeat(100_000) }),
    "\ud800\udc00\ud800",
    "a=1&b=2",
  ];
  return bodies[Math.floor(random() * bodies.length)];
}

function junkRequest(random: () => number, route: Route, method: string, ids: { book: number; chapter: number }) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const params: Record<string, string | string[]> = {};
  let path = route.path;
  for (const name of route.params) {
    const value = random() < 0.3 ? String(ids.book) : pick(SEGMENTS);
    params[name] = value;
    path = path.replace(/\[[a-zA-Z]+\]/, value);
  }
  const url = new URL(path, SITE_ORIGIN);
  for (let i = Math.floor(random() * 3); i > 0; i--) url.searchParams.append(pick(QUERY_KEYS), pick(QUERY_VALUES));
  const body = method === "GET" ? undefined : bodyOf(random, ids);
  const headers: Record<string, string> = { host: url.host };
  const origin = pick([SITE_ORIGIN, SITE_ORIGIN, "https://evil.example", "null", ""]);
  if (origin) headers.origin = origin;
  if (body !== undefined) {
    headers["content-type"] = pick(["application/json", "text/plain", "application/x-www-form-urlencoded"]);
  }
  const req = new NextRequest(url, { method, headers, body });
  return {
    req,
    params,
    label: `${method} ${`${url.pathname}${url.search}`.slice(0, 100)} ${String(body).slice(0, 60)}`,
  };
}

function isNotFound(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404");
}

describe("every route handler, fuzzed", () => {
  const visitors: Record<"signed out" | "reader", User | null> = { "signed out": null, reader: null };
  let ids: { book: number; chapter: number };

  beforeAll(async () => {
    const book = await createBook(request.db);
    const [chapter] = await addPublishedChapters(request.db, book.id, 2);
    ids = { book: book.id, chapter: chapter!.id };
    visitors.reader = await createUser(request.db, { role: "READER" });
  });

  for (const visitor of ["signed out", "reader"] as const) {
    it(`never answers 5xx to a visitor who is ${visitor}`, { timeout: 240_000 }, async () => {
      const random = mulberry32(SEED + visitor.length);
      const failures: string[] = [];
      let answered = 0;
      for (const route of ROUTES) {
        const methods = METHODS.filter((m) => typeof route.module[m] === "function");
        expect(methods.length, route.path).toBeGreaterThan(0);
        for (let round = 0; round < ROUNDS; round++) {
          const user = visitors[visitor];
          if (user) await request.signInAs(user);
          else request.signOut();
          const method = methods[round % methods.length]!;
          const { req, params, label } = junkRequest(random, route, method, ids);
          try {
            const response = (await (route.module[method] as Handler)(req, { params: Promise.resolve(params) })) as
              Response | undefined;
            answered++;
            if (!response || response.status >= 500) failures.push(`${label}: ${response?.status ?? "no response"}`);
          } catch (error) {
            if (isNotFound(error)) continue;
            failures.push(`${label}: threw ${error instanceof Error ? error.message.slice(0, 160) : String(error)}`);
          }
        }
      }
      expect(answered).toBeGreaterThan(ROUTES.length * ROUNDS * 0.5);
      expect(failures, `FUZZ_SEED=${SEED}`).toEqual([]);
    });
  }
});
