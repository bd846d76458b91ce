import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, submitRegistration, submitSignIn, unique } from "./support/accounts";
import { popularBookId, tocChapterPaths } from "./support/catalog";

// Moderation of comments, two short stories: the author answers a reader from the dashboard and
// the answer shows marked 作者; a reader's reported comment leaves the reading page's panel and
// counts once an admin hides it.

async function signedIn(browser: Browser, email: string, password?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await submitSignIn(page, email, password);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

async function newReader(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await submitRegistration(page, `moderation-${unique()}@example.test`, `读者${unique().slice(0, 5)}`);
  await expect(page).not.toHaveURL(/\/register/);
  return page;
}

/** A comment through the JSON the reading page's script posts (from the page, so same-origin). */
async function comment(page: Page, chapterId: string, body: string, paragraph?: number): Promise<number> {
  const answer = await page.evaluate(
    async ({ chapterId, body, paragraph }) => {
      const r = await fetch(`/api/chapters/${chapterId}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ body, paragraph }),
      });
      return { status: r.status, json: (await r.json()) as { commentId: number } };
    },
    { chapterId, body, paragraph },
  );
  expect(answer.status).toBe(201);
  return answer.json.commentId;
}

test("the author replies to a reader from the dashboard; the reply shows marked 作者", async ({ browser }) => {
  const author = await signedIn(browser, DEMO.author, DEMO.password);
  await author.goto("/dashboard");
  const href = await author.locator("a[href^='/dashboard/books/']:not([href$='/new'])").first().getAttribute("href");
  const bookId = Number(/\/dashboard\/books\/(\d+)/.exec(href ?? "")?.[1]);
  const [chapterPath] = await tocChapterPaths(author.request, bookId);
  const chapterId = chapterPath!.split("/").at(-1)!;

  const reader = await newReader(browser);
  const question = `作者什么时候更新？${unique()}`;
  const commentId = await comment(reader, chapterId, question);

  await author.goto("/dashboard/comments");
  const row = author.locator("article.comment", { hasText: question });
  await row.locator("summary", { hasText: /^(回复|Reply)$/ }).click();
  const answer = `明天就更 ${unique()}`;
  await row.getByLabel(/^(回复这条评论|Reply to this comment)$/).fill(answer);
  await row.getByRole("button", { name: /^(发表|Post)$/ }).click();
  await expect(row.getByText(/^(已完成。|Done\.)$/)).toBeVisible();

  await reader.goto(`${chapterPath}/comments?thread=${commentId}`);
  const reply = reader.locator(".comment-replies .comment", { hasText: answer });
  await expect(reply.locator(".badge")).toHaveText(/^(作者|Author)$/);
});

test("a reported comment leaves the reading page's panel and counts after an admin hides it", async ({
  browser,
  request,
}) => {
  // The first book's last chapter: the other comment stories write on its first.
  const chapterPath = (await tocChapterPaths(request, await popularBookId(request))).at(-1)!;
  const chapterId = chapterPath.split("/").at(-1)!;
  const reader = await newReader(browser);
  await reader.goto(chapterPath);
  const text = `这一段有问题 ${unique()}`;
  const commentId = await comment(reader, chapterId, text, 0);
  const reported = await reader.evaluate(
    async (id) => (await fetch(`/api/comments/${id}/report`, { method: "POST", body: '{"reason":"abuse"}' })).status,
    commentId,
  );
  expect(reported).toBe(200);

  // A visitor (a fresh browser: no cached answers) sees it in the first paragraph's panel.
  const visit = async () => {
    const page = await (await browser.newContext()).newPage();
    const counted = page.waitForResponse((r) => r.url().includes("/comment-counts"));
    await page.goto(chapterPath);
    const { total } = (await (await counted).json()) as { total: number };
    // The keyboard's way in: the paragraph chooser after the chapter's comment link.
    await page.getByLabel(/^(给第几段写段评|Paragraph to comment on)$/).fill("1");
    await page.getByLabel(/^(给第几段写段评|Paragraph to comment on)$/).press("Enter");
    await expect(page.locator(".para-panel")).toBeFocused();
    await expect(page.locator(".para-panel [role=status]")).not.toHaveText(/加载失败|failed/);
    return { page, total };
  };
  const before = await visit();
  await expect(before.page.locator(".para-panel .comment", { hasText: text })).toBeVisible();

  const admin = await signedIn(browser, DEMO.admin, DEMO.password);
  await admin.goto("/dashboard/comments?reported=1");
  const row = admin.locator("article.comment", { hasText: text });
  await row.getByRole("button", { name: /^(隐藏|Hide) / }).click();
  await expect(row).toHaveCount(0);

  const after = await visit();
  await expect(after.page.locator(".para-panel")).toBeVisible();
  await expect(after.page.locator(".para-panel .comment", { hasText: text })).toHaveCount(0);
  expect(after.total).toBeLessThan(before.total);
});
