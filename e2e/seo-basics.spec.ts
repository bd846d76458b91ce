import { expect, test } from "@playwright/test";
import { chapterWithSubPages, englishBookPath, popularBookId, tocChapterPaths } from "./support/catalog";

type PageCase = { path: string; lang: string };

test("every page type has its own title, a description, a self-canonical URL and the right language", async ({
  page,
  request,
}) => {
  // Many page loads in one story: give it room on a busy machine.
  test.slow();
  const bookId = await popularBookId(request);
  const { path: chapterPath } = await chapterWithSubPages(request, bookId, 2);
  const englishBook = await englishBookPath(request);
  const englishBookId = Number(englishBook.split("/").pop());
  const [englishChapter] = await tocChapterPaths(request, englishBookId);
  const authorPath = /href="(\/author\/\d+)"/.exec(await (await request.get(`/book/${bookId}`)).text())?.[1];
  expect(authorPath, "the book page links its author").toBeTruthy();

  const cases: PageCase[] = [
    { path: "/", lang: "zh-CN" },
    { path: "/books", lang: "zh-CN" },
    { path: "/books?page=2", lang: "zh-CN" },
    { path: "/category/xuanhuan", lang: "zh-CN" },
    { path: "/rank/popular", lang: "zh-CN" },
    { path: "/rank/completed", lang: "zh-CN" },
    { path: authorPath!, lang: "zh-CN" },
    { path: `/book/${bookId}`, lang: "zh-CN" },
    { path: `/book/${bookId}/toc`, lang: "zh-CN" },
    { path: chapterPath, lang: "zh-CN" },
    { path: `${chapterPath}/2`, lang: "zh-CN" },
    { path: englishBook, lang: "en" },
    { path: `${englishBook}/toc`, lang: "en" },
    { path: englishChapter!, lang: "en" },
  ];

  const titles = new Map<string, string>();
  for (const { path, lang } of cases) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator("html"), path).toHaveAttribute("lang", lang);

    const title = await page.title();
    expect(title.trim(), `title of ${path}`).not.toBe("");
    expect(titles.get(title), `"${title}" is also the title of`).toBeUndefined();
    titles.set(title, path);

    const description = await page.locator('meta[name="description"]').getAttribute("content");
    expect(description?.trim(), `description of ${path}`).toBeTruthy();

    const canonical = page.locator('link[rel="canonical"]');
    await expect(canonical, `one canonical link on ${path}`).toHaveCount(1);
    const href = new URL((await canonical.getAttribute("href"))!);
    expect(`${href.pathname}${href.search}`, `canonical of ${path}`).toBe(path);
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a reader can still go from the home page to a book and read on", async ({ page }) => {
    await page.goto("/");
    const bookLink = page.locator('main a[href^="/book/"]').first();
    const bookTitle = (await bookLink.textContent())!.trim();
    await bookLink.click();
    await expect(page).toHaveURL(/\/book\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(bookTitle);

    await page.getByRole("link", { name: "开始阅读" }).click();
    await expect(page).toHaveURL(/\/book\/\d+\/\d+$/);
    await expect(page.locator(".chapter-body p").first()).toBeVisible();
    const chapterUrl = page.url();

    // On to the next sub-page (or the next chapter, if the first one is short).
    const next = page.locator(".chapter-nav a[rel=next]").first();
    const nextHref = (await next.getAttribute("href"))!;
    await next.click();
    await expect(page).toHaveURL(nextHref);
    expect(page.url()).not.toBe(chapterUrl);
    await expect(page.locator("h1#chapter-title")).not.toBeEmpty();
    await expect(page.locator(".chapter-body p").first()).toBeVisible();

    // And back.
    await page.locator(".chapter-nav a[rel=prev]").first().click();
    await expect(page).toHaveURL(chapterUrl);
  });
});
