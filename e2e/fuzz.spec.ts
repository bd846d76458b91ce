import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { mulberry32 } from "../prisma/seed/prng";
import { DEMO, submitSignIn } from "./support/accounts";
import { popularBookId } from "./support/catalog";

// Junk sent through the real server, where Next parses it before our code does: every server
// action the pages offer (found in their forms, as a browser would), called the way React calls
// it but with junk fields (prototype keys, NUL, lone surrogates, huge and out-of-range values,
// files where text belongs), plus unknown action ids and no-JavaScript posts with broken action
// fields; and next-auth's routes, which only run inside a Next request. Nothing may answer 5xx.
// Seeded: FUZZ_SEED replays a failure.

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 6);

const FIELD_NAMES = [
  "bookId", "chapterId", "volumeId", "userId", "title", "body", "intro", "name", "email", "password",
  "passwordConfirm", "categoryId", "tagIds", "status", "publishAt", "role", "text", "slug", "position",
  "direction", "intent", "step", "reason", "kind", "order", "uploadId", "encoding", "requestId",
  "constructor", "toString", "__proto__", "hasOwnProperty", "", "名字",
]; // prettier-ignore
const VALUES = [
  "", "\u0000", "\ud800", "\u202e", "ㅤ", "-1", "0", "1.5", "2147483648", "1e309", "NaN", "[]", "{}",
  '{"__proto__":{"x":1}}', "<script>alert(1)</script>", "x".repeat(20_000), "字".repeat(100_000), "ADMIN",
]; // prettier-ignore

type Multipart = Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;

/** The action ids a page's forms carry (useActionState forms and plain form actions). */
async function actionIdsOf(request: APIRequestContext, path: string): Promise<string[]> {
  const html = await (await request.get(path)).text();
  const ids = [
    ...html.matchAll(/&quot;id&quot;:&quot;([0-9a-f]{40,})&quot;/g),
    ...html.matchAll(/\$ACTION_ID_([0-9a-f]{40,})/g),
  ].map((m) => m[1]!);
  return [...new Set(ids)];
}

function junkFields(random: () => number): Multipart {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  // React's reply encoding of (previousState, formData): argument 0 is the state, the FormData's
  // entries travel as "1_<name>" and "$K1" refers to them.
  const body: Multipart = { "0": JSON.stringify([{ status: "idle" }, "$K1"]) };
  for (let i = 1 + Math.floor(random() * 6); i > 0; i--) {
    const name = `1_${pick(FIELD_NAMES)}`;
    body[name] =
      random() < 0.1 ? { name: "x.png", mimeType: "image/png", buffer: Buffer.from("not an image") } : pick(VALUES);
  }
  return body;
}

function expectNo5xx(response: APIResponse, what: string) {
  expect(response.status(), what).toBeLessThan(500);
}

test("server actions and next-auth answer junk with 4xx or a form error, never 5xx", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const origin = baseURL!;
  const random = mulberry32(SEED);
  const bookId = await popularBookId(page.request);

  // Signed out: the account forms.
  const pages = ["/login", "/register", `/book/${bookId}`];
  const signedOut = new Map<string, string[]>();
  for (const path of pages) signedOut.set(path, await actionIdsOf(page.request, path));
  expect([...signedOut.values()].flat().length).toBeGreaterThan(0);

  // Signed in as the demo admin, then as the demo author: the admin and dashboard forms.
  const signedIn = new Map<string, string[]>();
  await submitSignIn(page, DEMO.admin, DEMO.password);
  await expect(page).not.toHaveURL(/\/login/);
  for (const path of [
    "/account",
    "/admin",
    "/admin/users",
    "/admin/categories",
    "/admin/books",
    "/admin/featured",
    "/admin/notice",
  ]) {
    signedIn.set(path, await actionIdsOf(page.request, path));
  }
  await page.context().clearCookies();
  await submitSignIn(page, DEMO.author, DEMO.password);
  await expect(page).not.toHaveURL(/\/login/);
  const dashboard = await (await page.request.get("/dashboard")).text();
  const book = /\/dashboard\/books\/(\d+)/.exec(dashboard)?.[1];
  expect(book).toBeTruthy();
  const bookPage = await (await page.request.get(`/dashboard/books/${book}`)).text();
  const chapter = /\/dashboard\/chapters\/(\d+)/.exec(bookPage)?.[1];
  expect(chapter).toBeTruthy();
  for (const path of [
    "/dashboard",
    "/dashboard/books/new",
    "/dashboard/import",
    `/dashboard/books/${book}`,
    `/dashboard/books/${book}/chapters/new`,
    `/dashboard/chapters/${chapter}`,
  ]) {
    signedIn.set(path, await actionIdsOf(page.request, path));
  }
  expect([...signedIn.values()].flat().length).toBeGreaterThan(10);

  const failures: string[] = [];
  for (const [path, ids] of [...signedOut, ...signedIn]) {
    for (const id of ids) {
      for (let round = 0; round < ROUNDS; round++) {
        const multipart = junkFields(random);
        const response = await page.request.post(path, {
          headers: { "Next-Action": id, Origin: origin, Accept: "text/x-component" },
          multipart,
          maxRedirects: 0,
        });
        if (response.status() >= 500)
          failures.push(`${path} ${id.slice(0, 8)} [${Object.keys(multipart)}]: ${response.status()}`);
      }
    }
  }

  // Unknown action ids, and no-JavaScript posts whose action fields are broken.
  expectNo5xx(
    await page.request.post("/login", {
      headers: { "Next-Action": "00".repeat(21), Origin: origin },
      data: Buffer.from("[]"),
    }),
    "unknown action id",
  );
  expectNo5xx(
    await page.request.post("/login", {
      headers: { Origin: origin },
      multipart: { $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"zzz","bound":"$@1"}', "$ACTION_1:1": "[junk" },
    }),
    "no-JS post with a broken action reference",
  );

  // next-auth's own routes: junk paths, bodies and content types.
  for (const path of ["/api/auth/%00", "/api/auth/zzz", "/api/auth/session", "/api/auth/csrf", "/api/auth/providers"]) {
    expectNo5xx(await page.request.get(path, { maxRedirects: 0 }), `GET ${path}`);
  }
  for (const path of [
    "/api/auth/callback/credentials",
    "/api/auth/signin/credentials",
    "/api/auth/signout",
    "/api/auth/session",
    "/api/auth/zzz",
  ]) {
    for (const [type, data] of [
      ["application/json", "{"],
      ["application/json", '{"__proto__":{"admin":true}}'],
      ["application/x-www-form-urlencoded", "csrfToken=%00&email=\u0000&password=" + "x".repeat(5000)],
      ["text/plain", "\u0000\u0001"],
    ] as const) {
      // A Buffer goes as these exact bytes (a string would be sent JSON-encoded).
      const response = await page.request.post(path, {
        headers: { Origin: origin, "Content-Type": type },
        data: Buffer.from(data),
        maxRedirects: 0,
      });
      if (response.status() >= 500) failures.push(`POST ${path} (${type}) ${data.slice(0, 30)}: ${response.status()}`);
    }
  }
  expect(failures, `FUZZ_SEED=${SEED}`).toEqual([]);
});
