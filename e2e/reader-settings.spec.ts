import { expect, test, type Page } from "@playwright/test";
import { chapterWithSubPages, popularBookId, tocChapterPaths } from "./support/catalog";

function html(page: Page) {
  return page.locator("html");
}

async function readerBackground(page: Page): Promise<string> {
  return page.locator(".reader").evaluate((el) => getComputedStyle(el).backgroundColor);
}

test("font size, night theme and line width stay chosen across reloads and chapters", async ({ page, request }) => {
  // Several page loads in one story: give it room on a busy machine.
  test.slow();
  const [first, second] = await tocChapterPaths(request, await popularBookId(request));
  await page.goto(first!);

  const settings = page.locator("details.reader-settings");
  await settings.locator("summary", { hasText: "阅读设置" }).click();
  const dayBackground = await readerBackground(page);
  const fontSize = settings.getByTestId("font-size");
  await expect(fontSize).toHaveText("2");

  await settings.getByRole("button", { name: "放大字号" }).click();
  await settings.getByRole("button", { name: "放大字号" }).click();
  await expect(fontSize).toHaveText("4");
  await expect(html(page)).toHaveAttribute("data-font", "4");
  await settings.getByRole("button", { name: "缩小字号" }).click();
  await expect(html(page)).toHaveAttribute("data-font", "3");

  await settings.getByRole("button", { name: "夜间" }).click();
  await expect(settings.getByRole("button", { name: "夜间" })).toHaveAttribute("aria-pressed", "true");
  await expect(settings.getByRole("button", { name: "白天" })).toHaveAttribute("aria-pressed", "false");
  await expect(html(page)).toHaveAttribute("data-theme", "dark");

  await settings.getByRole("button", { name: "宽", exact: true }).click();
  await expect(html(page)).toHaveAttribute("data-width", "wide");
  const nightBackground = await readerBackground(page);
  expect(nightBackground).not.toBe(dayBackground);

  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("shuhai:reader") ?? "null"));
  expect(saved).toMatchObject({
    font: 3,
    theme: "dark",
    width: "wide",
    face: "sans",
    leading: "normal",
    gap: "normal",
  });

  // Reload: the inline script sets everything before React runs.
  await page.goto(first!, { waitUntil: "domcontentloaded" });
  await expect(html(page)).toHaveAttribute("data-theme", "dark");
  await expect(html(page)).toHaveAttribute("data-font", "3");
  await expect(html(page)).toHaveAttribute("data-width", "wide");
  expect(await readerBackground(page)).toBe(nightBackground);

  // Another chapter reads the same way.
  await page.goto(second!, { waitUntil: "domcontentloaded" });
  await expect(html(page)).toHaveAttribute("data-theme", "dark");
  await expect(html(page)).toHaveAttribute("data-font", "3");
  await expect(html(page)).toHaveAttribute("data-width", "wide");
  expect(await readerBackground(page)).toBe(nightBackground);

  // And the panel shows the saved choices once the page is interactive.
  await page.locator("details.reader-settings summary").click();
  await expect(page.getByTestId("font-size")).toHaveText("3");
  await expect(page.getByRole("button", { name: "夜间" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "宽", exact: true })).toHaveAttribute("aria-pressed", "true");
});

test("the first paint already has the saved settings", async ({ page, request }) => {
  const [first] = await tocChapterPaths(request, await popularBookId(request));
  await page.addInitScript(() =>
    localStorage.setItem("shuhai:reader", JSON.stringify({ theme: "sepia", font: 5, width: "narrow" })),
  );
  // Block the app's JavaScript: only the inline script in <head> can apply the settings.
  await page.route(/\/_next\/static\/.*\.js$/, (route) => route.abort());
  await page.goto(first!, { waitUntil: "commit" });
  await page.waitForLoadState("domcontentloaded");
  await expect(html(page)).toHaveAttribute("data-theme", "sepia");
  await expect(html(page)).toHaveAttribute("data-font", "5");
  await expect(html(page)).toHaveAttribute("data-width", "narrow");
  const fontSize = await page
    .locator(".chapter-body p")
    .first()
    .evaluate((el) => getComputedStyle(el).fontSize);
  expect(parseFloat(fontSize)).toBeGreaterThan(24);
});

test("on a phone: the text starts near the top, nothing shifts, taps turn pages at once, settings follow the system", async ({
  browser,
  request,
}) => {
  test.slow();
  const { path } = await chapterWithSubPages(request, await popularBookId(request), 2);
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    colorScheme: "dark",
  });
  const page = await phone.newPage();
  // Every layout shift of the page's life, summed (the Cumulative Layout Shift of this visit).
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) (window as unknown as { shifts: number }).shifts += entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(path);
  // The account links are filled in after load: wait for them, then measure.
  await expect(page.locator("[data-account-nav] a").first()).toBeVisible();
  const firstLine = await page
    .locator(".chapter-body p")
    .first()
    .evaluate((p) => p.getBoundingClientRect().top);
  expect(firstLine).toBeLessThan(200);
  expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBeLessThan(0.05);
  // No theme chosen: the system's dark.
  expect(await page.locator("html").getAttribute("data-theme")).toBeNull();
  expect(await readerBackground(page)).toBe("rgb(28, 30, 33)");

  // A typeface and looser lines, from the bar's settings, before the first paint of the next page.
  const settings = page.locator("details.reader-settings");
  await settings.locator("summary").tap();
  await settings.getByRole("button", { name: "宋体" }).tap();
  await settings.getByRole("button", { name: "宽松" }).first().tap();
  await expect(page.locator("html")).toHaveAttribute("data-face", "serif");
  await expect(page.locator("html")).toHaveAttribute("data-leading", "loose");
  await settings.locator("summary").tap();

  // A tap on the right third of the text: the next page, at its top.
  await page.mouse.wheel(0, 600);
  await page.touchscreen.tap(350, 400);
  await expect(page).toHaveURL(`${path}/2`);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.locator("html")).toHaveAttribute("data-face", "serif");
  // The middle of the text does nothing; the left third goes back.
  await page.touchscreen.tap(195, 400);
  await expect(page).toHaveURL(`${path}/2`);
  await page.touchscreen.tap(20, 400);
  await expect(page).toHaveURL(path);
  await phone.close();
});
