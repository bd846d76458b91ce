import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, submitSignIn } from "./support/accounts";
import { chapterWithSubPages, popularBookId } from "./support/catalog";

type Visit = {
  name: string;
  path: () => Promise<string> | string;
  ready: (page: Page) => Promise<void>;
  dark?: boolean;
};

const heading = (page: Page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible();
const listing = (page: Page) => expect(page.locator(".book-card").first()).toBeVisible();
const reader = (page: Page) => expect(page.locator("details.reader-settings")).toBeVisible();

let bookId: number;
let chapterPath: string;
let authorPath: string;

test.beforeAll(async ({ request }) => {
  bookId = await popularBookId(request);
  chapterPath = (await chapterWithSubPages(request, bookId, 2)).path;
  const bookPage = await (await request.get(`/book/${bookId}`)).text();
  authorPath = /href="(\/author\/\d+)"/.exec(bookPage)?.[1] ?? "";
});

const visits: Visit[] = [
  { name: "home", path: () => "/", ready: heading },
  { name: "book library", path: () => "/books", ready: listing },
  { name: "category", path: () => "/category/xuanhuan", ready: listing },
  { name: "ranking", path: () => "/rank/popular", ready: heading },
  { name: "author", path: () => authorPath, ready: heading },
  { name: "book", path: () => `/book/${bookId}`, ready: heading },
  { name: "table of contents", path: () => `/book/${bookId}/toc`, ready: heading },
  { name: "chapter", path: () => chapterPath, ready: reader },
  { name: "chapter sub-page in the night theme", path: () => `${chapterPath}/2`, ready: reader, dark: true },
  { name: "chapter in the eye-care theme", path: () => chapterPath, ready: reader, dark: false },
  { name: "not found", path: () => "/book/999999", ready: heading },
];

/** Serious and critical WCAG A/AA violations of the page as it is now, as a readable report. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")} — ${n.failureSummary ?? ""}`).join("\n")}`,
    )
    .join("\n\n");
  return { ids: serious.map((v) => v.id), report };
}

for (const visit of visits) {
  test(`${visit.name} has no serious accessibility violations`, async ({ page }) => {
    if (visit.dark !== undefined) {
      const theme = visit.dark ? "dark" : "sepia";
      await page.addInitScript((t) => localStorage.setItem("shuhai:reader", JSON.stringify({ theme: t })), theme);
    }
    await page.goto(await visit.path());
    await visit.ready(page);
    if (visit.dark) await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    // Open the settings panel so its controls are checked too.
    if (visit.ready === reader) await page.locator("details.reader-settings summary").click();

    const { ids, report } = await seriousViolations(page);
    expect(ids, report).toEqual([]);
  });
}

// The workspace pages, signed in as the demo author and the demo admin, on a phone and on a
// desktop: the tables are cards below 48rem, so both layouts are checked.
const workspace: { who: string; paths: (bookId: number) => string[] }[] = [
  {
    who: "author@shuhai.local",
    paths: (id) => ["/dashboard", `/dashboard/books/${id}`, `/dashboard/books/${id}/stats`],
  },
  {
    who: "admin@shuhai.local",
    paths: () => ["/admin", "/admin/users", "/admin/categories", "/admin/featured", "/admin/books"],
  },
];

for (const { who, paths } of workspace) {
  test(`the workspace of ${who} has no serious accessibility violations at 390px and at 1280px`, async ({ page }) => {
    test.setTimeout(180_000);
    await submitSignIn(page, who, DEMO.password);
    await expect(page).not.toHaveURL(/\/login/);
    await page.goto("/dashboard");
    const bookId = Number(/\/dashboard\/books\/(\d+)"/.exec(await page.content())?.[1] ?? "1");
    for (const path of paths(bookId)) {
      // Each page is opened once and checked in both layouts (pure CSS: the tables are cards
      // below 48rem), the phone's first, as a page opened on a phone.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(path);
      await heading(page);
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 844 });
        const { ids, report } = await seriousViolations(page);
        expect(ids, `${path} at ${width}px\n${report}`).toEqual([]);
      }
    }
  });
}
