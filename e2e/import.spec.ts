import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import iconv from "iconv-lite";
import sharp from "sharp";

// The demo author imports a small GBK .txt as a new, published book: the preview names the
// encoding (GB18030, GBK's superset) and counts the chapters; after the import a logged-out
// reader opens the book and reads its chapters on the public site.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("import a GBK text file as a new published book; a logged-out reader reads it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const suffix = unique();
  const title = `导入之书 ${suffix}`;
  const text = [
    `简介：一部从文本文件导入的小说 ${suffix}。`,
    "",
    "第一章 山雨欲来",
    `　　天色渐渐暗了下来，少年站在山巅，望着远处的城池，心中百感交集 ${suffix}。`,
    "第二章 初入江湖",
    "　　清晨的阳光洒在青石板路上，街道两旁的商铺陆续开门，人声渐渐热闹起来。",
    "第三章 夜雨",
    "　　雨下了一整夜，屋檐下的灯笼在风中摇晃，远处传来一阵钟声。",
    "",
  ].join("\r\n");
  const dir = mkdtempSync(path.join(tmpdir(), "shuhai-import-"));
  const file = path.join(dir, "novel.txt");
  writeFileSync(file, iconv.encode(text, "gbk"));

  await page.goto("/login");
  await page.getByLabel(/^(邮箱|Email)$/).fill("author@shuhai.local");
  await page.getByLabel(/^(密码|Password)$/).fill("shuhai-demo-2026");
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await expect(page).not.toHaveURL(/\/login/);

  await page.goto("/dashboard");
  await page.getByRole("link", { name: /^(导入 TXT|Import a TXT file)$/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/import$/);
  await page.getByLabel(/^(文本文件（\.txt）|Text file \(\.txt\))$/).setInputFiles(file);
  await page.getByRole("button", { name: /^(预览|Preview)$/ }).click();

  await expect(page.getByTestId("import-encoding")).toHaveText("GB18030");
  await expect(page.getByTestId("import-chapters")).toHaveText("3");
  await expect(page.getByText("第一章 山雨欲来", { exact: true })).toBeVisible();

  await page.getByLabel(/^(书名|Book title)$/).fill(title);
  await page.getByLabel(/^(分类|Category)$/).selectOption({ index: 1 });
  await page.getByRole("radio", { name: /^(已发布|Published)/ }).check();
  await page.getByRole("button", { name: /^(导入 3 章|Import 3 chapters)$/ }).click();

  await expect(page).toHaveURL(/\/dashboard\/books\/\d+\?imported=3$/, { timeout: 60_000 });
  await expect(page.getByRole("status").filter({ hasText: /(已导入 3 章|3 chapters imported)/ })).toBeVisible();
  const bookId = /\/dashboard\/books\/(\d+)/.exec(page.url())![1];

  // The book page also takes a cover: a text file is refused with the covers message, an image is saved.
  const coverInput = page.getByLabel(/^(封面图片|Cover image)$/);
  await coverInput.setInputFiles(file);
  await page.getByRole("button", { name: /^(上传封面|Upload cover)$/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: /(不是图片|not an image)/ })).toBeVisible();
  const png = await sharp({ create: { width: 300, height: 400, channels: 3, background: "#3a6" } })
    .png()
    .toBuffer();
  await coverInput.setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: /^(上传封面|Upload cover)$/ }).click();
  await expect(page.getByRole("button", { name: /^(删除封面|Remove cover)$/ })).toBeVisible({ timeout: 30_000 });

  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  const bookResponse = await readerPage.goto(`/book/${bookId}`);
  expect(bookResponse?.status()).toBe(200);
  await expect(readerPage.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(readerPage.locator(`img[src^="/covers/${bookId}/"]`).first()).toBeVisible();
  await readerPage
    .getByRole("link", { name: /第一章 山雨欲来/ })
    .first()
    .click();
  await expect(readerPage.getByText(`心中百感交集 ${suffix}`)).toBeVisible();
  await reader.close();
});
