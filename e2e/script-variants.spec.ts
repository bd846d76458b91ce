import { expect, test, type Page } from "@playwright/test";

// A reader who reads Traditional Chinese: from a book page to its 繁體 version, through its table
// of contents (a client-side navigation that must stay 繁體) into a chapter, whose script speaks
// 繁體 too; then back to 简体. And the same pages as a crawler gets them, without JavaScript.

const book = { id: 40, simplified: "小捕快的征途是诸天万界", traditional: "小捕快的征途是諸天萬界" };

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return errors;
}

test("a reader switches a book to 繁體, reads on in 繁體 and switches back", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`/book/${book.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(book.simplified);

  await page.getByRole("group", { name: "简繁切换" }).getByRole("link", { name: "繁體中文" }).click();
  await expect(page).toHaveURL(`/zh-hant/book/${book.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(book.traditional);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant");
  // Hydrated, the page stays converted (React's data was converted with it).
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(book.traditional);

  // A link inside the site keeps the reader in 繁體, also when the router follows it.
  await page.getByRole("main").getByRole("link", { name: "目錄", exact: false }).first().click();
  await expect(page).toHaveURL(`/zh-hant/book/${book.id}/toc`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(book.traditional);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("目錄");

  await page.locator(`main a[href^="/zh-hant/book/${book.id}/"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/zh-hant/book/${book.id}/\\d+$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant");
  // The reader's script (signed out: the browser's shelf) speaks 繁體.
  await expect(page.getByTestId("shelf-button")).toHaveText("加入書架");
  await expect(page.locator(".reader-bar .bar-toc")).toHaveText("目錄");
  const chapterUrl = new URL(page.url()).pathname.replace(/^\/zh-hant/, "");

  await page.getByRole("group", { name: "簡繁切換" }).getByRole("link", { name: "簡體中文" }).click();
  await expect(page).toHaveURL(`/zh-hans${chapterUrl}`);
  await expect(page.getByTestId("shelf-button")).toHaveText("加入书架");
  expect(errors).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the 繁體 pages are whole pages with their own address and their alternates", async ({ page, baseURL }) => {
    const origin = new URL(baseURL ?? "").origin;
    await page.goto(`/zh-hant/book/${book.id}/toc`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(book.traditional);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
      "href",
      `${origin}/zh-hant/book/${book.id}/toc`,
    );
    await expect(page.locator('link[rel="alternate"][hreflang="zh-Hans"]')).toHaveAttribute(
      "href",
      `${origin}/book/${book.id}/toc`,
    );
    await expect(page.locator('link[rel="alternate"][hreflang="zh-Hant"]')).toHaveAttribute(
      "href",
      `${origin}/zh-hant/book/${book.id}/toc`,
    );
    // Every link into the catalogue stays 繁體; the account pages have one version only.
    const hrefs = await page.locator("main a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) expect(href).toMatch(/^\/zh-han[st](\/|$)/);
    await page.goto("/zh-hant/login");
    await expect(page).toHaveURL("/login");
  });
});
