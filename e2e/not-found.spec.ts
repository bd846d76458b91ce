import { expect, test, type Page } from "@playwright/test";
import { chapterWithSubPages, popularBookId, tocChapterPaths } from "./support/catalog";

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" }), `404 page of ${path}`).toBeVisible();
  // Still inside the site: its header and main navigation are there to go on from.
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await expect(page.getByRole("link", { name: "返回首页" })).toHaveAttribute("href", "/");
}

test("unknown and malformed addresses are 404 pages inside the site layout", async ({ page, request }) => {
  // Many page loads in one story: give it room on a busy machine.
  test.slow();
  const bookId = await popularBookId(request);
  const { path: chapterPath, total } = await chapterWithSubPages(request, bookId, 2);
  const paths = [
    "/no-such-page",
    "/book/999999",
    "/book/abc",
    "/book/999999/toc",
    `/book/${bookId}/abc`,
    `/book/${bookId}/999999999`,
    `${chapterPath}/${total + 1}`,
    `${chapterPath}/0`,
    `${chapterPath}/abc`,
    "/category/no-such-category",
    "/rank/no-such-rank",
    "/author/999999",
    "/author/abc",
  ];
  for (const path of paths) await expectNotFound(page, path);
});

test("a chapter is only found under its own book", async ({ page, request }) => {
  const bookId = await popularBookId(request);
  const [chapterPath] = await tocChapterPaths(request, bookId);
  const chapterId = chapterPath!.split("/").pop();
  const otherBook = bookId === 1 ? 2 : 1;
  await expectNotFound(page, `/book/${otherBook}/${chapterId}`);
});

// The demo seed (prisma/seed/index.ts) numbers chapters per book in reading order, book 1
// first. Book 1 ends with one scheduled then one draft chapter after its last published one,
// and has one soft-deleted chapter among the published ones.
test("book 1's deleted, scheduled and draft chapters are neither linked nor readable", async ({ page, request }) => {
  // Several page loads in one story: give it room on a busy machine.
  test.slow();
  const published = (await tocChapterPaths(request, 1)).map((p) => Number(p.split("/").pop()));
  const last = Math.max(...published);
  const deleted = Array.from({ length: last }, (_, i) => i + 1).filter((id) => !published.includes(id));
  expect(deleted, "one soft-deleted chapter among the published ones").toHaveLength(1);
  const hidden = { deleted: deleted[0]!, scheduled: last + 1, draft: last + 2 };

  const bookPage = await (await request.get("/book/1")).text();
  for (const [kind, id] of Object.entries(hidden)) {
    expect(bookPage, `the book page links the ${kind} chapter`).not.toContain(`href="/book/1/${id}"`);
    await expectNotFound(page, `/book/1/${id}`);
  }
});
