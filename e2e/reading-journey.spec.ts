import { expect, test } from "@playwright/test";
import { chapterName, chapterNav, chapterTitle, escapeRegExp, subPageOf } from "./support/catalog";

test("a reader browses from the home page into a book and reads on into the next chapter", async ({ page }) => {
  // Many page loads in one story: give it room on a busy machine.
  test.slow();
  await page.goto("/");

  // Home → a category from 小说分类.
  const categories = page.locator("section", { has: page.getByRole("heading", { name: "小说分类" }) });
  const categoryLink = categories.getByRole("link").first();
  const categoryLabel = (await categoryLink.textContent())!.trim();
  await categoryLink.click();
  await expect(page).toHaveURL(/\/category\/[a-z]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(categoryLabel);

  // Category → sorted by popularity (a book other stories just created is never first there) →
  // the first book listed.
  await page.getByRole("group", { name: "排序" }).getByRole("link", { name: "人气" }).click();
  await expect(page).toHaveURL(/\/category\/[a-z]+\?sort=popular$/);
  const bookLink = page.locator(".book-card h2 a").first();
  const bookTitle = (await bookLink.textContent())!.trim();
  await bookLink.click();
  await expect(page).toHaveURL(/\/book\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(bookTitle);
  const bookPath = new URL(page.url()).pathname;

  // Book → 目录 → the first chapter.
  await page.getByRole("link", { name: "目录", exact: true }).click();
  await expect(page).toHaveURL(`${bookPath}/toc`);
  const firstChapter = page.locator(".toc-volume a").first();
  const firstChapterTitle = (await firstChapter.textContent())!.trim();
  await firstChapter.click();
  await expect(page).toHaveURL(new RegExp(`${bookPath}/\\d+$`));
  const firstChapterPath = new URL(page.url()).pathname;
  await expect(chapterTitle(page)).toContainText(firstChapterTitle);
  await expect(page.locator(".chapter-body p").first()).not.toBeEmpty();

  // The breadcrumb: 首页 > category > book > chapter.
  const crumbs = page.getByRole("navigation", { name: "面包屑导航" }).getByRole("listitem");
  await expect(crumbs).toHaveText(["首页", categoryLabel, bookTitle, firstChapterTitle]);
  await expect(crumbs.nth(1).getByRole("link")).toHaveAttribute("href", /\/category\/[a-z]+$/);
  await expect(crumbs.nth(2).getByRole("link")).toHaveAttribute("href", bookPath);
  await expect(crumbs.nth(3).locator("[aria-current=page]")).toHaveText(firstChapterTitle);

  // The first chapter has no previous chapter.
  await expect(chapterNav(page).locator("a[rel=prev]")).toHaveCount(0);

  const firstTitle = (await chapterTitle(page).textContent())!;
  const split = subPageOf(firstTitle);
  if (split) {
    // "本章未完" leads to sub-page 2.
    await page.getByRole("link", { name: "本章未完，点击下一页继续阅读" }).click();
    await expect(page).toHaveURL(`${firstChapterPath}/2`);
    await expect(chapterTitle(page)).toHaveText(`${firstChapterTitle}（2/${split.total}）`);
    await expect(chapterNav(page).locator("a[rel=prev]")).toHaveText("上一页");
  }

  // 下一页 … until 下一章, which opens a different chapter.
  for (let pageNo = split ? 2 : 1; pageNo < (split?.total ?? 1); pageNo++) {
    await expect(chapterNav(page).locator("a[rel=next]")).toHaveText("下一页");
    await chapterNav(page).locator("a[rel=next]").click();
    await expect(chapterTitle(page)).toHaveText(`${firstChapterTitle}（${pageNo + 1}/${split!.total}）`);
  }
  await expect(page.getByRole("link", { name: "本章未完，点击下一页继续阅读" })).toHaveCount(0);
  const lastSubPagePath = new URL(page.url()).pathname;
  await expect(chapterNav(page).locator("a[rel=next]")).toHaveText("下一章");
  await chapterNav(page).locator("a[rel=next]").click();
  await expect(page).not.toHaveURL(new RegExp(`${firstChapterPath}(/\\d+)?$`));
  await expect(page).toHaveURL(new RegExp(`${bookPath}/\\d+$`));
  const secondTitle = chapterName((await chapterTitle(page).textContent())!);
  expect(secondTitle).not.toBe(firstChapterTitle);
  await expect(page.getByRole("navigation", { name: "面包屑导航" }).getByRole("listitem").last()).toHaveText(
    secondTitle,
  );
  await expect(page).toHaveTitle(
    new RegExp(`^${escapeRegExp(secondTitle)}(（\\d+/\\d+）)? - ${escapeRegExp(bookTitle)} - 书海$`),
  );

  // 上一章 goes back to the first chapter; on a later sub-page 上一页 steps back one page.
  await expect(chapterNav(page).locator("a[rel=prev]")).toHaveText("上一章");
  await chapterNav(page).locator("a[rel=prev]").click();
  await expect(page).toHaveURL(firstChapterPath);
  await expect(chapterTitle(page)).toHaveText(firstTitle);
  if (split) {
    await page.goto(lastSubPagePath);
    await chapterNav(page).locator("a[rel=prev]").click();
    await expect(chapterTitle(page)).toHaveText(`${firstChapterTitle}（${split.total - 1}/${split.total}）`);
  }
});
