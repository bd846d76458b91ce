import { expect, test, type Page } from "@playwright/test";
import { DEMO, unique, submitSignIn, submitRegistration } from "./support/accounts";

// An administrator's day: the demo admin, in one browser, disables a freshly registered author
// who is signed in in another browser; the author's open session stops working on the next
// navigation. The admin then sets a site notice, which a logged-out visitor sees on the home page.

async function signIn(page: Page, email: string, password: string) {
  await submitSignIn(page, email, password);
  await expect(page).not.toHaveURL(/\/login/);
}

async function register(page: Page, email: string, name: string) {
  await submitRegistration(page, email, name);
  await expect(page).toHaveURL(/\/$/);
}

test("an admin disables a signed-in author and sets the site notice", async ({ browser }) => {
  test.setTimeout(180_000);
  const suffix = unique();
  const email = `writer-${suffix}@example.com`;
  const name = `写手${suffix}`;

  const authorContext = await browser.newContext();
  const author = await authorContext.newPage();
  await register(author, email, name);
  await author.goto("/dashboard/books/new");
  await author.getByLabel(/^(书名|Title)$/).fill(`被停用作者的书 ${suffix}`);
  await author.getByLabel(/^(分类|Category)$/).selectOption({ index: 1 });
  await author.getByRole("button", { name: /^(创建作品|Create book)$/ }).click();
  await expect(author).toHaveURL(/\/dashboard\/books\/\d+$/);

  // A signed-in author is not an admin: for them the admin pages do not exist (404).
  for (const path of ["/admin", "/admin/users"]) {
    expect((await author.goto(path))?.status()).toBe(404);
    await expect(author.getByRole("heading", { level: 1, name: /^(页面不存在|Page not found)$/ })).toBeVisible();
    await expect(author.getByRole("heading", { name: /^(管理后台|用户|Admin|Users)$/ })).toHaveCount(0);
  }
  // Another author's book in the dashboard is not found either, in the site's own words.
  await author.goto("/dashboard/books/1");
  await expect(author.getByRole("heading", { level: 1, name: /^(页面不存在|Page not found)$/ })).toBeVisible();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, DEMO.admin, DEMO.password);
  // The header's account island links admins to the admin pages.
  await admin.getByRole("link", { name: /^(管理|Admin)$/ }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  await expect(admin.getByRole("heading", { level: 1, name: /^(管理后台|Admin)$/ })).toBeVisible();

  const violations: string[] = [];
  admin.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const usersPage = await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  expect(usersPage?.headers()["content-security-policy"]).toMatch(/script-src[^;]*'nonce-[^']+'/);
  const row = admin.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(/正常|Active/);
  // Disabling asks first: the disclosure opens on a confirmation with the real button.
  await row.getByText(/^(停用|Disable)$/).click();
  await expect(row.getByText(/立刻被登出|signed out at once/)).toBeVisible();
  await row.getByRole("button", { name: new RegExp(`^(确认停用|Yes, disable) ${name}$`) }).click();
  await expect(row).toContainText(/已停用|Disabled/);
  await expect(row.getByRole("button", { name: new RegExp(`^(恢复|Enable) ${name}$`) })).toBeVisible();

  // The author's open session is over on the next navigation.
  await author.goto("/dashboard");
  await expect(author).toHaveURL(/\/login/);

  // A signed-out visitor is sent to sign in, with a real redirect, and comes back afterwards.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const redirect = await visitor.request.get("/admin/users?q=x", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  const location = new URL(redirect.headers().location ?? "", "http://x");
  expect(location.pathname).toBe("/login");
  expect(location.searchParams.get("next")).toBe("/admin/users?q=x");
  await visitor.goto("/admin/users");
  await expect(visitor).toHaveURL(/\/login/);

  const notice = `系统维护通知 ${suffix}`;
  await admin.goto("/admin/notice");
  // Typed once the page is interactive: under load, text typed before React hydrated the form
  // was seen to end up in front of the old notice instead of replacing it.
  await admin.waitForLoadState("networkidle");
  const field = admin.getByLabel(/^(公告内容|Notice text)$/);
  await field.fill(notice);
  await expect(field).toHaveValue(notice);
  await admin.getByRole("button", { name: /^(保存公告|Save notice)$/ }).click();
  await expect(admin.getByText(/^(已保存。|Saved\.)$/)).toBeVisible();

  await visitor.goto("/");
  await expect(visitor.locator(".site-notice")).toHaveText(notice);
  expect(violations).toEqual([]);

  await authorContext.close();
  await adminContext.close();
  await anonymous.close();
});

test("an admin manages categories, curates the home page and hides a book", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const suffix = unique();
  await signIn(page, DEMO.admin, DEMO.password);

  // Categories: create, then delete while still empty.
  const slug = `c-${suffix}`;
  await page.goto("/admin/categories");
  await page.getByLabel(/^(标识|Slug)$/).fill(slug);
  await page.getByLabel(/^(中文名|Chinese name)$/).fill(`分类${suffix}`);
  await page.getByLabel(/^(英文名|English name)$/).fill(`Category ${suffix}`);
  await page.getByRole("button", { name: /^(新建分类|New category)$/ }).click();
  const row = page.getByRole("row", { name: new RegExp(slug) });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: new RegExp(`(删除分类|Delete category) ${slug}`) }).click();
  await expect(row).toHaveCount(0);

  // Books: find the first demo book by id, hide it with a reason; the public page is gone.
  await page.goto("/admin/books?q=1");
  const book = page.getByRole("row").filter({ has: page.getByRole("cell", { name: /^1$/ }) });
  const title = (await book.getByRole("rowheader").getByRole("link").textContent())!.trim();
  await book.getByRole("textbox").fill("测试隐藏");
  await book.getByRole("button", { name: /^(隐藏|Hide)/ }).click();
  await expect(book).toContainText(/(已隐藏|Hidden): 测试隐藏|已隐藏：测试隐藏/);
  const visitor = await (await browser.newContext()).newPage();
  expect((await visitor.goto("/book/1"))?.status()).toBe(404);
  await book.getByRole("button", { name: /^(恢复显示|Unhide)/ }).click();
  await expect(book.getByRole("button", { name: /^(隐藏|Hide)/ })).toBeVisible();

  // Home curation: add book 1 to the editor's picks, shown by title.
  await page.goto("/admin/featured");
  const picks = page.getByRole("region", { name: /^(精品推荐|Editor's picks)$/ });
  const existing = picks.getByRole("listitem").filter({ hasText: title });
  if ((await existing.count()) > 0) {
    await existing.getByRole("button", { name: /^(移除|Remove)/ }).click();
    await expect(existing).toHaveCount(0);
  }
  await picks.getByLabel(/^(作品编号|Book id)$/).fill("1");
  await picks.getByRole("button", { name: /^(添加|Add)$/ }).click();
  await expect(picks.getByRole("listitem").last()).toContainText(title);
  await picks.getByLabel(/^(作品编号|Book id)$/).fill("99999999");
  await picks.getByRole("button", { name: /^(添加|Add)$/ }).click();
  await expect(picks.getByRole("alert").or(picks.getByRole("status")).first()).toBeVisible();
});
