import { expect, test } from "@playwright/test";

// A reader looks for a book from the header search box, choosing from the suggestion list by
// keyboard, and searches from a results page; odd queries still give a normal page.

test("a reader finds a book through the suggestion list using only the keyboard", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: /搜索|Search/ }).first();
  await box.click();
  await box.pressSequentially("星", { delay: 50 });

  const list = page.getByRole("listbox");
  await expect(list).toBeVisible();
  const options = list.getByRole("option");
  await expect(options.first()).toBeVisible();
  expect(await options.count()).toBeLessThanOrEqual(8);

  await box.press("ArrowDown");
  await box.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id")) ?? "");
  await box.press("ArrowUp");
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");

  await box.press("Escape");
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute("aria-expanded", "false");

  await box.press("ArrowDown");
  await expect(list).toBeVisible();
  const title = (await options.nth(0).locator(".search-suggestion-title").textContent()) ?? "";
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/book\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
});

test("Enter without a chosen suggestion shows the results page, noindex, with matches marked", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: /搜索|Search/ }).first();
  await box.fill("星");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=%E6%98%9F/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("星");
  await expect(page.locator(".search-result").first()).toBeVisible();
  await expect(page.locator(".search-result mark").first()).toHaveText(/星/);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
});

test("odd queries give a normal page", async ({ page }) => {
  for (const q of ["   ", "!!!", "%_\\", "' OR 1=1 --", "😀", "x".repeat(10_000)]) {
    const response = await page.goto(`/search?q=${encodeURIComponent(q)}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  const suggest = await page.request.get(`/api/search/suggest?q=${encodeURIComponent("%' OR 1=1 --")}`);
  expect(suggest.status()).toBe(200);
  expect(suggest.headers()["cache-control"]).toContain("public");
});

test("the search form works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  const box = page.getByRole("combobox", { name: /搜索|Search/ }).first();
  await box.fill("星");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.locator(".search-result").first()).toBeVisible();
  await context.close();
});
