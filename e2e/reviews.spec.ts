import { expect, test } from "@playwright/test";
import { submitRegistration, unique } from "./support/accounts";

// A reader rates a book and writes a review from the book page, and finds it on the book page
// with the book's rating.

test("a reader writes a review and sees it on the book page", async ({ page }) => {
  await submitRegistration(page, `review-${unique()}@example.test`, `书评${unique().slice(0, 4)}`);
  await expect(page).not.toHaveURL(/\/register/);

  await page.goto("/");
  const href = await page.locator("main a[href^='/book/']").first().getAttribute("href");
  const bookPage = `/book/${/^\/book\/(\d+)/.exec(href ?? "")?.[1]}`;
  await page.goto(bookPage);
  await page.getByRole("link", { name: /^(写书评 \/ 修改我的书评|Write or edit my review)$/ }).click();

  const text = `人物立得住，节奏稍慢。${unique()}`;
  await page
    .getByRole("group", { name: /^(总评|Overall)/ })
    .getByRole("radio", { name: /^(4 星|4 stars)$/ })
    .check();
  await page
    .getByRole("group", { name: /^(情节|Story)/ })
    .getByRole("radio", { name: /^(5 星|5 stars)$/ })
    .check();
  await page.getByLabel(/^(书评内容|Your review)/).fill(text);
  await page.getByRole("button", { name: /^(发表书评|Post review)$/ }).click();

  // On the book's reviews page, newest first, then on the book page with the rating.
  await expect(page).toHaveURL(/\/reviews\?sort=new#r\d+$/);
  await expect(page.locator(".review").first()).toContainText(text);
  await page.goto(bookPage);
  const block = page.locator("#reviews");
  await expect(block.locator(".review").filter({ hasText: text })).toBeVisible();
  await expect(block.locator(".rating-summary")).toContainText(/4\.0 \/ 5/);
});
