import { expect, test } from "@playwright/test";
import { submitRegistration, unique } from "./support/accounts";

// A reader on a phone comments on one paragraph of a chapter, in place, and sees the bubble with
// the count there and on the chapter's comment link; a reader without JavaScript reads the same
// comment on the comments page.

test.use({ viewport: { width: 390, height: 844 } });

test("a reader comments on a paragraph on a phone; another reads it without JavaScript", async ({ page, browser }) => {
  await submitRegistration(page, `comment-${unique()}@example.test`, `评论${unique().slice(0, 4)}`);
  await expect(page).not.toHaveURL(/\/register/);

  // The first chapter of the first book on the home page.
  await page.goto("/");
  const href = await page.locator("main a[href^='/book/']").first().getAttribute("href");
  await page.goto(`/book/${/^\/book\/(\d+)/.exec(href ?? "")?.[1]}/toc`);
  await page.locator(".chapter-grid a").first().click();
  await expect(page.locator(".chapter-body > p").first()).toBeVisible();
  const chapterUrl = page.url();

  // A double tap on the second paragraph opens its comments in place (once the comments are set up:
  // after the reader's block list is read, the page's paragraph chooser is there).
  await expect(page.locator("form.para-start")).toBeAttached();
  const paragraph = page.locator(".chapter-body > p").nth(1);
  await paragraph.dblclick();
  const panel = page.locator(".para-panel");
  await expect(panel).toBeFocused();
  const text = `第二段写得好 ${unique()}`;
  await panel.getByRole("textbox").fill(text);
  await panel.getByRole("button", { name: /^(发表|Post)$/ }).click();
  await expect(panel.locator(".comment")).toContainText(text);
  // A like, counted at once, and taken back.
  const like = panel.locator(".comment-like").first();
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await expect(like).toHaveText(/1$/);
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "false");
  // A report, once, from the same place.
  await panel.locator(".comment-report summary").first().click();
  await panel
    .getByRole("button", { name: /^(广告或刷屏|Spam)$/ })
    .first()
    .click();
  await expect(panel.getByText(/^(已举报，谢谢。|Reported\. Thank you\.)$/)).toBeVisible();
  const bubble = paragraph.locator(".para-bubble");
  await expect(bubble).toHaveText("1");
  await expect(page.locator("a[data-comments-link]")).toHaveText(/\(1\)$/);

  // Escape closes the panel and gives the focus back to the bubble; the bubble opens it again.
  await panel.press("Escape");
  await expect(panel).toHaveCount(0);
  await bubble.click();
  await expect(page.locator(".para-panel .comment")).toContainText(text);

  // The bubbles can be turned off in the reader settings, and stay off.
  await page.locator("details.reader-settings summary").click();
  await page.locator("button[data-bubbles]").click();
  await expect(page.locator(".para-bubble")).toHaveCount(0);
  await page.reload();
  await expect(page.locator("a[data-comments-link]")).toHaveText(/\(1\)$/);
  await expect(page.locator(".para-bubble")).toHaveCount(0);

  // Without JavaScript: the chapter links to its comments page, which lists the comment.
  const other = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const plain = await other.newPage();
  await plain.goto(chapterUrl);
  await plain.locator("a[data-comments-link]").click();
  await expect(plain).toHaveURL(/\/comments$/);
  await expect(plain.locator(".comment").first()).toContainText(text);
  await other.close();
});
