import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, submitSignIn } from "./support/accounts";
import { popularBookId, tocChapterPaths } from "./support/catalog";

// A reader's browser enforces the site's Content-Security-Policy: nothing on the public pages is
// refused (the reading page allows its own inline script by hash, and only that), and a saved
// night mode still colours the chapter before the first paint. Signing in sets a cookie, and
// that answer is never one a cache may keep.

/** Collects what the browser refused under the page's policy, from the console and from the DOM's events. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Refused to (execute|load|apply)|Content Security Policy/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

async function firstChapterOfABook(
  request: APIRequestContext,
): Promise<{ book: string; toc: string; chapter: string }> {
  const bookId = await popularBookId(request);
  const [chapter] = await tocChapterPaths(request, bookId);
  return { book: `/book/${bookId}`, toc: `/book/${bookId}/toc`, chapter: chapter! };
}

test("the public pages run without a single script refused; the reading page, home, books and contents allow only their own", async ({
  page,
  request,
}) => {
  const violations = watchViolations(page);
  const { book, toc, chapter } = await firstChapterOfABook(request);

  for (const path of ["/", book, toc, chapter]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await page.waitForLoadState("load");
    // Both kinds of page stay interactive: the search box is in every header.
    await expect(page.getByRole("search").first()).toBeVisible();
  }

  // The reading page, and the pages Next renders that reach a browser without Next's scripts.
  for (const path of [chapter, "/", book, toc]) {
    const policy = (await page.request.get(path)).headers()["content-security-policy"] ?? "";
    expect(policy, path).toMatch(/(^|; )script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
    expect(policy, path).not.toContain("unsafe-inline");
  }
  // The reading page's own script file ran: it shows the reader settings, hidden without it.
  await page.goto(chapter);
  await expect(page.locator("details.reader-settings")).toBeVisible();
  expect(violations).toEqual([]);
});

test("a saved night mode applies before the chapter's first paint, under the page's policy", async ({
  page,
  request,
}) => {
  const violations = watchViolations(page);
  const { book, chapter } = await firstChapterOfABook(request);
  await page.goto(book);
  await page.evaluate(() => localStorage.setItem("shuhai:reader", JSON.stringify({ theme: "dark" })));
  // The theme as it is when <body> starts: only the inline script in <head> can have set it by then.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      (window as unknown as { themeAtBody?: string }).themeAtBody = document.documentElement.dataset.theme ?? "none";
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(chapter);
  expect(await page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody)).toBe("dark");
  expect(violations).toEqual([]);
});

test("signing in answers with the session cookie and Cache-Control: private, no-store", async ({
  page,
  playwright,
  baseURL,
}) => {
  const signIn = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
  await submitSignIn(page, DEMO.author, DEMO.password);
  const response = await signIn;
  const headers = await response.allHeaders();
  expect(headers["set-cookie"]).toMatch(/next-auth\.session-token=/);
  expect(headers["cache-control"]).toBe("private, no-store");
  await expect(page).not.toHaveURL(/\/login/);

  // next-auth's own endpoints set their CSRF and callback cookies (to a client that has none yet): private too.
  for (const path of ["/api/auth/csrf", "/api/auth/signin"]) {
    const client = await playwright.request.newContext({ baseURL });
    const answer = await client.get(path, { maxRedirects: 0 });
    expect(answer.headers()["set-cookie"], path).toBeTruthy();
    expect(answer.headers()["cache-control"], path).toBe("private, no-store");
    await client.dispose();
  }
});
