import { expect as baseExpect, test, type Page } from "@playwright/test";
import { PASSWORD, unique, submitSignIn, submitRegistration } from "./support/accounts";

// A reader's account story: register, see themselves in the header, sign out and back in; a
// wrong password and too many attempts get clear messages; changing the password signs out
// every other browser at once.

async function signIn(page: Page, email: string, password: string) {
  await submitSignIn(page, email, password);
}

async function register(page: Page, email: string, name: string) {
  await submitRegistration(page, email, name);
}

const header = (page: Page) => page.locator(".site-header");
// The form's own message (Next adds an empty route-announcer alert to every page).
const formAlert = (page: Page) => page.locator(".account-form [role=alert]");

// Every sign-in does argon2id work on a small machine that also serves the other specs.
test.describe.configure({ timeout: 90_000 });
test.use({ actionTimeout: 15_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

test("register, signed-in header, sign out, sign in again", async ({ page }) => {
  const email = `reader-${unique()}@example.com`;
  await register(page, email, "新读者");
  await expect(page).toHaveURL(/\/$/);
  await expect(header(page).getByRole("link", { name: "新读者" })).toBeVisible();

  await header(page)
    .getByRole("button", { name: /^(退出登录|Sign out)$/ })
    .click();
  await expect(header(page).getByRole("link", { name: /^(登录|Sign in)$/ })).toBeVisible();

  await signIn(page, email.toUpperCase(), PASSWORD);
  await expect(header(page).getByRole("link", { name: "新读者" })).toBeVisible();
});

test("the account pages carry a nonce CSP, and a signed-out visitor is redirected from /account", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const policies = new Set<string>();
  for (const path of ["/login", "/register"]) {
    const response = await page.goto(path);
    const policy = response?.headers()["content-security-policy"] ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    policies.add(policy);
    // Every script in the server's HTML carries that response's nonce (scripts the page adds later
    // are trusted through 'strict-dynamic'; a refused one would show in `violations`).
    const served = await page.request.get(path);
    const nonce = /'nonce-([^']+)'/.exec(served.headers()["content-security-policy"] ?? "")![1];
    const tags = (await served.text()).match(/<script\b[^>]*>/g) ?? [];
    const executable = tags.filter((tag) => !/type="application\/(ld\+)?json"/.test(tag));
    expect(executable.length).toBeGreaterThan(0);
    expect(executable.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  }
  expect(policies.size).toBe(2); // a fresh nonce per response
  const redirect = await page.request.get("/account", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers().location).toMatch(/\/login\?next=%2Faccount$/);
  expect(violations).toEqual([]);
});

test("register shows field errors next to the fields", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel(/^(邮箱|Email)$/).fill("not-an-email");
  await page.getByLabel(/^(密码|Password)$/).fill("短");
  await page.getByRole("button", { name: /^(注册并登录|Register and sign in)$/ }).click();
  const email = page.getByLabel(/^(邮箱|Email)$/);
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-email-error")).toHaveText(/有效的邮箱|valid email/);
  await expect(page.locator("#field-password-error")).toHaveText(/至少 8 个字符|at least 8 characters/);
});

test("a wrong password gets the same message as an unknown account", async ({ page }) => {
  await signIn(page, "author@shuhai.local", "not-the-password");
  await expect(formAlert(page)).toHaveText(/邮箱或密码不正确|Wrong email or password/);
  await signIn(page, `nobody-${unique()}@example.com`, "not-the-password");
  await expect(formAlert(page)).toHaveText(/邮箱或密码不正确|Wrong email or password/);
});

test("too many attempts on one account are refused with a wait time", async ({ page }) => {
  const email = `target-${unique()}@example.com`;
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, `wrong-${i}-password`);
    await expect(formAlert(page)).toHaveText(/邮箱或密码不正确|Wrong email or password/);
  }
  await signIn(page, email, "wrong-again-password");
  await expect(formAlert(page)).toHaveText(
    /尝试次数过多，请 \d+ 分钟后再试|Too many attempts, try again in \d+ minutes/,
  );
});

test("changing the password signs out the other browser at once", async ({ browser }) => {
  const email = `mover-${unique()}@example.com`;
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();

  await register(a, email, "搬家读者");
  await expect(header(a).getByRole("link", { name: "搬家读者" })).toBeVisible();
  await signIn(b, email, PASSWORD);
  await expect(header(b).getByRole("link", { name: "搬家读者" })).toBeVisible();

  await a.goto("/account");
  await a.getByLabel(/^(当前密码|Current password)$/).fill(PASSWORD);
  await a.getByLabel(/^(新密码|New password)$/).fill("another password 2");
  await a.getByLabel(/^(确认新密码|Confirm new password)$/).fill("another password 2");
  await a.getByRole("button", { name: /^(修改密码|Change password)$/ }).click();
  await expect(a.getByRole("main").getByRole("status")).toHaveText(/密码已修改|Password changed/);

  // The browser that changed it stays signed in; the other one is out on its next request.
  await a.goto("/account");
  await expect(a.getByText(email)).toBeVisible();
  await b.goto("/account");
  await expect(b).toHaveURL(/\/login\?next=%2Faccount/);
  await b.goto("/");
  await expect(header(b).getByRole("link", { name: /^(登录|Sign in)$/ })).toBeVisible();

  await first.close();
  await second.close();
});
