import http from "node:http";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { freePort } from "@/lib/test/redis-server";
import { NGINX_BINARY, NGINX_MISSING, startNginx, type Nginx } from "../scripts/lib/nginx";
import { submitRegistration, unique } from "./support/accounts";
import { popularBookId, tocChapterPaths } from "./support/catalog";

// The shipped nginx configuration (deploy/nginx) in front of the suite's production server, as an
// operator runs it: public pages come from its one-second micro-cache, an author's publish shows
// through it within two seconds, signed-in pages and the API are never stored, and an RSC request
// never gets the HTML of the same URL (nor the other way round).

if (!NGINX_BINARY && process.env.CI) throw new Error(NGINX_MISSING);

const APP_PORT = Number(process.env.E2E_PORT ?? 3100);
let nginx: Nginx | undefined;
let proxy: string;

test.describe.configure({ mode: "serial" });
test.skip(!NGINX_BINARY, NGINX_MISSING);

test.beforeAll(async () => {
  nginx = await startNginx({ upstreamPort: APP_PORT, port: await freePort() });
  proxy = nginx.url;
});

test.afterAll(async () => {
  await nginx?.stop();
});

/**
 * A request through the proxy with exactly these headers (no cookie jar: Playwright's request
 * context would keep a session cookie an earlier response set, and send it on).
 */
async function get(_request: APIRequestContext, pathname: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${proxy}${pathname}`, { headers, redirect: "manual" });
  return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
}

test("public pages come from the micro-cache: the second request within a second is a hit", async ({ request }) => {
  const bookId = await popularBookId(request);
  const [chapter] = await tocChapterPaths(request, bookId);
  for (const pathname of ["/", `/book/${bookId}`, `/book/${bookId}/toc`, chapter!]) {
    const first = await get(request, pathname);
    expect(first.status, pathname).toBe(200);
    expect(["MISS", "EXPIRED", "STALE", "UPDATING", "HIT"], pathname).toContain(first.headers["x-cache"]);
    const second = await get(request, pathname);
    expect(second.headers["x-cache"], pathname).toBe("HIT");
    expect(second.text, pathname).toBe(first.text);
  }
  // The reading page's stylesheet and script: kept for good, under names that change with them.
  const css = /href="(\/_shuhai\/[^"]+\.css)"/.exec((await get(request, chapter!)).text)![1]!;
  await get(request, css);
  const asset = await get(request, css);
  expect(asset.headers["x-cache"]).toBe("HIT");
  expect(asset.headers["cache-control"]).toContain("immutable");
});

test("a reading page's public comment reads are micro-cached too; a comment's write is not", async ({ request }) => {
  const bookId = await popularBookId(request);
  const [chapter] = await tocChapterPaths(request, bookId);
  const chapterId = /\/book\/\d+\/(\d+)/.exec(chapter!)![1];
  for (const pathname of [
    `/api/chapters/${chapterId}/comment-counts`,
    `/api/chapters/${chapterId}/comments?paragraph=0`,
  ]) {
    const first = await get(request, pathname);
    expect(first.status, pathname).toBe(200);
    const second = await get(request, pathname);
    expect(second.headers["x-cache"], pathname).toBe("HIT");
  }
  // A post (signed out here: refused by the app, not by a cache) goes through every time.
  for (let i = 0; i < 2; i++) {
    const post = await fetch(`${proxy}/api/chapters/${chapterId}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: proxy },
      body: JSON.stringify({ body: "hi" }),
    });
    expect(post.status).toBe(401);
    expect(post.headers.get("x-cache")).not.toBe("HIT");
  }
});

/** Next answers an RSC request without the `_rsc` hash of its headers with a redirect that adds it. */
async function rscPath(request: APIRequestContext, pathname: string, headers: Record<string, string>) {
  const redirect = await get(request, pathname, headers);
  expect(redirect.status).toBe(307);
  return redirect.headers.location!;
}

test("an RSC request never gets the page's HTML, and a browser never gets its RSC payload", async ({ request }) => {
  const bookId = await popularBookId(request);
  const pathname = `/book/${bookId}?proxy-rsc=${unique()}`;
  const html = await get(request, pathname);
  expect(html.headers["content-type"]).toContain("text/html");
  expect((await get(request, pathname)).headers["x-cache"]).toBe("HIT");

  // A prefetch of the page's tree (cacheable): stored beside the HTML, not instead of it.
  const prefetchHeaders = { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" };
  const prefetchPath = await rscPath(request, pathname, prefetchHeaders);
  const prefetch = await get(request, prefetchPath, prefetchHeaders);
  expect(prefetch.headers["content-type"]).toContain("text/x-component");
  const prefetchAgain = await get(request, prefetchPath, prefetchHeaders);
  expect(prefetchAgain.headers["x-cache"]).toBe("HIT");
  expect(prefetchAgain.text).toBe(prefetch.text);
  // The same URL opened in a browser tab: HTML, not the stored payload.
  const tab = await get(request, prefetchPath);
  expect(tab.headers["content-type"]).toContain("text/html");

  // A navigation's payload depends on where the reader comes from: the app marks it private,
  // and nginx never stores it.
  const navigationPath = await rscPath(request, pathname, { rsc: "1" });
  for (let i = 0; i < 2; i++) {
    const navigation = await get(request, navigationPath, { rsc: "1" });
    expect(navigation.headers["content-type"]).toContain("text/x-component");
    expect(navigation.headers["x-cache"]).toBe("MISS");
  }

  const htmlAgain = await get(request, pathname);
  expect(htmlAgain.headers["content-type"]).toContain("text/html");
  expect(htmlAgain.text).toBe(html.text);
});

/** A new author, registered and signed in through the proxy, with a book of one published chapter. */
async function authorWithBook(
  browser: Browser,
): Promise<{ page: Page; bookId: number; firstChapter: string; cookie: string }> {
  const page = await (await browser.newContext({ baseURL: proxy })).newPage();
  const suffix = unique();
  await submitRegistration(page, `proxy-${suffix}@example.com`, `代理作者${suffix.slice(-4)}`);
  await expect(page).toHaveURL(`${proxy}/`);
  await page.goto("/dashboard/books/new");
  await page.getByLabel(/^(书名|Title)$/).fill(`代理之书 ${suffix}`);
  await page.getByLabel(/^(分类|Category)$/).selectOption({ index: 1 });
  await page.getByRole("button", { name: /^(创建作品|Create book)$/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/books\/\d+$/);
  const bookId = Number(/\/dashboard\/books\/(\d+)/.exec(page.url())![1]);
  const firstChapter = await publish(page, bookId, `第一章 ${suffix}`);
  const cookie = (await page.context().cookies(proxy)).map((c) => `${c.name}=${c.value}`).join("; ");
  return { page, bookId, firstChapter, cookie };
}

/** Publishes a chapter from the dashboard; its public path. */
async function publish(page: Page, bookId: number, title: string): Promise<string> {
  await page.goto(`/dashboard/books/${bookId}/chapters/new`);
  await page.getByLabel(/^(章节标题|Chapter title)$/).fill(title);
  await page.getByLabel(/^(正文|Text)$/).fill(`${title}的正文。`);
  await page.getByRole("button", { name: /^(立即发布|Publish now)$/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/chapters\/\d+/, { timeout: 30_000 });
  return `/book/${bookId}/${/\/dashboard\/chapters\/(\d+)/.exec(page.url())![1]}`;
}

test("signed-in pages and the API are never stored; a page asked for with a session is served, not stored", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { bookId, cookie } = await authorWithBook(browser);
  for (const pathname of ["/dashboard", `/dashboard/books/${bookId}`, "/api/auth/session", "/account"]) {
    for (let i = 0; i < 2; i++) {
      const res = await get(request, pathname, { cookie });
      expect(res.status, pathname).toBe(200);
      expect(res.headers["x-cache"], pathname).toBe("BYPASS");
    }
  }
  // A public page nobody asked for yet, first with the session: both answers come from the app.
  const pathname = `/book/${bookId}?proxy-session=${unique()}`;
  expect((await get(request, pathname, { cookie })).headers["x-cache"]).toBe("MISS");
  expect((await get(request, pathname, { cookie })).headers["x-cache"]).toBe("MISS");
  // Without it, the answer is stored and served.
  expect((await get(request, pathname)).headers["x-cache"]).toBe("MISS");
  expect((await get(request, pathname)).headers["x-cache"]).toBe("HIT");
});

test("an author's publish reaches a logged-out reader through the proxy within two seconds", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { page, bookId, firstChapter } = await authorWithBook(browser);
  // The reader has the first chapter (the last one, so far) and the table of contents cached.
  const before = await get(request, firstChapter);
  expect(before.text).not.toContain('rel="next"');
  await get(request, `/book/${bookId}/toc`);
  expect((await get(request, firstChapter)).headers["x-cache"]).toBe("HIT");

  const title = `第二章 ${unique()}`;
  const second = await publish(page, bookId, title);
  const published = Date.now();
  const seen = { next: 0, toc: 0 };
  while ((!seen.next || !seen.toc) && Date.now() - published < 5_000) {
    const at = Date.now() - published;
    if (!seen.next && (await get(request, firstChapter)).text.includes(`<a rel="next" href="${second}">`))
      seen.next = at;
    if (!seen.toc && (await get(request, `/book/${bookId}/toc`)).text.includes(title)) seen.toc = at;
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`publish seen through the proxy after ${JSON.stringify(seen)} ms`);
  expect(seen.next, "the previous chapter links the new one").toBeGreaterThan(0);
  expect(seen.toc, "the table of contents lists it").toBeGreaterThan(0);
  expect(Math.max(seen.next, seen.toc)).toBeLessThanOrEqual(2_000);

  // nginx forgets a page nobody asked for in two seconds: a reader coming back later never gets
  // an old copy served while it is fetched again, but the new page at once.
  expect((await get(request, second)).text).not.toContain('rel="next"');
  await new Promise((r) => setTimeout(r, 3_000));
  const third = await publish(page, bookId, `第三章 ${unique()}`);
  expect((await get(request, second)).text).toContain(`<a rel="next" href="${third}">`);
});

/** A GET through the proxy from another loopback address: another client, as nginx sees it. */
function getFrom(localAddress: string, pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${proxy}${pathname}`, { localAddress, agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      })
      .on("error", reject);
  });
}

test("an abusive client is slowed down with 429s; another client is not", async ({ request }) => {
  const bookId = await popularBookId(request);
  // Two clients as nginx sees them (127.0.0.1, this machine itself, is never limited).
  const statuses = await Promise.all(
    Array.from({ length: 100 }, (_, i) => getFrom("127.0.0.2", `/book/${bookId}?flood=${i}`)),
  );
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(30);
  expect(await getFrom("127.0.0.3", `/book/${bookId}`)).toBe(200);
  // A moment later the first client is served again.
  await new Promise((r) => setTimeout(r, 1_500));
  expect(await getFrom("127.0.0.2", `/book/${bookId}`)).toBe(200);
});

test("a request over the upload limit is refused by nginx in the app's words, before any of it is sent on", async () => {
  // Only the headers are sent: nginx answers from the declared length.
  const answer = await new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    const req = http.request(`${proxy}/dashboard/import`, {
      method: "POST",
      agent: false,
      headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": "60000000" },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, type: String(res.headers["content-type"]), text }));
    });
    req.on("error", reject);
    req.flushHeaders();
  });
  expect(answer.status).toBe(413);
  expect(answer.type).toBe("text/plain");
  // The sentence lib/uploads/too-large.ts writes, so the upload form shows its own size message.
  expect(answer.text).toBe("413 Payload Too Large: the request is 60000000 bytes; the limit here is 53477376 bytes.\n");
});
