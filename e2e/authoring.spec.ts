import { expect, test, type Page } from "@playwright/test";
import { unique, submitRegistration } from "./support/accounts";

// An author's story: a new reader registers, opens the dashboard, creates a book, writes a
// chapter and publishes it; a logged-out reader in another browser sees the book and the
// chapter at once; the book's stats page draws its charts as SVG with the numbers in a table.

async function register(page: Page, email: string, name: string) {
  await submitRegistration(page, email, name);
  await expect(page).toHaveURL(/\/$/);
}

/** Messages of the browser about scripts or styles the page's Content-Security-Policy refused. */
function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) found.push(m.text());
  });
  return found;
}

/** "YYYY-MM-DDTHH:mm" of `at` as a wall-clock time in `timeZone` (a datetime-local value). */
function localInput(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

test("write and publish a chapter; a logged-out reader sees it at once", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const violations = cspViolations(page);
  const suffix = unique();
  const bookTitle = `测试之书 ${suffix}`;
  const chapterTitle = `第一章 启程 ${suffix}`;
  const sentence = `晨光照进书房，她写下了第一行字 ${suffix}。`;

  await register(page, `author-${suffix}@example.com`, "新作者");

  const dashboard = await page.goto("/dashboard");
  expect(dashboard?.headers()["content-security-policy"]).toMatch(/script-src[^;]*'nonce-[^']+'/);
  await expect(page.getByRole("heading", { level: 1, name: /^(作者后台|Author dashboard)$/ })).toBeVisible();

  await page.getByRole("link", { name: /^(新建作品|New book)$/ }).click();
  await page.getByLabel(/^(书名|Title)$/).fill(bookTitle);
  await page.getByLabel(/^(简介|Introduction)$/).fill("一本端到端测试写成的书。");
  await page.getByLabel(/^(分类|Category)$/).selectOption({ index: 1 });
  await page.getByRole("button", { name: /^(创建作品|Create book)$/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/books\/\d+$/);
  const bookId = Number(/\/dashboard\/books\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByRole("heading", { level: 1, name: bookTitle })).toBeVisible();

  await page
    .getByRole("link", { name: /^(新建章节|New chapter)$/ })
    .first()
    .click();
  await page.getByLabel(/^(章节标题|Chapter title)$/).fill(chapterTitle);
  await page.getByLabel(/^(正文|Text)$/).fill(`${sentence}\n第二段在这里。`);
  // The live count is a client island: it runs under the dashboard's nonce policy.
  await expect(page.locator(".chapter-editor-count")).toHaveText(/^[1-9]\d* ?(字|words)/);
  await page.getByRole("button", { name: /^(立即发布|Publish now)$/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/chapters\/\d+/);
  const chapterId = Number(/\/dashboard\/chapters\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByText(/^(已发布|Published)/)).toBeVisible();

  // A separate, logged-out browser: the public pages show the new chapter on the next request.
  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  const bookPage = await readerPage.goto(`/book/${bookId}`);
  expect(bookPage?.status()).toBe(200);
  await expect(readerPage.getByRole("heading", { level: 1, name: bookTitle })).toBeVisible();
  await expect(readerPage.getByRole("link", { name: chapterTitle }).first()).toBeVisible();
  const chapterPage = await readerPage.goto(`/book/${bookId}/${chapterId}`);
  expect(chapterPage?.status()).toBe(200);
  await expect(readerPage.getByRole("heading", { name: chapterTitle })).toBeVisible();
  await expect(readerPage.getByText(sentence)).toBeVisible();
  await reader.close();

  // The book's stats: three SVG charts with a title each, and the numbers as a table.
  await page.goto(`/dashboard/books/${bookId}/stats`);
  const charts = page.locator("svg.stats-chart[role=img]");
  await expect(charts).toHaveCount(3);
  await expect(charts.first().locator("title")).toHaveText(/每日阅读量|Views per day/);
  await expect(page.getByRole("table")).toBeVisible();
  expect(await page.getByRole("table").locator("tbody tr").count()).toBe(30);
  expect(violations).toEqual([]);
});

test("a scheduled chapter goes public at its time without a manual step, and the book's followers are told", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const suffix = unique();
  const chapterTitle = `定时章节 ${suffix}`;
  await register(page, `scheduler-${suffix}@example.com`, "定时作者");
  await page.goto("/dashboard/books/new");
  await page.getByLabel(/^(书名|Title)$/).fill(`定时之书 ${suffix}`);
  await page.getByLabel(/^(分类|Category)$/).selectOption({ index: 1 });
  await page.getByRole("button", { name: /^(创建作品|Create book)$/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/books\/\d+$/);
  const bookId = Number(/\/dashboard\/books\/(\d+)/.exec(page.url())![1]);

  // A first chapter now, so that the book is public and a reader can follow it.
  await page.goto(`/dashboard/books/${bookId}/chapters/new`);
  await page.getByLabel(/^(章节标题|Chapter title)$/).fill(`第一章 ${suffix}`);
  await page.getByLabel(/^(正文|Text)$/).fill("已经发布的第一章。");
  await page.getByRole("button", { name: /^(立即发布|Publish now)$/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/chapters\/\d+/);

  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  await submitRegistration(readerPage, `follower-${suffix}@example.com`, "追更读者");
  await expect(readerPage).toHaveURL(/\/$/);
  await readerPage.goto(`/book/${bookId}`);
  await readerPage.getByTestId("shelf-button").click();
  await expect(readerPage.getByTestId("shelf-button")).toHaveText(/^(已在书架|On your shelf)$/);
  const bell = readerPage.getByTestId("notice-bell");
  await expect(bell).toHaveAccessibleName(/^(更新提醒|Updates)$/);

  await page.goto(`/dashboard/books/${bookId}/chapters/new`);
  await page.getByLabel(/^(章节标题|Chapter title)$/).fill(chapterTitle);
  await page.getByLabel(/^(正文|Text)$/).fill("到点自动发布的一章。");
  // The hint names the site time zone the date field is read in.
  const hint = await page.locator("#field-publishAt-hint").textContent();
  const timeZone = /[（(]([A-Za-z_]+\/[A-Za-z_]+|UTC)[）)]/.exec(hint ?? "")![1]!;
  // The first whole minute at least 15 s ahead: the field has minute precision, and a time already
  // past when a loaded machine submits the form (a second or two from now) is refused ("choose a
  // future time").
  const publishAt = new Date(Math.ceil((Date.now() + 15_000) / 60_000) * 60_000);
  await page.getByLabel(/^(发布时间|Publish at)$/).fill(localInput(publishAt, timeZone));
  await page.getByRole("button", { name: /^(定时发布|Schedule)$/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/chapters\/\d+/);
  await expect(page.locator(".dashboard-links")).toHaveText(/^(定时|Scheduled)/);

  // Public at its time, for everyone; the follower's bell lights up on their next page.
  await expect(async () => {
    await readerPage.goto(`/book/${bookId}`);
    await expect(readerPage.getByRole("link", { name: chapterTitle }).first()).toBeVisible({ timeout: 1000 });
    await expect(bell).toHaveAccessibleName(/^(更新提醒：1 条未读|Updates: 1 unread)$/, { timeout: 1000 });
  }).toPass({ timeout: 180_000, intervals: [5_000] });
  await expect(bell).toHaveText("1");

  await bell.click();
  await expect(readerPage).toHaveURL(/\/notices$/);
  const notice = readerPage.getByTestId("notices").getByRole("listitem");
  await expect(notice).toContainText(/未读|Unread/);
  await notice.getByRole("link", { name: new RegExp(chapterTitle) }).click();
  await expect(readerPage.getByRole("heading", { level: 1, name: new RegExp(chapterTitle) })).toBeVisible();
  // The reading page (the site's own server, not a Next page) has the bell too.
  await expect(bell).toBeVisible();
  // Reading the announced chapter reads the notice (the position reaches the account).
  await expect(async () => {
    await readerPage.goto("/shelf");
    await expect(bell).toHaveAccessibleName(/^(更新提醒|Updates)$/, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await reader.close();
});

test("the dashboard needs a signed-in user; public pages keep their static policy", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  const home = await page.goto("/");
  expect(home?.headers()["content-security-policy"] ?? "").not.toMatch(/nonce-/);
});
