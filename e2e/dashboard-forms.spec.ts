import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, submitRegistration, submitSignIn, unique } from "./support/accounts";

// The dashboard's forms keep what the author saved: a changed select shows the saved choice
// after the save and survives the next save; ticked tags survive a refused submission; the
// chapter editor warns before unsaved text is lost, can cancel a schedule, and an admin's role
// change stays on screen.

const SAVED = /^(已保存。|Saved\.)$/;

async function newAuthorWithBook(page: Page): Promise<{ bookId: number; suffix: string; email: string }> {
  const suffix = unique();
  const email = `forms-${suffix}@example.com`;
  await submitRegistration(page, email, `表单作者${suffix}`);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/dashboard/books/new");
  await page.getByLabel(/^(书名|Title)$/).fill(`表单之书 ${suffix}`);
  await page.getByLabel(/^(分类|Category)$/).selectOption({ index: 1 });
  await page.getByRole("button", { name: /^(创建作品|Create book)$/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/books\/\d+$/);
  return { bookId: Number(/\/dashboard\/books\/(\d+)/.exec(page.url())![1]), suffix, email };
}

/** Presses a submit button (by name, or the locator) and waits for the server's answer. */
async function save(page: Page, button: RegExp | Locator) {
  const target = button instanceof RegExp ? page.getByRole("button", { name: button }) : button;
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), target.click()]);
}

const bookForm = (page: Page) =>
  page.locator("form").filter({ has: page.getByRole("button", { name: /^(保存作品|Save book)$/ }) });

test("a saved book status stays chosen, and ticked tags survive a refused submission", async ({ page }) => {
  test.setTimeout(120_000);
  const { bookId, suffix } = await newAuthorWithBook(page);
  const form = bookForm(page);
  const status = form.getByLabel(/^(状态|Status)$/);

  await status.selectOption("HIATUS");
  await form.getByRole("button", { name: /^(保存作品|Save book)$/ }).click();
  await expect(form.getByText(SAVED)).toBeVisible();
  await expect(status).toHaveValue("HIATUS");

  // Another edit, another save: the status is not quietly put back.
  await form.getByLabel(/^(书名|Title)$/).fill(`表单之书（改） ${suffix}`);
  await form.getByRole("button", { name: /^(保存作品|Save book)$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `表单之书（改） ${suffix}` })).toBeVisible();
  await page.goto(`/dashboard/books/${bookId}`);
  await expect(bookForm(page).getByLabel(/^(状态|Status)$/)).toHaveValue("HIATUS");

  // Tags ticked, then a refused submission (empty title): the ticks stay.
  const tags = bookForm(page)
    .getByRole("group", { name: /^(标签|Tags)/ })
    .getByRole("checkbox");
  await tags.nth(0).check();
  await tags.nth(1).check();
  await bookForm(page)
    .getByLabel(/^(书名|Title)$/)
    .fill("");
  await bookForm(page)
    .getByRole("button", { name: /^(保存作品|Save book)$/ })
    .click();
  await expect(
    bookForm(page).getByText(/^(请修改标出的内容后重新提交。|Please correct the marked fields)/),
  ).toBeVisible();
  await expect(tags.nth(0)).toBeChecked();
  await expect(tags.nth(1)).toBeChecked();
  await expect(tags.nth(2)).not.toBeChecked();
  await bookForm(page)
    .getByLabel(/^(书名|Title)$/)
    .fill(`表单之书 ${suffix}`);
  await bookForm(page)
    .getByRole("button", { name: /^(保存作品|Save book)$/ })
    .click();
  await expect(bookForm(page).getByText(SAVED)).toBeVisible();
  await page.goto(`/dashboard/books/${bookId}`);
  await expect(tags.nth(0)).toBeChecked();
  await expect(tags.nth(1)).toBeChecked();
  await expect(bookForm(page).getByLabel(/^(状态|Status)$/)).toHaveValue("HIATUS");
});

test("the chapter editor keeps the volume, guards unsaved text and can cancel a schedule", async ({ page }) => {
  test.setTimeout(120_000);
  const { bookId, suffix } = await newAuthorWithBook(page);
  await page.getByLabel(/^(新分卷：|New volume:)/).fill(`第一卷 ${suffix}`);
  await page.getByRole("button", { name: /^(添加分卷|Add volume)$/ }).click();
  await expect(page.getByRole("button", { name: new RegExp(`第一卷 ${suffix}`) }).first()).toBeVisible();

  await page.goto(`/dashboard/books/${bookId}/chapters/new`);
  await page.getByLabel(/^(章节标题|Chapter title)$/).fill(`第一章 ${suffix}`);
  await page.getByLabel(/^(正文|Text)$/).fill("第一段。\n第二段。");
  await page.getByRole("button", { name: /^(保存草稿|Save draft)$/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/chapters\/\d+\?saved=1$/);
  const chapterUrl = page.url().replace(/\?.*$/, "");
  // Without ?saved=1, so that "saved" below is the answer to the save just made.
  await page.goto(chapterUrl);

  // Every dialog is recorded; `answer` says whether the author leaves (accept) or stays.
  const dialogs: string[] = [];
  let answer: "accept" | "dismiss" = "accept";
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void (answer === "accept" ? dialog.accept() : dialog.dismiss());
  });
  const body = page.getByLabel(/^(正文|Text)$/);
  const title = page.getByLabel(/^(章节标题|Chapter title)$/);
  const back = page.getByRole("link", { name: /^(← 返回|← Back to)/ });

  // The volume: chosen, saved, still chosen, and kept through the next save.
  const volume = page.getByLabel(/^(分卷|Volume)$/);
  await volume.selectOption({ label: `第一卷 ${suffix}` });
  const volumeId = await volume.inputValue();
  await save(page, /^(保存草稿|Save draft)$/);
  await expect(page.getByText(SAVED)).toBeVisible();
  await expect(volume).toHaveValue(volumeId);
  await title.fill(`第一章（改） ${suffix}`);
  await save(page, /^(保存草稿|Save draft)$/);
  await page.goto(chapterUrl);
  await expect(title).toHaveValue(`第一章（改） ${suffix}`);
  await expect(volume).toHaveValue(volumeId);

  // Unsaved text: leaving by a link asks first; staying keeps the text.
  dialogs.length = 0;
  answer = "dismiss";
  await body.fill("第一段。\n第二段。\n还没保存的第三段。");
  await back.click();
  await expect.poll(() => dialogs).toEqual(["confirm"]);
  await expect(page).toHaveURL(chapterUrl);
  await expect(body).toHaveValue(/还没保存的第三段/);
  // Reloading (or closing the tab) asks the browser's own question.
  await page.reload({ timeout: 3_000 }).catch(() => undefined);
  await expect.poll(() => dialogs).toEqual(["confirm", "beforeunload"]);
  await expect(body).toHaveValue(/还没保存的第三段/);
  answer = "accept";

  // Schedule it, then cancel the schedule from the editor: a draft again, text saved with it.
  const tomorrow = new Date(Date.now() + 86_400_000);
  const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByLabel(/^(发布时间|Publish at)$/).fill(local);
  await save(page, /^(定时发布|Schedule)$/);
  const cancel = page.getByRole("button", { name: /^(取消定时（存为草稿）|Cancel schedule \(save as draft\))$/ });
  await expect(cancel).toBeVisible();
  // A scheduled chapter's plain save keeps the schedule, so it does not say "draft".
  await expect(page.getByRole("button", { name: /^(保存草稿|Save draft)$/ })).toHaveCount(0);
  await save(page, cancel);
  await expect(page.getByRole("button", { name: /^(保存草稿|Save draft)$/ })).toBeVisible();
  await expect(cancel).toHaveCount(0);
  await page.goto(chapterUrl);
  await expect(page.getByText(/^(草稿|Draft)$/)).toBeVisible();
  await expect(body).toHaveValue(/还没保存的第三段/);

  // Published: no publish time to set, and the body cannot be emptied.
  await save(page, /^(立即发布|Publish now)$/);
  await expect(page.getByRole("link", { name: /^(在站点查看|View on the site)$/ })).toBeVisible();
  await expect(page.getByLabel(/^(发布时间|Publish at)$/)).toHaveCount(0);
  await body.fill("");
  await save(page, /^(保存修改|Save changes)$/);
  await expect(page.getByText(/已发布或定时发布的章节正文不能为空|cannot have an empty body/)).toBeVisible();

  // After a successful save nothing is pending: the link leaves without asking.
  await page.goto(chapterUrl);
  await title.fill(`第一章（终） ${suffix}`);
  await save(page, /^(保存修改|Save changes)$/);
  await expect(page.getByText(SAVED)).toBeVisible();
  dialogs.length = 0;
  await back.click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/books/${bookId}$`));
  expect(dialogs).toEqual([]);
});

test("an admin's role change stays on screen and in the database", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const suffix = unique();
  const email = `role-${suffix}@example.com`;
  const name = `角色${suffix}`;
  const other = await browser.newContext();
  await submitRegistration(await other.newPage(), email, name);
  await other.close();

  await submitSignIn(page, DEMO.admin, DEMO.password);
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  const role = page.getByLabel(new RegExp(`^(${name} 的角色|Role of ${name})$`));
  await expect(role).toHaveValue("READER");
  await role.selectOption("AUTHOR");
  // The button's accessible name also names the user ("修改角色: …").
  await page.getByRole("button", { name: /^(修改角色|Change role)(:|$)/ }).click();
  await expect(page.getByText(SAVED)).toBeVisible();
  await expect(role).toHaveValue("AUTHOR");
  // Saving again (without touching the select) keeps it.
  await save(page, /^(修改角色|Change role)(:|$)/);
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await expect(role).toHaveValue("AUTHOR");
});
