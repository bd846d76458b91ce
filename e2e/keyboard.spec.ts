import { expect, test } from "@playwright/test";
import { chapterTitle, chapterWithSubPages, popularBookId, subPageOf } from "./support/catalog";

test.describe("turning pages with the keyboard", () => {
  let chapterPath: string;
  let total: number;

  test.beforeAll(async ({ request }) => {
    ({ path: chapterPath, total } = await chapterWithSubPages(request, await popularBookId(request), 3));
  });

  // The page listens once it is interactive: the reader settings panel appears on hydration.
  async function openReady(page: import("@playwright/test").Page, path: string) {
    await page.goto(path);
    await expect(page.locator("details.reader-settings")).toBeVisible();
  }

  test("→ reads on to the next sub-page and ← comes back", async ({ page }) => {
    await openReady(page, chapterPath);
    await expect(chapterTitle(page)).toHaveText(/（1\/\d+）$/);

    await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(`${chapterPath}/2`);
    await expect(chapterTitle(page)).toHaveText(new RegExp(`（2/${total}）$`));

    await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(`${chapterPath}/3`);

    await page.keyboard.press("ArrowLeft");
    await expect(page).toHaveURL(`${chapterPath}/2`);
    await page.keyboard.press("ArrowLeft");
    await expect(page).toHaveURL(chapterPath);
  });

  test("→ on a chapter's last sub-page opens the next chapter, ← goes back to the chapter before", async ({ page }) => {
    await openReady(page, `${chapterPath}/${total}`);
    const lastTitle = (await chapterTitle(page).textContent())!;
    const nextChapter = await page.locator(".chapter-nav a[rel=next]").first().getAttribute("href");
    expect(nextChapter).toMatch(/^\/book\/\d+\/\d+$/);

    await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(nextChapter!);
    await expect(chapterTitle(page)).not.toHaveText(lastTitle);
    expect(subPageOf((await chapterTitle(page).textContent())!)?.page ?? 1).toBe(1);

    await page.keyboard.press("ArrowLeft");
    await expect(page).toHaveURL(chapterPath);
  });

  test("arrows with a modifier key do not turn the page", async ({ page }) => {
    await openReady(page, `${chapterPath}/2`);
    for (const key of [
      "Alt+ArrowRight",
      "Control+ArrowRight",
      "Shift+ArrowRight",
      "Meta+ArrowLeft",
      "Shift+ArrowLeft",
    ]) {
      await page.keyboard.press(key);
    }
    // Give a (wrong) navigation time to start before checking nothing happened.
    await page.waitForTimeout(300);
    await expect(page).toHaveURL(`${chapterPath}/2`);

    await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(`${chapterPath}/3`);
  });

  test("arrows typed into a form field do not turn the page", async ({ page }) => {
    await openReady(page, `${chapterPath}/2`);
    const field = page.locator("main input:not([type=hidden]), main textarea, main select, header input").first();
    test.skip((await field.count()) === 0, "the reading page has no text field to type into");
    await field.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    await page.waitForTimeout(300);
    await expect(page).toHaveURL(`${chapterPath}/2`);
  });
});
