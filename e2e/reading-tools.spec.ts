import { expect, test, type Page } from "@playwright/test";
import { submitRegistration, unique } from "./support/accounts";
import { chapterWithSubPages, popularBookId, tocChapterPaths } from "./support/catalog";

// The reading tools of issue #11: the whole chapter on one page, bookmarks, read-aloud and
// auto-scroll, as a reader on the reading page uses them.

const tools = (page: Page) => page.getByRole("button", { name: "阅读工具" });
const text = (page: Page) => page.locator(".chapter-body > p");

/** Puts the chapter's paragraph `n` (0-based on this page) at the top of the screen. */
async function scrollToParagraph(page: Page, n: number) {
  await text(page)
    .nth(n)
    .evaluate((p) => p.scrollIntoView({ block: "start" }));
}

test("a reader who prefers scrolling reads whole chapters, and the position follows them", async ({
  page,
  request,
}) => {
  test.slow();
  const bookId = await popularBookId(request);
  const { path, total } = await chapterWithSubPages(request, bookId, 2);
  const subPageParagraphs = (
    await Promise.all(
      Array.from({ length: total }, async (_, i) => {
        const html = await (await request.get(i === 0 ? path : `${path}/${i + 1}`)).text();
        return [...html.matchAll(/<div class="chapter-body"[^>]*>([\s\S]*?)<\/div>/g)][0]![1]!.split("<p>").length - 1;
      }),
    )
  ).reduce((a, b) => a + b, 0);

  await page.goto(`${path}/2`);
  await page.locator("details.reader-settings summary").click();
  await page.getByRole("button", { name: "整章", exact: true }).click();
  // The setting takes the reader to the whole chapter, where they were.
  await expect(page).toHaveURL(new RegExp(`${path}/all#p-\\d+$`));
  await expect(page.locator("h1#chapter-title")).not.toContainText("/");
  await expect(text(page)).toHaveCount(subPageParagraphs);
  await expect(page.locator(".continue-link")).toHaveCount(0);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, follow");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${path}$`));

  // A sub-page's address (the shelf's, history's) now opens the whole view too.
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`${path}/all#p-0$`));

  // A 繁體 page keeps its script: the whole view it opens is the 繁體 one.
  await page.goto(`/zh-hant${path}`);
  await expect(page).toHaveURL(new RegExp(`/zh-hant${path}/all#p-0$`));
  await expect(page.locator("html")).toHaveAttribute("lang", /Hant/);
  await page.goto(path);

  // Scrolled to the end, the position kept is the chapter's last sub-page.
  await scrollToParagraph(page, subPageParagraphs - 1);
  await expect
    .poll(() => page.evaluate((id) => JSON.parse(localStorage.getItem(`shuhai:progress:${id}`) ?? "{}").page, bookId))
    .toBe(total);

  // 分页阅读 goes back to sub-pages, and they stay.
  await page.getByRole("link", { name: "分页阅读" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}/${total}#p-\\d+$`));
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  // The whole view opened by its address stays, whatever else the reader changes there.
  await page.goto(`${path}/all`);
  await page.locator("details.reader-settings summary").click();
  await page.getByRole("button", { name: "放大字号" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-font", "3");
  await expect(page).toHaveURL(new RegExp(`${path}/all$`));
});

test("without scripts the whole view reads and the sub-pages stay where they are", async ({ browser, request }) => {
  const { path } = await chapterWithSubPages(request, await popularBookId(request), 2);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole("link", { name: "全章阅读" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}/all$`));
  await expect(text(page).first()).toBeVisible();
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await context.close();
});

test("a reader bookmarks a paragraph, jumps back to it from another chapter, and finds it after signing in elsewhere", async ({
  page,
  browser,
  request,
}) => {
  test.slow();
  const bookId = await popularBookId(request);
  const { path } = await chapterWithSubPages(request, bookId, 2);
  const other = (await tocChapterPaths(request, bookId)).find((p) => p !== path)!;
  await submitRegistration(page, `bookmarks-${unique()}@example.com`, `书签${unique().slice(-4)}`);
  await expect(page).not.toHaveURL(/\/register/);

  await page.goto(path);
  await scrollToParagraph(page, 3);
  const marked = (await text(page).nth(3).textContent())!.trim();
  await tools(page).click();
  await page.getByRole("button", { name: "为当前段落加书签" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已加书签" })).toContainText(marked.slice(0, 10));
  const list = page.locator(".dock-bookmarks li");
  await expect(list).toHaveCount(1);
  await expect(list).toContainText(/第\s*4\s*段/);
  // Kept in the account too.
  await expect
    .poll(async () => (await (await page.request.get(`/api/bookmarks?bookId=${bookId}`)).json()).bookmarks)
    .toMatchObject([{ paragraph: 3 }]);

  await page.goto(other);
  await tools(page).click();
  await page.locator(".dock-bookmarks li a").click();
  await expect(page).toHaveURL(new RegExp(`${path}#p-3$`));
  await expect
    .poll(() =>
      text(page)
        .nth(3)
        .evaluate((p) => Math.round(p.getBoundingClientRect().top)),
    )
    .toBeLessThan(50);

  // Another browser, signed in as the same reader: the bookmark came with the account.
  const cookies = await page.context().cookies();
  const elsewhere = await browser.newContext();
  await elsewhere.addCookies(cookies);
  const second = await elsewhere.newPage();
  await second.goto(other);
  await tools(second).click();
  await expect(second.locator(".dock-bookmarks li")).toContainText(marked.slice(0, 10));
  // The shelf page lists it, and leads back to the paragraph.
  await second.goto("/shelf");
  const onShelf = second.getByRole("region", { name: "书签" }).getByRole("link");
  await expect(onShelf).toContainText(/第\s*4\s*段/);
  await onShelf.click();
  await expect(second).toHaveURL(new RegExp(`${path}#p-3$`));
  await tools(second).click();
  // Removed there, it is gone from the account.
  await second.getByRole("button", { name: /^删除书签/ }).click();
  await expect(second.locator(".dock-bookmarks li")).toHaveText("本书还没有书签");
  await expect
    .poll(async () => (await (await second.request.get(`/api/bookmarks?bookId=${bookId}`)).json()).bookmarks.length)
    .toBe(0);
  await elsewhere.close();
});

/** A speechSynthesis with the given voices that records what it is asked to say (a stub of the browser's API). */
function stubSpeech(page: Page, langs: string[]) {
  return page.addInitScript((voiceLangs) => {
    const said: SpeechSynthesisUtterance[] = [];
    const state = { paused: false };
    const voices = voiceLangs.map((lang) => ({ lang, name: lang, default: false, localService: true, voiceURI: lang }));
    Object.defineProperty(window, "speechSynthesis", {
      configurable: true,
      value: Object.assign(new EventTarget(), {
        getVoices: () => voices,
        speak: (u: SpeechSynthesisUtterance) => said.push(u),
        cancel: () => {},
        pause: () => (state.paused = true),
        resume: () => (state.paused = false),
      }),
    });
    // Chromium's own utterance takes only its own voice objects.
    class Utterance {
      lang = "";
      voice: unknown = null;
      onend: ((event: Event) => void) | null = null;
      constructor(public text: string) {}
    }
    Object.assign(window, { __said: said, __speech: state, SpeechSynthesisUtterance: Utterance });
  }, langs);
}

test("read-aloud shows only with a voice for the page's language, and reads on from the paragraph in view", async ({
  browser,
  request,
}) => {
  const { path } = await chapterWithSubPages(request, await popularBookId(request), 2);

  const without = await browser.newPage();
  await stubSpeech(without, ["en-US"]);
  await without.goto(path);
  await tools(without).click();
  await expect(without.getByRole("button", { name: "为当前段落加书签" })).toBeVisible();
  await expect(without.getByRole("button", { name: "朗读", exact: true })).toBeHidden();
  await without.close();

  const page = await browser.newPage();
  await stubSpeech(page, ["zh-CN"]);
  await page.goto(path);
  await scrollToParagraph(page, 2);
  await tools(page).click();
  await page.getByRole("button", { name: "朗读", exact: true }).click();
  const said = () =>
    page.evaluate(() => (window as unknown as { __said: { text: string }[] }).__said.map((u) => u.text));
  await expect.poll(said).toEqual([(await text(page).nth(2).textContent())!.trim()]);
  await expect(text(page).nth(2)).toHaveClass(/reading-aloud/);
  await expect(page.getByRole("status").filter({ hasText: "正在朗读" })).toBeVisible();

  // The paragraph ends: the next one is read and marked.
  await page.evaluate(() => {
    const list = (window as unknown as { __said: SpeechSynthesisUtterance[] }).__said;
    list.at(-1)!.onend?.(new Event("end") as SpeechSynthesisEvent);
  });
  await expect.poll(async () => (await said()).length).toBe(2);
  await expect(text(page).nth(3)).toHaveClass(/reading-aloud/);

  await page.getByRole("button", { name: "暂停", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已暂停" })).toBeVisible();
  await page.getByRole("button", { name: "继续", exact: true }).click();
  await page.getByRole("button", { name: "停止", exact: true }).click();
  await expect(page.locator(".reading-aloud")).toHaveCount(0);
  await expect(page.locator(".dock-run")).toBeHidden();
  await page.close();
});

test("auto-scroll scrolls, pauses when the reader takes over, and is not offered under reduced motion", async ({
  browser,
  request,
}) => {
  const { path } = await chapterWithSubPages(request, await popularBookId(request), 2);
  const page = await browser.newPage({ viewport: { width: 390, height: 500 } });
  await page.goto(path);
  await tools(page).click();
  await page.getByRole("button", { name: "自动滚动", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "正在自动滚动" })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(20);
  await page.mouse.move(200, 200);
  await page.mouse.wheel(0, -10);
  await expect(page.getByRole("status").filter({ hasText: "已暂停" })).toBeVisible();
  await page.getByRole("button", { name: "停止", exact: true }).click();
  await expect(page.locator(".dock-run")).toBeHidden();
  await page.close();

  const calm = await browser.newContext({ reducedMotion: "reduce" });
  const still = await calm.newPage();
  await still.goto(path);
  await tools(still).click();
  await expect(still.getByRole("button", { name: "为当前段落加书签" })).toBeVisible();
  await expect(still.getByRole("button", { name: "自动滚动", exact: true })).toBeHidden();
  await calm.close();
});
