import { expect, type APIRequestContext, type Page } from "@playwright/test";

// Finding books and chapters the way a reader would: by following the site's own links.

const SUB_PAGE_TITLE = /（(\d+)\/(\d+)）$/;

/** The chapter title without its "（n/m）" sub-page marker. */
export function chapterName(title: string): string {
  return title.replace(SUB_PAGE_TITLE, "");
}

/** "（n/m）" of a chapter title as numbers, or null for a one-page chapter. */
export function subPageOf(title: string): { page: number; total: number } | null {
  const m = SUB_PAGE_TITLE.exec(title);
  return m ? { page: Number(m[1]), total: Number(m[2]) } : null;
}

async function html(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), `GET ${path}`).toBe(200);
  return response.text();
}

/** Chapter URLs of a book, in reading order, as its table of contents links them. */
export async function tocChapterPaths(request: APIRequestContext, bookId: number): Promise<string[]> {
  const body = await html(request, `/book/${bookId}/toc`);
  const links = [...body.matchAll(new RegExp(`href="(/book/${bookId}/\\d+)"`, "g"))].map((m) => m[1] as string);
  return [...new Set(links)];
}

/**
 * The first chapter of a book that is split into at least `minPages` sub-pages, found by
 * walking the book's table of contents.
 */
export async function chapterWithSubPages(
  request: APIRequestContext,
  bookId: number,
  minPages: number,
): Promise<{ path: string; total: number }> {
  for (const path of await tocChapterPaths(request, bookId)) {
    const title = /<h1 id="chapter-title">([^<]*)<\/h1>/.exec(await html(request, path))?.[1] ?? "";
    const sub = subPageOf(title);
    if (sub && sub.total >= minPages) return { path, total: sub.total };
  }
  throw new Error(`book ${bookId} has no chapter with ${minPages}+ sub-pages`);
}

/** The id of the first book the home page links to. */
export async function popularBookId(request: APIRequestContext): Promise<number> {
  const id = /href="\/book\/(\d+)"/.exec(await html(request, "/"))?.[1];
  if (!id) throw new Error("the home page links to no book");
  return Number(id);
}

/** An English book linked from the home page (its title is in Latin letters). */
export async function englishBookPath(request: APIRequestContext): Promise<string> {
  const path = /<a[^>]*href="(\/book\/\d+)"[^>]*>[A-Za-z][^<]*<\/a>/.exec(await html(request, "/"))?.[1];
  if (!path) throw new Error("the home page links to no English book");
  return path;
}

// After a client-side navigation the router keeps the previous page mounted but hidden, so
// page-level locators ask for the visible one.

/** The reading page's h1, e.g. "第3章 反击（2/3）". */
export function chapterTitle(page: Page) {
  return page.locator("h1#chapter-title").filter({ visible: true });
}

/** The chapter navigation above the text (the same links repeat below it). */
export function chapterNav(page: Page) {
  return page.getByRole("navigation", { name: "章节导航" }).first();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
