import { expect, test, type Page } from "@playwright/test";
import { DEMO, submitSignIn } from "./support/accounts";
import { popularBookId, tocChapterPaths } from "./support/catalog";

// Home, a book and its contents reach a browser without React (lib/server/lean-document.ts): none
// of Next's scripts loads, the page's policy allows only the site's files and the one inline
// script left, and what the React islands did there the reading pages' script does: the account
// links, 加入书架, 继续阅读, the search suggestions, signing out. A reader arriving through the
// client-side router from a React page gets React's page, with the same buttons.

const header = (page: Page) => page.locator(".site-header");

/** Scripts the page asked for, and errors it logged, from now on. */
function watch(page: Page): { scripts: string[]; errors: string[] } {
  const seen = { scripts: [] as string[], errors: [] as string[] };
  page.on("request", (r) => {
    if (r.resourceType() === "script") seen.scripts.push(new URL(r.url()).pathname);
  });
  page.on("console", (m) => {
    if (m.type() === "error") seen.errors.push(m.text());
  });
  page.on("pageerror", (e) => seen.errors.push(e.message));
  return seen;
}

test("home, a book and its contents load none of Next's scripts and keep what their islands did", async ({
  page,
  request,
}) => {
  const bookId = await popularBookId(request);
  const seen = watch(page);
  for (const path of ["/", `/book/${bookId}`, `/book/${bookId}/toc`]) {
    seen.scripts.length = 0;
    const response = await page.goto(path);
    expect(response?.headers()["content-security-policy"], path).toMatch(
      /(^|; )script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'(;|$)/,
    );
    await expect(header(page).getByRole("link", { name: /^(登录|Sign in)$/ })).toBeVisible();
    expect(
      seen.scripts.filter((s) => s.startsWith("/_next/")),
      path,
    ).toEqual([]);
    expect(
      seen.scripts.some((s) => s.startsWith("/_shuhai/reader.")),
      path,
    ).toBe(true);
  }

  // Signed out, 加入书架 keeps the book in this browser, across visits.
  await page.goto(`/book/${bookId}`);
  const shelf = page.getByTestId("shelf-button");
  await expect(shelf).toHaveText(/^(加入书架|Add to shelf)$/);
  await shelf.click();
  await expect(shelf).toHaveText(/^(已在书架|On your shelf)$/);
  await page.reload();
  await expect(page.getByTestId("shelf-button")).toHaveText(/^(已在书架|On your shelf)$/);

  // From a React page of the same book (another root layout is a full load in Next), the
  // client-side router brings React's book page: the same state, and no reader script.
  await page.goto(`/book/${bookId}/reviews`);
  await expect(
    page.getByTestId("notice-bell").or(header(page).getByRole("link", { name: /^(登录|Sign in)$/ })),
  ).toBeVisible();
  seen.scripts.length = 0;
  await page.locator(`main a[href="/book/${bookId}"]`).first().click();
  await expect(page).toHaveURL(`/book/${bookId}`);
  await expect(page.getByTestId("shelf-button")).toHaveText(/^(已在书架|On your shelf)$/);
  expect(seen.scripts.filter((s) => s.startsWith("/_shuhai/"))).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test("the header's suggestions work by keyboard on a book page, in the variant the reader is in", async ({
  page,
  request,
}) => {
  const bookId = await popularBookId(request);
  await page.goto(`/zh-hant/book/${bookId}`);
  const box = page.getByRole("combobox").first();
  await box.click();
  // Asked for in the page's script, so the titles come in 繁體 like the page.
  const asked = page.waitForRequest(
    (r) => r.url().includes("/api/search/suggest?") && r.url().endsWith("&script=hant"),
  );
  await box.pressSequentially("星", { delay: 50 });
  await asked;
  const options = page.getByRole("listbox").getByRole("option");
  await expect(options.first()).toBeVisible();
  await expect(page.getByRole("search").first().getByRole("status")).not.toBeEmpty();
  await box.press("ArrowDown");
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await options.nth(0).getAttribute("id")) ?? "");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/zh-hant\/book\/\d+$/);
});

test("signed in on a page without React: 继续阅读 from another browser, the account's links and shelf, then signing out", async ({
  page,
  browser,
  request,
}) => {
  test.slow();
  const bookId = await popularBookId(request);
  const chapters = await tocChapterPaths(request, bookId);
  const chapterPath = chapters[Math.min(2, chapters.length - 1)]!;

  // Read on one browser, signed in: the position reaches the account.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await submitSignIn(other, DEMO.author, DEMO.password);
  await expect(other).not.toHaveURL(/\/login/);
  const synced = other.waitForResponse((r) => r.url().endsWith("/api/progress") && r.request().method() === "POST");
  await other.goto(chapterPath);
  expect((await synced).ok()).toBe(true);
  await elsewhere.close();

  // Signing in on this one, back to the book page: its 继续阅读 follows, without a reload.
  await page.goto(`/login?next=${encodeURIComponent(`/book/${bookId}`)}`);
  await page.getByLabel(/^(邮箱|Email)$/).fill(DEMO.author);
  await page.getByLabel(/^(密码|Password)$/).fill(DEMO.password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await expect(page).toHaveURL(`/book/${bookId}`);
  await expect(page.getByTestId("continue-reading")).toHaveAttribute("href", chapterPath);
  await expect(header(page).getByRole("link", { name: /^(写作|Write)$/ })).toBeVisible();
  await expect(header(page).getByTestId("notice-bell")).toBeVisible();

  // The account's shelf, on the server: the button's state survives another browser's copy.
  const shelf = page.getByTestId("shelf-button");
  await expect(shelf).toBeEnabled();
  const before = await shelf.textContent();
  await shelf.click();
  await expect(shelf).not.toHaveText(before!);
  await expect(shelf).toBeEnabled();
  await page.reload();
  await expect(page.getByTestId("shelf-button")).not.toHaveText(before!);
  // Back as it was, for the other tests that use the demo author.
  await page.getByTestId("shelf-button").click();
  await expect(page.getByTestId("shelf-button")).toHaveText(before!);

  await header(page)
    .getByRole("button", { name: /^(退出登录|Sign out)$/ })
    .click();
  await expect(page).toHaveURL(/\/$/);
  await expect(header(page).getByRole("link", { name: /^(登录|Sign in)$/ })).toBeVisible();
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session?.user).toBeUndefined();
});
