import { expect, test, type Page } from "@playwright/test";

// An administrator's day: the demo admin, in one browser, disables a freshly registered author
// who is signed in in another browser; the author's open session stops working on the next
// navigation. The admin then sets a site notice, which a logged-out visitor sees on the home page.

const PASSWORD = "correct horse 书海";
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(/^(邮箱|Email)$/).fill(email);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function register(page: Page, email: string, name: string) {
  await page.goto("/register");
  await page.getByLabel(/^(邮箱|Email)$/).fill(email);
  await page.getByLabel(/^(昵称|Display name)$/).fill(name);
  await page.getByLabel(/^(密码|Password)$/).fill(PASSWORD);
  await page.getByLabel(/^(确认密码|Confirm password)$/).fill(PASSWORD);
  await page.getByRole("button", { name: /^(注册并登录|Register and sign in)$/ }).click();
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

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@shuhai.local", "shuhai-demo-2026");
  // The header's account island links admins to the admin pages.
  await admin.getByRole("link", { name: /^(管理|Admin)$/ }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  await expect(admin.getByRole("heading", { level: 1, name: /^(管理后台|Admin)$/ })).toBeVisible();

  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  const row = admin.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(/正常|Active/);
  await row.getByRole("button", { name: new RegExp(`^(停用|Disable) ${name}$`) }).click();
  await expect(row).toContainText(/已停用|Disabled/);
  await expect(row.getByRole("button", { name: new RegExp(`^(恢复|Enable) ${name}$`) })).toBeVisible();

  // The author's open session is over on the next navigation.
  await author.goto("/dashboard");
  await expect(author).toHaveURL(/\/login/);

  // A reader (not an admin) gets no admin pages at all.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto("/admin/users");
  await expect(visitor).toHaveURL(/\/login/);

  const notice = `系统维护通知 ${suffix}`;
  await admin.goto("/admin/notice");
  await admin.getByLabel(/^(公告内容|Notice text)$/).fill(notice);
  await admin.getByRole("button", { name: /^(保存公告|Save notice)$/ }).click();
  await expect(admin.getByText(/^(已保存。|Saved\.)$/)).toBeVisible();

  await visitor.goto("/");
  await expect(visitor.locator(".site-notice")).toHaveText(notice);

  await authorContext.close();
  await adminContext.close();
  await anonymous.close();
});
