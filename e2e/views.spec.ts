import { expect, test, type Page } from "@playwright/test";
import { DEMO, submitSignIn } from "./support/accounts";

// A reader opens a chapter of the demo author's book; a few seconds later (views are written in
// batches every ~5 s) the author's stats show one more read today, and the reader reloading the
// chapter and paging on does not add another. The reader comes from an address of their own
// (X-Forwarded-For, as a reverse proxy would send it): the whole suite's browsers share 127.0.0.1,
// whose reads are capped and deduplicated together.

const FLUSH_WAIT_MS = 6_000;
const address = () => `198.51.100.${1 + Math.floor(Math.random() * 254)}`;

/** Today's reads on the book's stats page (the table's last row is today, in the site's time zone). */
async function viewsToday(page: Page, bookId: string): Promise<number> {
  await page.goto(`/dashboard/books/${bookId}/stats`);
  const today = page
    .getByRole("table", { name: /^(每日数据|The numbers by day)$/ })
    .locator("tbody tr")
    .last();
  return Number(await today.getByRole("cell").first().textContent());
}

/** One of the demo author's public books (published chapters, not hidden), from the dashboard. */
async function publicBookOfTheAuthor(page: Page): Promise<string> {
  await page.goto("/dashboard");
  for (const row of await page.locator(".dashboard-table tbody tr").all()) {
    const chapters = Number(await row.getByRole("cell").first().textContent());
    if (chapters === 0 || (await row.locator(".badge").count()) > 0) continue;
    return /(\d+)$/.exec((await row.getByRole("rowheader").getByRole("link").getAttribute("href")) ?? "")?.[1] ?? "";
  }
  return "";
}

/** Today's reads once reads of other stories still being written have landed: the number holds still. */
async function steadyViewsToday(page: Page, bookId: string): Promise<number> {
  let before = await viewsToday(page, bookId);
  for (;;) {
    await page.waitForTimeout(FLUSH_WAIT_MS);
    const now = await viewsToday(page, bookId);
    if (now === before) return now;
    before = now;
  }
}

test("a chapter read in a browser shows as one more read today on the author's stats", async ({ page, browser }) => {
  test.slow();
  await submitSignIn(page, DEMO.author, DEMO.password);
  await expect(page).not.toHaveURL(/\/login/);

  const bookId = await publicBookOfTheAuthor(page);
  expect(bookId, "a public book of the demo author").not.toBe("");
  const before = await steadyViewsToday(page, bookId);

  const readerContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address() } });
  const reader = await readerContext.newPage();
  await reader.goto(`/book/${bookId}/toc`);
  const chapterPath = (await reader.locator(".toc-volume a").first().getAttribute("href"))!;
  const beacon = reader.waitForRequest((r) => r.url().endsWith("/api/views") && r.method() === "POST");
  await reader.goto(chapterPath);
  // navigator.sendBeacon's body is a Blob, which Playwright does not show: the count below tells.
  await beacon;

  await expect.poll(() => viewsToday(page, bookId), { timeout: 15_000, intervals: [1_000] }).toBe(before + 1);

  // The same reader reloading the chapter is the same read.
  const again = reader.waitForRequest((r) => r.url().endsWith("/api/views"));
  await reader.reload();
  await again;
  await page.waitForTimeout(FLUSH_WAIT_MS);
  expect(await viewsToday(page, bookId)).toBe(before + 1);
  await readerContext.close();
});

test("150 beacons from one address for a book's chapters count each chapter once at most", async ({ page }) => {
  test.slow();
  await submitSignIn(page, DEMO.author, DEMO.password);
  await expect(page).not.toHaveURL(/\/login/);
  const bookId = await publicBookOfTheAuthor(page);
  expect(bookId, "a public book of the demo author").not.toBe("");
  await page.goto(`/book/${bookId}/toc`);
  const chapterIds = (
    await page.locator(".toc-volume a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))
  )
    .map((href) => Number(/\/(\d+)$/.exec(href ?? "")?.[1]))
    .filter((id) => id > 0)
    .slice(0, 3);
  expect(chapterIds.length).toBeGreaterThan(0);
  const before = await steadyViewsToday(page, bookId);

  // A script replaying the beacon, as a browser on this site would send it, from one address.
  const from = { "x-forwarded-for": address(), origin: new URL(page.url()).origin, "content-type": "text/plain" };
  for (let i = 0; i < 150; i++) {
    const chapterId = chapterIds[i % chapterIds.length]!;
    const answer = await page.request.post("/api/views", {
      headers: from,
      data: JSON.stringify({ bookId: Number(bookId), chapterId }),
    });
    expect(answer.status()).toBe(204);
  }

  await expect
    .poll(() => viewsToday(page, bookId), { timeout: 15_000, intervals: [1_000] })
    .toBe(before + chapterIds.length);
  await page.waitForTimeout(FLUSH_WAIT_MS);
  expect(await viewsToday(page, bookId)).toBe(before + chapterIds.length);
});
