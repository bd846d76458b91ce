// Publish → visible: how long after an author presses 立即发布 a logged-out reader gets the new
// chapter. Against a running site (`npm start`; BASE_URL, default http://localhost:3000) with the
// demo catalog: signs in as the demo author in Chromium, writes a chapter in one of their books and
// publishes it, while a cookie-less HTTP client polls the book's public table of contents (which
// was cached before the publish) until the chapter's title is in it. Reports, per run, the action's
// round trip and the time until the public page shows the chapter, both from the click.
//
//   DEMO_PASSWORD=<the demo password> npx tsx scripts/bench-publish.ts [runs=5]
// (the password the seed printed, or the one it was given in DEMO_PASSWORD).
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const BASE = (process.env.BASE_URL ?? "http://localhost:3000").replace(/\/$/, "");
const RUNS = Number(process.argv[2] ?? 5);
const EMAIL = process.env.BENCH_EMAIL ?? "author@shuhai.local";
const PASSWORD = process.env.BENCH_PASSWORD ?? process.env.DEMO_PASSWORD;
if (!PASSWORD) {
  console.error("bench:publish signs in as the demo author: set DEMO_PASSWORD to the password the seed printed");
  process.exit(2);
}
const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find((p) => p && existsSync(p));

async function publicToc(bookId: number): Promise<string> {
  const response = await fetch(`${BASE}/book/${bookId}/toc`, { headers: { "accept-encoding": "identity" } });
  if (!response.ok) throw new Error(`GET /book/${bookId}/toc answered ${response.status}`);
  return response.text();
}

const browser = await chromium.launch({ executablePath });
try {
  const page = await browser.newPage({ baseURL: BASE });
  await page.goto("/login");
  await page.getByLabel(/^(邮箱|Email)$/).fill(EMAIL);
  await page.getByLabel(/^(密码|Password)$/).fill(PASSWORD);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));

  await page.goto("/dashboard");
  const hrefs = await page.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const bookId = Number(hrefs.map((h) => /^\/dashboard\/books\/(\d+)$/.exec(h)?.[1]).find(Boolean));
  if (!bookId) throw new Error(`${EMAIL} has no book on the dashboard`);

  const rows: { action: number; visible: number }[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const title = `基准测试章节 ${Date.now().toString(36)}`;
    await publicToc(bookId); // warm: the public page is cached before the publish
    await page.goto(`/dashboard/books/${bookId}/chapters/new`);
    await page.getByLabel(/^(章节标题|Chapter title)$/).fill(title);
    await page.getByLabel(/^(正文|Text)$/).fill("这是一段用来测量发布速度的正文。\n第二段。");

    const clicked = performance.now();
    let visibleAt = 0;
    const poll = (async () => {
      while (!visibleAt && performance.now() - clicked < 30_000) {
        if ((await publicToc(bookId)).includes(title)) visibleAt = performance.now();
      }
    })();
    await page.getByRole("button", { name: /^(立即发布|Publish now)$/ }).click();
    await page.waitForURL(/\/dashboard\/chapters\/\d+/);
    const actionDone = performance.now();
    await poll;
    if (!visibleAt) throw new Error(`run ${run}: the chapter was not public after 30 s`);
    rows.push({ action: actionDone - clicked, visible: visibleAt - clicked });
    console.log(
      `run ${run}: action round trip ${(actionDone - clicked).toFixed(0)} ms, public ${(visibleAt - clicked).toFixed(0)} ms after the click`,
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `median of ${RUNS}: action ${median(rows.map((r) => r.action)).toFixed(0)} ms, ` +
      `visible to a logged-out reader ${median(rows.map((r) => r.visible)).toFixed(0)} ms after the click`,
  );
} finally {
  await browser.close();
}
