import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { unique, submitSignIn, submitRegistration } from "./support/accounts";

// A reader's shelf story: register, put a book on the shelf from its page, read into a chapter's
// second sub-page, and find the shelf pointing there; then sign in on a fresh browser and the
// book page offers to continue from the same sub-page.

async function html(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), `GET ${path}`).toBe(200);
  return response.text();
}

/** A book the home page links to, and its first chapter split into 2+ sub-pages. */
async function bookWithLongChapter(request: APIRequestContext): Promise<{ bookId: number; chapterPath: string }> {
  const home = await html(request, "/");
  const ids = [...new Set([...home.matchAll(/href="\/book\/(\d+)"/g)].map((m) => Number(m[1])))];
  for (const bookId of ids.slice(0, 5)) {
    const toc = await html(request, `/book/${bookId}/toc`);
    const paths = [...new Set([...toc.matchAll(new RegExp(`href="(/book/${bookId}/\\d+)"`, "g"))].map((m) => m[1]!))];
    for (const path of paths.slice(0, 10)) {
      const title = /<h1 id="chapter-title">([^<]*)<\/h1>/.exec(await html(request, path))?.[1] ?? "";
      if (/（1\/\d+）$/.test(title)) return { bookId, chapterPath: path };
    }
  }
  throw new Error("no book with a multi-page chapter on the home page");
}

async function register(page: Page, email: string, name: string) {
  await submitRegistration(page, email, name);
}

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
}

test("shelve a book, read on, see the position on the shelf and on another browser", async ({ browser, request }) => {
  test.slow();
  const { bookId, chapterPath } = await bookWithLongChapter(request);
  const email = `shelf-${unique()}@example.com`;

  const first = await browser.newContext();
  const page = await first.newPage();
  await register(page, email, "书架读者");
  await expect(page.locator(".site-header").getByRole("link", { name: "书架", exact: true })).toBeVisible();

  await page.goto(`/book/${bookId}`);
  const shelfButton = page.getByTestId("shelf-button");
  await expect(shelfButton).toHaveText("加入书架");
  await shelfButton.click();
  await expect(shelfButton).toHaveText("已在书架");

  await page.goto(chapterPath);
  await expect(page.getByTestId("shelf-button")).toHaveText("已在书架");
  // The position of the second sub-page reaches the account (debounced, after the first one's).
  const saved = page.waitForResponse(
    (r) => r.url().endsWith("/api/progress") && r.ok() && (r.request().postData() ?? "").includes('"page":2'),
  );
  await page.getByRole("link", { name: "本章未完，点击下一页继续阅读" }).click();
  await expect(page).toHaveURL(`${chapterPath}/2`);
  const heading = page.getByRole("heading", { level: 1, name: /（2\/\d+）$/ });
  const chapterName = ((await heading.textContent()) ?? "").replace(/（\d+\/\d+）$/, "");
  await saved;

  await page.goto("/shelf");
  const item = page.getByTestId("shelf-item").filter({ has: page.locator(`a[href="/book/${bookId}"]`) });
  await expect(item).toContainText(`读到：${chapterName}（第2页）`);
  await expect(item.getByRole("link", { name: "继续阅读" })).toHaveAttribute("href", `${chapterPath}/2`);
  await first.close();

  // A fresh browser knows nothing until the reader signs in.
  const second = await browser.newContext();
  const other = await second.newPage();
  await other.goto(`/book/${bookId}`);
  await expect(other.getByTestId("continue-reading")).toHaveCount(0);
  await signIn(other, email);
  await expect(other.locator(".site-header").getByRole("link", { name: "书架读者" })).toBeVisible();
  await expect
    .poll(() => other.evaluate((key) => localStorage.getItem(key), `shuhai:progress:${bookId}`))
    .not.toBeNull();
  await other.goto(`/book/${bookId}`);
  await expect(other.getByTestId("continue-reading")).toHaveAttribute("href", `${chapterPath}/2`);
  await expect(other.getByTestId("shelf-button")).toHaveText("已在书架");
  await second.close();
});

test("signed out, 加入书架 keeps the book in the browser: the shelf and history show it, and signing up moves it into the account", async ({
  browser,
  request,
}) => {
  test.slow();
  const { bookId, chapterPath } = await bookWithLongChapter(request);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(chapterPath);
  const bookTitle = (await page.locator("nav.breadcrumb li").nth(2).textContent())!.trim();
  const shelfButton = page.getByTestId("shelf-button");
  await expect(shelfButton).toHaveText("加入书架");
  await shelfButton.click();
  await expect(shelfButton).toHaveText("已在书架");
  // The book page says the same, without a sign-in.
  await page.goto(`/book/${bookId}`);
  await expect(page.getByTestId("shelf-button")).toHaveText("已在书架");

  await page.goto("/shelf");
  await expect(page).toHaveURL(/\/shelf$/);
  const item = page.getByTestId("shelf-item").filter({ has: page.locator(`a[href="/book/${bookId}"]`) });
  await expect(item).toContainText(bookTitle);
  await expect(item.locator(`a[href="${chapterPath}"]`)).toBeVisible();
  await page.goto("/history");
  await expect(page.getByTestId("browser-history")).toContainText(bookTitle);

  // Signing up: the browser's shelf joins the new account's.
  await submitRegistration(page, `local-shelf-${unique()}@example.com`, "浏览器书架");
  await expect(page).toHaveURL(/\/$/);
  await expect(async () => {
    await page.goto("/shelf");
    const shelved = page.getByTestId("shelf-item").filter({ has: page.locator(`a[href="/book/${bookId}"]`) });
    // On the account's shelf, with the position read while signed out.
    await expect(shelved.getByRole("link", { name: "继续阅读" })).toHaveAttribute("href", chapterPath, {
      timeout: 1000,
    });
    await expect(page.getByTestId("browser-shelf")).toHaveCount(0);
  }).toPass({ timeout: 15_000 });
  expect(await page.evaluate(() => localStorage.getItem("shuhai:shelf"))).toBeNull();
  await context.close();
});
