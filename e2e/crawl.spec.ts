import { expect, test, type APIRequestContext } from "@playwright/test";

// A search engine's visit: robots.txt, the sitemap index, every sitemap file, then the pages it
// lists (all of them except chapters, and a sample of chapters spread over every file). Each page
// answers 200, has a unique title, a canonical URL equal to its own, JSON-LD that parses and
// describes the page, and no internal link to a 404. The sitemap lists the 繁體 pages too.

const CHAPTER_SAMPLE = 60;
const LINK_CHECK_CAP = 150;
// Pages other than chapters checked per 繁體 sitemap file (the chapters' sample covers those files too).
const VARIANT_SAMPLE = 12;
// Requests in flight at once: pages render on first request, so the crawl is mostly waiting.
const CONCURRENCY = 4;

async function forEachLimited<T>(items: T[], run: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

type JsonLdNode = Record<string, unknown> & { "@type"?: string };

function locs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => decodeXml(m[1] ?? ""));
}

function decodeXml(text: string): string {
  return text.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, e: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[e] ?? "",
  );
}

function pageParts(html: string) {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? null;
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? null;
  const jsonLd = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1] ?? "") as JsonLdNode,
  );
  const links = [...html.matchAll(/<a [^>]*href="(\/[^"#]*)(?:#[^"]*)?"/g)].map((m) => decodeXml(m[1] ?? ""));
  const feeds = [...html.matchAll(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="([^"]+)"/g)].map(
    (m) => m[1],
  );
  return { title, canonical: canonical && decodeXml(canonical), jsonLd, links, feeds };
}

// A 繁體 page (/zh-hant/…) is of the kind of the page it converts.
const kindOf = (variantPath: string) => kindOfWritten(variantPath.replace(/^\/zh-han[st](?=\/|$)/, "") || "/");
const kindOfWritten = (path: string) =>
  path === "/"
    ? "home"
    : /^\/book\/\d+$/.test(path)
      ? "book"
      : /^\/book\/\d+\/toc$/.test(path)
        ? "toc"
        : /^\/book\/\d+\/\d+(\/\d+)?$/.test(path)
          ? "chapter"
          : /^\/category\//.test(path)
            ? "category"
            : "listing";

function expectJsonLd(path: string, nodes: JsonLdNode[]) {
  const byType = (type: string) => nodes.find((n) => n["@type"] === type);
  const kind = kindOf(path);
  for (const n of nodes) expect(n["@context"], path).toBe("https://schema.org");
  if (kind === "home") {
    const site = byType("WebSite");
    expect(site, path).toBeDefined();
    expect((site?.potentialAction as JsonLdNode | undefined)?.["@type"], path).toBe("SearchAction");
  }
  if (kind === "book") {
    const book = byType("Book");
    expect(book, path).toMatchObject({
      name: expect.any(String),
      genre: expect.any(String),
      inLanguage: expect.any(String),
    });
    expect(book?.wordCount ?? book?.numberOfPages, path).toEqual(expect.any(Number));
    expect(book?.author, path).toMatchObject({ name: expect.any(String) });
    expect(book?.image, path).toMatch(/^http/);
    expect(book?.url, path).toMatch(new RegExp(`${path}$`));
    expect(Date.parse(String(book?.dateModified)), path).not.toBeNaN();
  }
  if (kind === "chapter") {
    const chapter = byType("Chapter");
    // No "position": the stored one counts drafts, and a chapter's page keeps its cache when
    // chapters before it change (lib/data/authoring/revalidation.ts).
    expect(chapter, path).toMatchObject({
      name: expect.any(String),
      url: expect.stringMatching(new RegExp(`${path}$`)),
    });
    expect(chapter?.isPartOf, path).toMatchObject({
      "@type": "Book",
      name: expect.any(String),
      url: expect.any(String),
    });
  }
  if (kind !== "home" && kind !== "listing") {
    const crumbs = byType("BreadcrumbList");
    expect(crumbs, path).toBeDefined();
    const items = crumbs?.itemListElement as JsonLdNode[];
    expect(items.length, path).toBeGreaterThanOrEqual(2);
    items.forEach((item, i) => expect(item.position, path).toBe(i + 1));
  }
}

async function getText(request: APIRequestContext, url: string) {
  const res = await request.get(url, { maxRedirects: 0 });
  expect(res.status(), url).toBe(200);
  return { text: await res.text(), type: res.headers()["content-type"] ?? "" };
}

test("a crawler finds every public page from the sitemap, each canonical, described and without dead links", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(1_800_000);
  const origin = new URL(baseURL ?? "").origin;

  const robots = (await getText(request, "/robots.txt")).text;
  expect(robots).toContain(`Sitemap: ${origin}/sitemap.xml`);
  for (const path of ["/search", "/dashboard", "/admin", "/api/"]) expect(robots).toContain(`Disallow: ${path}`);

  const index = await getText(request, "/sitemap.xml");
  expect(index.type).toContain("xml");
  expect(index.text).toContain("<sitemapindex");
  const files = locs(index.text);
  expect(files.length).toBeGreaterThanOrEqual(3);

  const others: string[] = [];
  const chapterFiles: string[][] = [];
  for (const file of files) {
    expect(file.startsWith(`${origin}/sitemaps/`)).toBe(true);
    const { text } = await getText(request, file);
    expect(text).toContain("<urlset");
    const urls = locs(text);
    expect(urls.length).toBeLessThanOrEqual(50_000);
    expect(urls.length).toBeGreaterThan(0);
    // One assertion per file: an expect per <lastmod> (tens of thousands) costs the runner minutes.
    const badDates = [...text.matchAll(/<lastmod>([^<]+)<\/lastmod>/g)]
      .map((m) => m[1] ?? "")
      .filter((d) => Number.isNaN(Date.parse(d)));
    expect(badDates, file).toEqual([]);
    const chapters = urls.filter((u) => kindOf(new URL(u).pathname) === "chapter");
    const rest = urls.filter((u) => kindOf(new URL(u).pathname) !== "chapter");
    // A 繁體 twin repeats its file's pages converted: a sample of it is enough.
    const variantTwin = /\/sitemaps\/zh-han[st]-/.test(file);
    const step = variantTwin ? Math.max(1, Math.floor(rest.length / VARIANT_SAMPLE)) : 1;
    others.push(...rest.filter((_, i) => i % step === 0));
    if (chapters.length > 0) chapterFiles.push(chapters);
  }
  expect(others).toContain(`${origin}/`);
  const allChapters = chapterFiles.flat();
  expect(
    allChapters.some((u) => /\/\d+\/\d+\/\d+$/.test(u)),
    "sub-pages are listed",
  ).toBe(true);
  // Spread the sample over every file and through each file.
  const perFile = Math.ceil(CHAPTER_SAMPLE / chapterFiles.length);
  const sample = chapterFiles.flatMap((urls) => {
    const step = Math.max(1, Math.floor(urls.length / perFile));
    return urls.filter((_, i) => i % step === 0).slice(0, perFile);
  });
  const pages = [...new Set([...others, ...sample])];

  const titles = new Map<string, string>();
  const links = new Set<string>();
  await forEachLimited(pages, async (url) => {
    const path = new URL(url).pathname;
    const { text, type } = await getText(request, url);
    expect(type, url).toContain("text/html");
    const parts = pageParts(text);
    expect(parts.title, url).toBeTruthy();
    expect(titles.get(parts.title ?? ""), `title of ${url} also used by`).toBeUndefined();
    titles.set(parts.title ?? "", url);
    // Compared as URLs: Next writes the home page's canonical as the bare origin, without "/".
    expect(parts.canonical && new URL(parts.canonical).href, url).toBe(url);
    expectJsonLd(path, parts.jsonLd);
    if (kindOf(path) === "home" || kindOf(path) === "book") expect(parts.feeds.length, url).toBeGreaterThan(0);
    for (const link of parts.links) links.add(link);
  });

  // Links that are not pages we already fetched; chapters are many, so they come last.
  const toCheck = [...links]
    .filter((l) => !pages.includes(`${origin}${l}`))
    .sort((a, b) => Number(kindOf(a) === "chapter") - Number(kindOf(b) === "chapter"))
    .slice(0, LINK_CHECK_CAP);
  await forEachLimited(toCheck, async (link) => {
    const res = await request.fetch(link, { method: "HEAD", maxRedirects: 0 });
    expect(res.status(), `link ${link}`).not.toBe(404);
    expect(res.status(), `link ${link}`).toBeLessThan(500);
  });
});

test("feeds are well-formed Atom linked from the pages", async ({ request, page }) => {
  await page.goto("/");
  const siteFeed = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
  expect(siteFeed).toBeTruthy();
  const bookHref = await page.locator('main a[href^="/book/"]').first().getAttribute("href");
  const bookId = /^\/book\/(\d+)/.exec(bookHref ?? "")?.[1];
  expect(bookId).toBeTruthy();
  await page.goto(`/book/${bookId}`);
  const bookFeed = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
  expect(bookFeed).toContain(`/book/${bookId}/feed.xml`);

  for (const url of [siteFeed ?? "", bookFeed ?? ""]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/atom+xml");
    const xml = await res.text();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      return {
        error: doc.getElementsByTagName("parsererror").length > 0,
        root: doc.documentElement.localName,
        entries: doc.getElementsByTagName("entry").length,
        links: [...doc.querySelectorAll("entry > link")].map((l) => l.getAttribute("href") ?? ""),
      };
    }, xml);
    expect(parsed).toMatchObject({ error: false, root: "feed" });
    expect(parsed.entries).toBeGreaterThan(0);
    for (const link of parsed.links.slice(0, 5)) expect((await request.get(link)).status(), link).toBe(200);
  }

  expect((await request.get("/book/999999/feed.xml")).status()).toBe(404);
  const cover = await request.get(`/book/${bookId}/cover.svg`);
  expect(cover.status()).toBe(200);
  expect(cover.headers()["content-type"]).toContain("image/svg+xml");
  // The cover's own policy, not the site-wide one for pages; the other headers still apply.
  expect(cover.headers()["content-security-policy"]).toBe("default-src 'none'; style-src 'unsafe-inline'");
  expect(cover.headers()["x-content-type-options"]).toBe("nosniff");
  for (const page of ["/", `/book/${bookId}`, `/book/${bookId}/toc`]) {
    expect((await request.get(page)).headers()["content-security-policy"], page).toContain("frame-ancestors 'self'");
  }
});

test("thin pages are kept out of the index", async ({ request }) => {
  const pastTheEnd = await request.get("/books?page=999");
  const html = await pastTheEnd.text();
  expect(pastTheEnd.status() === 404 || /<meta name="robots" content="noindex/.test(html)).toBe(true);
  expect((await request.get("/sitemaps/chapters-999.xml")).status()).toBe(404);
  expect((await request.get("/sitemaps/nope.xml")).status()).toBe(404);
});

test("addresses no page can have are 404s, not errors", async ({ request }) => {
  // A NUL in a slug once reached PostgreSQL (which refuses it in text) and answered 500.
  for (const path of [
    "/category/x%00",
    "/category/%E7%8E%84%E5%B9%BB",
    "/category/" + "a".repeat(41),
    "/category/A-b",
  ]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});
