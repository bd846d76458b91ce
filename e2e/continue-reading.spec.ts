import { expect, test } from "@playwright/test";
import { chapterTitle, chapterWithSubPages, popularBookId } from "./support/catalog";

test("the book page offers to continue where the reader stopped", async ({ page, request }) => {
  // Several page loads in one story: give it room on a busy machine.
  test.slow();
  const bookId = await popularBookId(request);
  const { path: chapterPath } = await chapterWithSubPages(request, bookId, 2);

  // A first visit: nothing read yet, so only 开始阅读.
  await page.goto(`/book/${bookId}`);
  await expect(page.getByRole("link", { name: "开始阅读" })).toBeVisible();
  await expect(page.getByTestId("continue-reading")).toHaveCount(0);

  await page.goto(chapterPath);
  await page.getByRole("link", { name: "本章未完，点击下一页继续阅读" }).click();
  await expect(page).toHaveURL(`${chapterPath}/2`);
  const title = (await chapterTitle(page).textContent())!;
  await expect
    .poll(() => page.evaluate((key) => localStorage.getItem(key), `shuhai:progress:${bookId}`))
    .not.toBeNull();

  await page.getByRole("link", { name: "返回书页" }).click();
  await expect(page).toHaveURL(`/book/${bookId}`);
  const continueLink = page.getByTestId("continue-reading");
  await expect(continueLink).toHaveAttribute("href", `${chapterPath}/2`);
  await expect(continueLink).toHaveText(`继续阅读：${title}`);

  // Still there in a fresh visit, and it opens that sub-page.
  await page.reload();
  await page.getByTestId("continue-reading").click();
  await expect(page).toHaveURL(`${chapterPath}/2`);
  await expect(chapterTitle(page)).toHaveText(title);
});
