import { beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { addPublishedChapters, createBook, createUser, createVolume } from "@/lib/test/fixtures";
import { mulberry32 } from "@/prisma/seed/prng";
import * as admin from "./admin";
import * as auth from "./auth";
import * as authoring from "./authoring";
import * as covers from "./covers";
import { initialFormState } from "./form-state";
import * as imports from "./import";
import * as reviews from "./reviews";
import * as shelf from "./shelf";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

// Every server action of the site, posted junk by every kind of visitor: random field names
// (prototype keys among them), the site's real field names with wrong types, NUL, lone
// surrogates, out-of-range numbers, huge values and files where text belongs. An action may
// refuse, redirect or answer 404; it may never throw anything else, which Next would turn into
// a 500. The PRNG is seeded (FUZZ_SEED to replay a failure); every module with "use server" is
// enumerated, so a new action is fuzzed without touching this file.

const request = setUpActionRequests();
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 25);

const MODULES = { admin, auth, authoring, covers, imports, reviews, shelf } as Record<string, Record<string, unknown>>;
const ACTIONS = Object.entries(MODULES).flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, (...args: unknown[]) => Promise<unknown>] => typeof entry[1] === "function")
    .map(([name, fn]) => ({ name: `${module}.${name}`, fn })),
);

// The names the site's forms post, and names no form posts.
const FIELD_NAMES = [
  "bookId", "intent", "title", "categoryId", "volumeId", "step", "userId", "status", "q", "name",
  "chapterId", "bookIds", "action", "publishAt", "preface", "password", "next", "nameEn", "language",
  "kind", "email", "direction", "body", "uploadId", "to", "text", "tagIds", "slug", "role", "reason",
  "position", "passwordConfirm", "order", "newPasswordConfirm", "newPassword", "intro", "file",
  "encoding", "customPattern", "currentPassword", "cover", "confirmKey", "chapterIds", "authorNote",
  "requestId", "day", "hour", "minute", "month", "year", "second", "reviewId", "overall", "story",
  "constructor", "toString", "__proto__", "prototype", "hasOwnProperty", "valueOf", "$ACTION_ID_x",
  "", " ", "名字", "a.b", "a[b]", "0",
]; // prettier-ignore

type Ids = { book: number; chapter: number; volume: number; user: number };

function junkValues(ids: Ids): (string | File)[] {
  return [
    "", " ", "\u0000", "a\u0000b", "\ud800", "\u202e\u200b", "ㅤ", "0", "-1", "1.5", "1e309", "NaN",
    "Infinity", "2147483648", "99999999999999999999", "0x10", "true", "null", "[]", "{}",
    '{"__proto__":{"x":1}}', "<script>alert(1)</script>", "../../etc/passwd", "x".repeat(70_000),
    "字".repeat(300_000), "2026-13-45T25:61", "ADMIN", "PUBLISHED", "up", "down",
    String(ids.book), String(ids.chapter), String(ids.volume), String(ids.user),
    new File(["not an image"], "a.png", { type: "image/png" }),
    new File([new Uint8Array(3 * 1024 * 1024)], "zeros.txt", { type: "text/plain" }),
    new File(["\u0000\u0001"], "", { type: "" }),
  ]; // prettier-ignore
}

function junkForm(random: () => number, ids: Ids): FormData {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const values = junkValues(ids);
  const form = new FormData();
  const fields = 1 + Math.floor(random() * 8);
  for (let i = 0; i < fields; i++) {
    const name = random() < 0.15 ? random().toString(36).slice(2) : pick(FIELD_NAMES);
    const value = pick(values);
    if (value instanceof File) form.append(name, value);
    else form.append(name, value);
  }
  return form;
}

/** Next turns redirect() and notFound() into these; anything else thrown is a 500. */
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && /^(NEXT_REDIRECT|NEXT_HTTP_ERROR_FALLBACK;404)/.test(digest);
}

async function post(fn: (...args: unknown[]) => Promise<unknown>, form: FormData): Promise<unknown> {
  // (prev, formData) for useActionState actions, (formData) for plain form actions, () for buttons.
  if (fn.length >= 2) return fn(initialFormState, form);
  if (fn.length === 1) return fn(form);
  return fn();
}

describe("every server action, fuzzed", () => {
  const visitors: Record<"signed out" | "reader" | "author" | "admin", User | null> = {
    "signed out": null,
    reader: null,
    author: null,
    admin: null,
  };
  let ids: Ids;

  beforeAll(async () => {
    const author = await createUser(request.db, { role: "AUTHOR" });
    const book = await createBook(request.db, { authorId: author.id });
    const volume = await createVolume(request.db, book.id, "第一卷");
    const [chapter] = await addPublishedChapters(request.db, book.id, 2);
    visitors.reader = await createUser(request.db, { role: "READER" });
    visitors.author = author;
    visitors.admin = await createUser(request.db, { role: "ADMIN" });
    ids = { book: book.id, chapter: chapter!.id, volume: volume.id, user: author.id };
  });

  it("knows the site's actions", () => {
    expect(ACTIONS.map((a) => a.name)).toEqual(
      expect.arrayContaining(["authoring.createChapterAction", "admin.setUserRoleAction", "auth.registerAction"]),
    );
  });

  for (const visitor of ["signed out", "reader", "author", "admin"] as const) {
    it(`never throws for a visitor who is ${visitor}`, { timeout: 240_000 }, async () => {
      const random = mulberry32(SEED + visitor.length);
      const failures: string[] = [];
      for (const { name, fn } of ACTIONS) {
        for (let round = 0; round < ROUNDS; round++) {
          const user = visitors[visitor];
          if (user) await request.signInAs(user);
          else request.signOut();
          const form = junkForm(random, ids);
          try {
            await post(fn, form);
          } catch (error) {
            if (isNextControlFlow(error)) continue;
            const fields = [...form.keys()].join(",");
            failures.push(
              `${name} [${fields}]: ${error instanceof Error ? error.message.slice(0, 160) : String(error)}`,
            );
          }
        }
      }
      expect(failures, `FUZZ_SEED=${SEED}`).toEqual([]);
    });
  }
});
