import { expect, test } from "@playwright/test";
import { PASSWORD, submitRegistration, submitSignIn, unique } from "./support/accounts";
import { mailsTo } from "./support/mail";

// A reader who forgot their password gets a link by e-mail (the suite's server sends it to an
// SMTP server of its own, scripts/e2e-server.ts), chooses a new password with it, and signs in
// with that; the old password and the used link no longer work.

const NEW_PASSWORD = "a brand new 密码 for me";

function linkIn(text: string | undefined): string {
  const match = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(text ?? "");
  expect(match, "a reset link in the mail").not.toBeNull();
  // The link names SITE_URL; the suite's server is the same address.
  return match![0];
}

test("a reader who forgot their password resets it by e-mail and signs in with the new one", async ({
  page,
  browser,
}) => {
  const email = `forgot-${unique()}@example.test`;
  await submitRegistration(page, email, `忘记${unique().slice(0, 4)}`);
  await expect(page).not.toHaveURL(/\/register/);
  await page.context().clearCookies();

  // Asking for the link works without JavaScript: a plain form post.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto("/login");
  await plain.getByRole("link", { name: /^(忘记密码？|Forgot your password\?)$/ }).click();
  await expect(plain).toHaveURL(/\/forgot-password$/);
  await plain.getByLabel(/^(邮箱|Email)$/).fill(email);
  await plain.getByRole("button", { name: /^(发送链接|Send the link)$/ }).click();
  await expect(plain).toHaveURL(/\/forgot-password\?sent=1$/);
  await expect(plain.locator("form .form-message")).toContainText(
    /链接已经发出|link to choose a new password is on its way/,
  );
  await noScript.close();

  const [mail] = await mailsTo(email);
  expect(mail, "the reset mail").toBeDefined();
  const link = linkIn(mail!.text);

  await page.goto(link);
  await page.getByLabel(/^(新密码|New password)$/).fill(NEW_PASSWORD);
  await page.getByLabel(/^(确认新密码|Confirm new password)$/).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: /^(保存新密码|Set the new password)$/ }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.locator("form .form-message")).toContainText(/密码已更改|password has been changed/);

  await submitSignIn(page, email, NEW_PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
  await page.context().clearCookies();

  await submitSignIn(page, email, PASSWORD);
  await expect(page.locator("form .form-message")).toContainText(/邮箱或密码不正确|Wrong email or password/);

  // The link worked once.
  await page.goto(link);
  await expect(page.locator(".account-page .form-message")).toContainText(/链接已经失效|does not work any more/);
  await expect(page.getByRole("link", { name: /^(重新获取链接|Ask for a new link)$/ })).toBeVisible();
});

test("an address without an account gets the same answer, and no mail", async ({ page }) => {
  const email = `nobody-${unique()}@example.test`;
  await page.goto("/forgot-password");
  await page.getByLabel(/^(邮箱|Email)$/).fill(email);
  await page.getByRole("button", { name: /^(发送链接|Send the link)$/ }).click();
  await expect(page.locator("form .form-message")).toContainText(
    /链接已经发出|link to choose a new password is on its way/,
  );
  // The mail of a known address leaves within a second of the answer; none comes for this one.
  await page.waitForTimeout(1500);
  expect(await mailsTo(email, 0)).toEqual([]);
});
