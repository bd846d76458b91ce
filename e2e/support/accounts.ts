import type { Page } from "@playwright/test";

// Filling the account forms, shared by the stories that need a signed-in reader.
export const PASSWORD = "correct horse 书海";
/** The demo accounts: scripts/e2e-server.ts seeds them with this password (DEMO_PASSWORD). */
export const DEMO = {
  admin: "admin@shuhai.local",
  author: "author@shuhai.local",
  password: "e2e-demo-passphrase",
} as const;
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function submitSignIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel(/^(邮箱|Email)$/).fill(email);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
}

export async function submitRegistration(page: Page, email: string, name: string) {
  await page.goto("/register");
  await page.getByLabel(/^(邮箱|Email)$/).fill(email);
  await page.getByLabel(/^(昵称|Display name)$/).fill(name);
  await page.getByLabel(/^(密码|Password)$/).fill(PASSWORD);
  await page.getByLabel(/^(确认密码|Confirm password)$/).fill(PASSWORD);
  await page.getByRole("button", { name: /^(注册并登录|Register and sign in)$/ }).click();
}
