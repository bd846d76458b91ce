import { expect, test, type APIRequestContext } from "@playwright/test";
import { popularBookId } from "./support/catalog";

// Without JavaScript a page is read in the order its HTML arrives. Parts rendered per request
// (a listing's page, search results, the sign-in form, the shelf) stream after the prerendered
// shell; they must arrive inside <main>, before the footer, and be shown (components/layout/
// site-shell.tsx), not after the footer or left in a hidden placeholder.

async function firstHref(request: APIRequestContext, path: string, prefix: string): Promise<string> {
  const html = await (await request.get(path)).text();
  const href = new RegExp(`href="(${prefix}[^"?#]+)"`).exec(html)?.[1];
  if (!href) throw new Error(`${path} links to nothing under ${prefix}`);
  return href;
}

test.describe("without JavaScript, every public page shows its content before the footer", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test("home, lists, search, book pages, author, sign-in, register, shelf and history", async ({ page, request }) => {
    const book = await popularBookId(request);
    const paths = [
      "/",
      "/books",
      "/books?sort=updated&page=2",
      await firstHref(request, "/", "/category/"),
      "/rank/popular",
      await firstHref(request, `/book/${book}`, "/tag/"),
      "/search?q=%E5%89%91",
      `/book/${book}`,
      `/book/${book}/toc`,
      `/book/${book}/reviews`,
      await firstHref(request, `/book/${book}`, "/author/"),
      "/login",
      "/register",
      "/shelf",
      "/history",
    ];
    for (const path of paths) {
      await test.step(path, async () => {
        await page.goto(path);
        const main = page.locator("main#main");
        const heading = main.getByRole("heading", { level: 1 });
        const footer = page.locator("footer.site-footer");
        await expect(heading).toBeVisible();
        await expect(footer).toBeVisible();
        const headingBox = (await heading.boundingBox())!;
        const mainBox = (await main.boundingBox())!;
        const footerBox = (await footer.boundingBox())!;
        // The heading is in main, and main ends where the footer begins, not below it.
        expect(headingBox.y).toBeLessThan(footerBox.y);
        expect(mainBox.y + mainBox.height).toBeLessThanOrEqual(footerBox.y + 1);
        // The whole of main's content is shown: its last element is above the footer too. Not
        // counting a <template>: Next ends a page's segment with an empty Suspense boundary of its
        // own (where generateMetadata's answer streams to browsers), which a cold render can send
        // as a placeholder <template> to be filled after the footer; it holds none of the page.
        const last = main.locator(":scope > :not(template)").last();
        await expect(last).toBeVisible();
        expect((await last.boundingBox())!.y).toBeLessThan(footerBox.y);
        // And so it is in the document, for screen readers and crawlers: main before footer.
        const html = await (await request.get(path)).text();
        expect(html.indexOf("<main")).toBeGreaterThan(-1);
        expect(html.indexOf("<main")).toBeLessThan(html.indexOf("<footer"));
      });
    }
  });

  test("a listing's page and the search results are in main, above the footer", async ({ page }) => {
    await page.goto("/books?page=2");
    const listed = page.locator('main a[href^="/book/"]').first();
    await expect(listed).toBeVisible();
    expect((await listed.boundingBox())!.y).toBeLessThan((await page.locator("footer.site-footer").boundingBox())!.y);

    await page.goto("/search?q=%E5%89%91");
    const found = page.locator('main a[href^="/book/"]').first();
    await expect(found).toBeVisible();
    expect((await found.boundingBox())!.y).toBeLessThan((await page.locator("footer.site-footer").boundingBox())!.y);

    await page.goto("/login");
    const email = page.locator("main").getByRole("textbox").first();
    await expect(email).toBeVisible();
    expect((await email.boundingBox())!.y).toBeLessThan((await page.locator("footer.site-footer").boundingBox())!.y);
  });
});
