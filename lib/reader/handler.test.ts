import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import PageCacheHandler, { createPageMemory } from "@/lib/cache/isr-cache-handler.mjs";
import { scriptHashSource } from "@/lib/http/security-headers.mjs";
import { createChapter, trashChapter } from "@/lib/data/authoring/chapters";
import { updateBook } from "@/lib/data/authoring/books";
import type { Book, Category, User } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { httpGet, type Got } from "@/lib/test/http-get";
import { addChapter, chineseBody, createBook, createCategory, createUser } from "@/lib/test/fixtures";
import { buildReaderAssets, type ReaderAssets } from "./assets";
import { createPrismaClient } from "@/lib/db/client";
import { readerData } from "./data";
import { chapterRoute, createReader, type Reader } from "./handler";

// The reading pages through the real path: HTTP requests to the reader's handler, pages read from
// a real PostgreSQL, writes made by the authoring data layer, and their tags expired the way Next
// expires them (it hands them to the page cache handler, which announces them to the reader).

const PAGE_CHARS = 400;
const silent = pino({ level: "silent" });

let t: TestDatabase;
let assets: ReaderAssets;
let author: User;
let category: Category;

beforeAll(async () => {
  [t, assets] = await Promise.all([createTestDatabase(), buildReaderAssets({ minify: true })]);
  author = await createUser(t.db, { name: "<b>笔名</b>", role: "AUTHOR" });
  category = await createCategory(t.db);
});

afterAll(() => t?.drop());

type Site = {
  reader: Reader;
  get(path: string, headers?: Record<string, string>, method?: string): Promise<Got>;
  close(): Promise<void>;
};

async function site(opts: { maxBytes?: number; refreshAfterMs?: number; db?: TestDatabase["db"] } = {}): Promise<Site> {
  const reader = createReader({
    data: readerData(opts.db ?? t.db, PAGE_CHARS, () => {}),
    assets,
    maxBytes: opts.maxBytes ?? 64 * 1024 * 1024,
    refreshAfterMs: opts.refreshAfterMs ?? 3_600_000,
    log: silent,
  });
  const server = http.createServer((req, res) => {
    if (!reader.handle(req, res)) res.writeHead(418).end("not the reader's");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    reader,
    get: (path, headers = {}, method = "GET") => httpGet(port, path, headers, method),
    close: async () => {
      reader.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What Next does with the tags a server action expires (updateTag → the page cache handler). */
async function expire(tags: readonly string[]) {
  await new PageCacheHandler({ redisUrl: null, memory: createPageMemory(1024) }).revalidateTag([...tags]);
}

const later = () => new Promise((r) => setTimeout(r, 2));

async function publicBook(title: string, chapters: number): Promise<{ book: Book; ids: number[] }> {
  const book = await createBook(t.db, { title, authorId: author.id, categoryId: category.id });
  const ids = [];
  for (let i = 1; i <= chapters; i++)
    ids.push((await addChapter(t.db, book.id, { title: `第${i}章`, body: `第${i}章的正文。` })).id);
  return { book, ids };
}

const nextLink = (html: string) => /<link rel="next" href="([^"]+)">/.exec(html)?.[1] ?? null;

describe("chapterRoute", () => {
  it("takes chapter pages and their sub-pages, and leaves every other /book/ path to Next", () => {
    expect(chapterRoute("/book/12/345")).toEqual({ bookId: 12, chapterId: 345, page: 1 });
    expect(chapterRoute("/book/12/345/3")).toEqual({ bookId: 12, chapterId: 345, page: 3 });
    expect(chapterRoute("/book/12/345/1")).toEqual({ redirect: "/book/12/345" });
    // The whole chapter on one page.
    expect(chapterRoute("/book/12/345/all")).toEqual({ bookId: 12, chapterId: 345, page: "all" });
    // The chapter's comments page is Next's.
    expect(chapterRoute("/book/12/345/comments")).toBeNull();
    for (const path of [
      "/book/abc/345",
      "/book/12/345/0",
      "/book/12/345/x",
      "/book/12/345/ALL",
      "/book/12/0345",
      "/book/1/99999999999",
      "/book/abc/345/all",
    ]) {
      expect(chapterRoute(path), path).toEqual({ notFound: true });
    }
    for (const path of [
      "/book/12",
      "/book/12/toc",
      "/book/12/feed.xml",
      "/book/12/cover.svg",
      "/book/12/345/2/x",
      "/book/12/345/all/2",
      "/",
    ]) {
      expect(chapterRoute(path), path).toBeNull();
    }
  });
});

describe("the reading page", () => {
  let s: Site;
  beforeAll(async () => {
    s = await site();
  });
  afterAll(() => s.close());

  it("renders a chapter once, then serves it from the cache, compressed, with a validator", async () => {
    const { book, ids } = await publicBook("缓存之书", 2);
    const first = await s.get(`/book/${book.id}/${ids[0]}`, { "accept-encoding": "gzip, br" });
    expect(first.status).toBe(200);
    expect(first.headers["x-shuhai-cache"]).toBe("miss");
    expect(first.headers["content-encoding"]).toBe("gzip");
    expect(first.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(first.headers["x-content-type-options"]).toBe("nosniff");
    expect(first.text).toContain('<h1 id="chapter-title">第1章</h1>');
    expect(first.text).toContain("第1章的正文。");
    expect(first.text).toContain(`<link rel="canonical" href="http://localhost:3000/book/${book.id}/${ids[0]}">`);

    const again = await s.get(`/book/${book.id}/${ids[0]}`);
    expect(again.headers["x-shuhai-cache"]).toBe("hit");
    expect(again.headers["content-encoding"]).toBeUndefined();
    expect(again.text).toBe(first.text);

    const unchanged = await s.get(`/book/${book.id}/${ids[0]}`, { "if-none-match": String(first.headers.etag) });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body.byteLength).toBe(0);
  });

  it("allows scripts from this site and, by hash, exactly the inline scripts the page carries", async () => {
    const { book, ids } = await publicBook("脚本之书", 1);
    for (const path of [`/book/${book.id}/${ids[0]}`, `/book/${book.id}/999999999`]) {
      const page = await s.get(path);
      const policy = String(page.headers["content-security-policy"]);
      const scriptSrc = policy.split("; ").find((d) => d.startsWith("script-src "));
      const inline = [...page.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
      expect(inline.length, path).toBeGreaterThan(0);
      expect(scriptSrc, path).toBe(`script-src 'self' ${inline.map(scriptHashSource).join(" ")}`);
      expect(policy).toContain("frame-ancestors 'self'");
      // The JSON-LD blocks are data, which a policy does not govern; every other script is a file here.
      for (const [tag] of page.text.matchAll(/<script[^>]*>/g)) {
        expect(tag, path).toMatch(/^<script>$|^<script type="application\/ld\+json">$|^<script src="\/_shuhai\//);
      }
    }
  });

  it("escapes what authors write: titles, text and pen names stay text", async () => {
    const book = await createBook(t.db, {
      title: "<script>alert(1)</script>",
      authorId: author.id,
      categoryId: category.id,
    });
    const chapter = await addChapter(t.db, book.id, {
      title: '"><img src=x onerror=alert(2)>',
      body: "<p>不是标记</p>\n&amp;",
    });
    const { text } = await s.get(`/book/${book.id}/${chapter.id}`);
    expect(text).not.toContain("<script>alert(1)");
    expect(text).not.toContain("<img src=x");
    expect(text).not.toContain("<b>笔名</b>");
    expect(text).toContain("&lt;p&gt;不是标记&lt;/p&gt;");
    expect(text).toContain("&amp;amp;");
    expect(text).toContain("&lt;b&gt;笔名&lt;/b&gt;");
    // JSON-LD cannot be closed early either.
    expect(text).not.toMatch(/"name":"[^"]*<\/script>/);
  });

  it("splits a long chapter into sub-pages with (n/m) titles and links between them", async () => {
    const book = await createBook(t.db, { title: "长书", authorId: author.id, categoryId: category.id });
    const long = await addChapter(t.db, book.id, { title: "长章", body: chineseBody(1200, 100) });
    const first = await s.get(`/book/${book.id}/${long.id}`);
    const total = Number(/（1\/(\d+)）/.exec(first.text)?.[1]);
    expect(total).toBeGreaterThan(1);
    expect(nextLink(first.text)).toBe(`/book/${book.id}/${long.id}/2`);
    expect(first.text).toContain("本章未完，点击下一页继续阅读");
    const last = await s.get(`/book/${book.id}/${long.id}/${total}`);
    expect(last.status).toBe(200);
    expect(last.text).toContain(`（${total}/${total}）`);
    expect((await s.get(`/book/${book.id}/${long.id}/${total + 1}`)).status).toBe(404);
    const one = await s.get(`/book/${book.id}/${long.id}/1`);
    expect(one.status).toBe(308);
    expect(one.headers.location).toBe(`/book/${book.id}/${long.id}`);
  });

  it("shows the whole chapter on one page at /all: not indexed, canonical to the chapter, linked nofollow", async () => {
    const book = await createBook(t.db, { title: "整章之书", authorId: author.id, categoryId: category.id });
    const before = await addChapter(t.db, book.id, { title: "前章", body: "前一章。" });
    const body = Array.from({ length: 12 }, (_, i) => `段落${i + 1}${"书".repeat(96)}。`).join("\n");
    const long = await addChapter(t.db, book.id, { title: "长章", body });
    const after = await addChapter(t.db, book.id, { title: "后章", body: "后一章。" });
    const here = `/book/${book.id}/${long.id}`;
    const first = await s.get(here);
    const total = Number(/（1\/(\d+)）/.exec(first.text)?.[1]);
    expect(total).toBeGreaterThan(1);
    // Each sub-page links the whole view, nofollow; its own canonical address is unchanged.
    expect(first.text).toContain(`<a href="${here}/all" rel="nofollow" data-paging="whole">全章阅读</a>`);
    const paragraphsOf = (html: string) => [...html.matchAll(/<p>(段落[^<]*)<\/p>/g)].map((m) => m[1]!);
    const paged: string[] = [];
    for (let page = 1; page <= total; page++)
      paged.push(...paragraphsOf((await s.get(page === 1 ? here : `${here}/${page}`)).text));

    const whole = await s.get(`${here}/all`);
    expect(whole.status).toBe(200);
    expect(whole.headers["x-shuhai-cache"]).toBe("miss");
    // Every paragraph of every sub-page, in order, under the chapter's own title.
    expect(paragraphsOf(whole.text)).toEqual(paged);
    expect(whole.text).toContain('<h1 id="chapter-title">长章</h1>');
    expect(whole.text).not.toContain("本章未完");
    expect(whole.text).toContain(`<link rel="canonical" href="http://localhost:3000${here}">`);
    expect(whole.text).toContain('<meta name="robots" content="noindex, follow">');
    expect(whole.text).not.toContain('<link rel="alternate" hreflang');
    expect(whole.text).toContain("<title>长章 - 整章之书 - 书海</title>");
    // Its neighbours are the other chapters' whole views, followed by nothing that indexes.
    expect(whole.text).toContain(`<link rel="prev" href="/book/${book.id}/${before.id}/all">`);
    expect(nextLink(whole.text)).toBe(`/book/${book.id}/${after.id}/all`);
    expect(whole.text).toContain(`<a rel="next nofollow" href="/book/${book.id}/${after.id}/all">下一章</a>`);
    expect(whole.text).toContain(`<a href="${here}" data-paging="pages">分页阅读</a>`);
    expect((await s.get(`${here}/all`)).headers["x-shuhai-cache"]).toBe("hit");

    // An unknown chapter's whole view is a 404 like its sub-pages.
    expect((await s.get(`/book/${book.id}/999999999/all`)).status).toBe(404);
  });

  it("expires the whole view with the chapter's tags", async () => {
    const { book, ids } = await publicBook("整章改名", 1);
    const path = `/book/${book.id}/${ids[0]}/all`;
    await s.get(path);
    expect((await s.get(path)).headers["x-shuhai-cache"]).toBe("hit");
    await later();
    const { tags } = await updateBook(t.db, { id: author.id, role: "AUTHOR" }, { bookId: book.id, title: "整章新名" });
    await expire(tags);
    const again = await s.get(path);
    expect(again.headers["x-shuhai-cache"]).toBe("miss");
    expect(again.text).toContain("整章新名");
  });

  it("answers HEAD with the headers only, and leaves other methods to Next", async () => {
    const { book, ids } = await publicBook("头部之书", 1);
    const page = await s.get(`/book/${book.id}/${ids[0]}`);
    const head = await s.get(`/book/${book.id}/${ids[0]}`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers["content-length"]).toBe(String(page.body.byteLength));
    expect((await s.get(`/book/${book.id}/${ids[0]}`, {}, "POST")).status).toBe(418);
  });

  it("serves its stylesheet and script under names that change with their content, cached for good", async () => {
    for (const asset of [assets.css, assets.js, assets.tools]) {
      const res = await s.get(asset.href, { "accept-encoding": "gzip" });
      expect(res.status).toBe(200);
      expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(res.headers["content-type"]).toBe(asset.type);
      expect(res.text).toBe(asset.body.toString("utf8"));
    }
    expect((await s.get("/_shuhai/reader.0000000000000000.js")).status).toBe(404);
    // The script loads the tools' file by its address; it holds no text to convert for 繁體 / 简体.
    expect(assets.js.body.toString("utf8")).toContain(assets.tools.href);
    expect(assets.tools.body.toString("utf8")).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("is 404 for drafts, scheduled and trashed chapters, another book's chapter, and unknown ids", async () => {
    const { book, ids } = await publicBook("四零四", 1);
    const other = await publicBook("别的书", 1);
    const draft = await addChapter(t.db, book.id, { status: "DRAFT" });
    const scheduled = await addChapter(t.db, book.id, { status: "SCHEDULED" });
    const trashed = await addChapter(t.db, book.id, { deletedAt: new Date() });
    for (const path of [
      `/book/${book.id}/${draft.id}`,
      `/book/${book.id}/${scheduled.id}`,
      `/book/${book.id}/${trashed.id}`,
      `/book/${other.book.id}/${ids[0]}`,
      `/book/${book.id}/2147483647`,
      `/book/abc/${ids[0]}`,
    ]) {
      const res = await s.get(path);
      expect(res.status, path).toBe(404);
      expect(res.text).toContain("页面不存在");
      expect(res.text).toContain('<meta name="robots" content="noindex">');
    }
  });
});

describe("繁體 / 简体 variants", () => {
  let s: Site;
  beforeAll(async () => {
    s = await site();
  });
  afterAll(() => s.close());

  it("serves a chapter converted to Traditional Chinese at /zh-hant/, with its links, address and script in the variant", async () => {
    const book = await createBook(t.db, { title: "头发与发展", authorId: author.id, categoryId: category.id });
    const first = await addChapter(t.db, book.id, { title: "第1章 后来", body: "他的头发乱了。\n后来的事。" });
    const second = await addChapter(t.db, book.id, { title: "第2章", body: "皇后来了。" });
    const written = await s.get(`/book/${book.id}/${first.id}`);
    const page = await s.get(`/zh-hant/book/${book.id}/${first.id}`, { "accept-encoding": "gzip" });
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(page.text).toContain('<html lang="zh-Hant">');
    expect(page.text).toContain('<h1 id="chapter-title">第1章 後來</h1>');
    expect(page.text).toContain("<p>他的頭髮亂了。</p><p>後來的事。</p>");
    expect(page.text).toContain(`<a rel="next" href="/zh-hant/book/${book.id}/${second.id}">下一章</a>`);
    expect(page.text).toContain(`<a href="/zh-hant/book/${book.id}/toc">目錄</a>`);
    // Its own canonical address; both pages name every variant, the page as written the default.
    expect(page.text).toContain(
      `<link rel="canonical" href="http://localhost:3000/zh-hant/book/${book.id}/${first.id}">`,
    );
    for (const html of [page.text, written.text]) {
      expect(html).toContain(
        `<link rel="alternate" hreflang="x-default" href="http://localhost:3000/book/${book.id}/${first.id}">`,
      );
      expect(html).toContain(
        `<link rel="alternate" hreflang="zh-Hant" href="http://localhost:3000/zh-hant/book/${book.id}/${first.id}">`,
      );
      expect(html).toContain(
        `<link rel="alternate" hreflang="zh-Hans" href="http://localhost:3000/book/${book.id}/${first.id}">`,
      );
    }
    expect(page.text).not.toContain('<meta name="robots"');
    // The page as written is untouched and links both variants from the reader's bar.
    expect(written.text).toContain("<p>他的头发乱了。</p>");
    expect(written.text).toContain(
      `<a href="/zh-hant/book/${book.id}/${first.id}" hreflang="zh-Hant" aria-label="繁體中文">繁</a>`,
    );
    // The reader's script speaks the variant's script too.
    const script = /<script src="([^"]+)" defer>/.exec(page.text)?.[1];
    expect(script).toMatch(/^\/_shuhai\/reader-hant\.[0-9a-f]+\.js$/);
    const js = await s.get(script!);
    expect(js.status).toBe(200);
    expect(js.text).toContain("加入書架");
    expect(js.text).not.toContain("加入书架");
  });

  it("converts a book written in traditional characters to simplified at /zh-hans/ (not indexed), and keeps it as written otherwise", async () => {
    const book = await createBook(t.db, {
      title: "劍來",
      authorId: author.id,
      categoryId: category.id,
      language: "zh-TW",
    });
    const chapter = await addChapter(t.db, book.id, { title: "第一章 驚蟄", body: "這是一個關於劍的故事。" });
    expect((await s.get(`/book/${book.id}/${chapter.id}`)).text).toContain("<p>這是一個關於劍的故事。</p>");
    const simplified = await s.get(`/zh-hans/book/${book.id}/${chapter.id}`);
    expect(simplified.text).toContain('<html lang="zh-Hans">');
    expect(simplified.text).toContain("<p>这是一个关于剑的故事。</p>");
    expect(simplified.text).toContain('<h1 id="chapter-title">第一章 惊蛰</h1>');
    // On a Simplified site the page as written is the zh-Hans one: this address is for readers only.
    expect(simplified.text).toContain('<head><meta name="robots" content="noindex, follow">');
  });

  it("caches a variant beside the page as written, expires both together, and keeps sub-page and 404 rules", async () => {
    const { book, ids } = await publicBook("变体缓存", 2);
    const path = `/zh-hant/book/${book.id}/${ids[0]}`;
    expect((await s.get(path)).headers["x-shuhai-cache"]).toBe("miss");
    expect((await s.get(path)).headers["x-shuhai-cache"]).toBe("hit");
    expect((await s.get(`/book/${book.id}/${ids[0]}`)).headers["x-shuhai-cache"]).toBe("miss");
    await later();
    const { tags } = await updateBook(
      t.db,
      { id: author.id, role: "AUTHOR" },
      { bookId: book.id, title: "变体缓存二" },
    );
    await expire(tags);
    const renamed = await s.get(path);
    expect(renamed.headers["x-shuhai-cache"]).toBe("miss");
    expect(renamed.text).toContain("變體緩存二");

    const one = await s.get(`/zh-hant/book/${book.id}/${ids[0]}/1`);
    expect(one.status).toBe(308);
    expect(one.headers.location).toBe(path);
    const missing = await s.get(`/zh-hant/book/${book.id}/99999999`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<html lang="zh-Hant">');
    // Not a variant address: left to Next.
    expect((await s.get(`/zh-hantx/book/${book.id}/${ids[0]}`)).status).toBe(418);
  });
});

describe("what a write expires", () => {
  let s: Site;
  beforeAll(async () => {
    s = await site();
  });
  afterAll(() => s.close());

  it("a publish in book A leaves book B's pages and A's other pages cached; the old last chapter links the new one", async () => {
    const a = await publicBook("甲书", 4);
    const b = await publicBook("乙书", 2);
    const paths = [...a.ids.map((id) => `/book/${a.book.id}/${id}`), ...b.ids.map((id) => `/book/${b.book.id}/${id}`)];
    for (const path of paths) await s.get(path);
    const lastOfA = paths[3]!;
    expect(nextLink((await s.get(lastOfA)).text)).toBeNull();

    await later();
    const published = await createChapter(
      t.db,
      { id: author.id, role: "AUTHOR" },
      {
        bookId: a.book.id,
        title: "第5章",
        body: "新的一章。",
        intent: "publish",
      },
    );
    await expire(published.tags);

    // Book B, and A's chapters that do not border the new one: still served from the cache.
    for (const path of [...paths.slice(0, 3), ...paths.slice(4)]) {
      expect((await s.get(path)).headers["x-shuhai-cache"], path).toBe("hit");
    }
    // The old last chapter renders again, now linking the new chapter.
    const neighbour = await s.get(lastOfA);
    expect(neighbour.headers["x-shuhai-cache"]).toBe("miss");
    expect(nextLink(neighbour.text)).toBe(`/book/${a.book.id}/${published.chapterId}`);
    expect(neighbour.text).toContain(`<a rel="next" href="/book/${a.book.id}/${published.chapterId}">下一章</a>`);
    expect((await s.get(`/book/${a.book.id}/${published.chapterId}`)).status).toBe(200);
  });

  it("a trashed chapter is 404 at once, and both its neighbours link past it", async () => {
    const { book, ids } = await publicBook("丙书", 3);
    for (const id of ids) await s.get(`/book/${book.id}/${id}`);
    await later();
    const { tags } = await trashChapter(t.db, { id: author.id, role: "AUTHOR" }, { chapterId: ids[1]! });
    await expire(tags);
    expect((await s.get(`/book/${book.id}/${ids[1]}`)).status).toBe(404);
    expect(nextLink((await s.get(`/book/${book.id}/${ids[0]}`)).text)).toBe(`/book/${book.id}/${ids[2]}`);
  });

  it("a published draft that was asked for before (404) is found once published", async () => {
    const { book } = await publicBook("丁书", 1);
    const draft = await createChapter(
      t.db,
      { id: author.id, role: "AUTHOR" },
      {
        bookId: book.id,
        title: "草稿",
        body: "还没写完。",
        intent: "save",
      },
    );
    expect((await s.get(`/book/${book.id}/${draft.chapterId}`)).status).toBe(404);
    await later();
    const { publishChapter } = await import("@/lib/data/authoring/chapters");
    const { tags } = await publishChapter(t.db, { id: author.id, role: "AUTHOR" }, { chapterId: draft.chapterId });
    await expire(tags);
    expect((await s.get(`/book/${book.id}/${draft.chapterId}`)).status).toBe(200);
  });

  it("renaming a book expires all of its pages, and no other book's", async () => {
    const a = await publicBook("戊书", 2);
    const b = await publicBook("己书", 1);
    for (const path of [...a.ids.map((id) => `/book/${a.book.id}/${id}`), `/book/${b.book.id}/${b.ids[0]}`])
      await s.get(path);
    await later();
    const { tags } = await updateBook(
      t.db,
      { id: author.id, role: "AUTHOR" },
      { bookId: a.book.id, title: "戊书（新版）" },
    );
    await expire(tags);
    for (const id of a.ids) {
      const page = await s.get(`/book/${a.book.id}/${id}`);
      expect(page.headers["x-shuhai-cache"]).toBe("miss");
      expect(page.text).toContain("戊书（新版）");
    }
    expect((await s.get(`/book/${b.book.id}/${b.ids[0]}`)).headers["x-shuhai-cache"]).toBe("hit");
  });
});

describe("the cache's bounds", () => {
  it("stays within its byte bound; pages read again stay while a crawler sweeps the others through", async () => {
    const { book, ids } = await publicBook("容量之书", 30);
    const path = (id: number) => `/book/${book.id}/${id}`;
    const probe = await site();
    for (const id of ids) await probe.get(path(id));
    const onePage = probe.reader.cache.stats().bytes / ids.length;
    await probe.close();

    // Room for about eight pages: two read once so far, six read again.
    const s = await site({ maxBytes: onePage * 8 });
    const readers = ids.slice(0, 4);
    for (const id of readers) {
      await s.get(path(id));
      expect((await s.get(path(id))).headers["x-shuhai-cache"]).toBe("hit");
    }
    for (const id of ids.slice(4)) await s.get(path(id));

    const stats = s.reader.cache.stats();
    expect(stats.bytes).toBeLessThanOrEqual(onePage * 8);
    expect(stats.keptPages).toBe(4);
    for (const id of readers) expect((await s.get(path(id))).headers["x-shuhai-cache"], path(id)).toBe("hit");
    // What the crawler read once left again, oldest first.
    expect((await s.get(path(ids[4]!))).headers["x-shuhai-cache"]).toBe("miss");
    expect((await s.get(path(ids[29]!))).headers["x-shuhai-cache"]).toBe("hit");
    await s.close();
  });

  it("a crawl of unknown ids leaves the pages readers read in place", async () => {
    const { book, ids } = await publicBook("爬虫之书", 1);
    const s = await site();
    await s.get(`/book/${book.id}/${ids[0]}`);
    const before = s.reader.cache.stats();
    for (let n = 0; n < 5000; n++) {
      const res = await s.get(`/book/${book.id}/${900_000_000 + n}`);
      expect(res.status).toBe(404);
    }
    const after = s.reader.cache.stats();
    expect(after.pages).toBe(before.pages);
    expect(after.bytes).toBe(before.bytes);
    expect(after.notFound).toBeLessThanOrEqual(4096);
    expect((await s.get(`/book/${book.id}/${ids[0]}`)).headers["x-shuhai-cache"]).toBe("hit");
    await s.close();
  }, 60_000);

  it("serves a page that has aged while it renders again in the background", async () => {
    const { book, ids } = await publicBook("陈旧之书", 1);
    const s = await site({ refreshAfterMs: 300 });
    const path = `/book/${book.id}/${ids[0]}`;
    await s.get(path);
    await new Promise((r) => setTimeout(r, 350));
    expect((await s.get(path)).headers["x-shuhai-cache"]).toBe("stale");
    await new Promise((r) => setTimeout(r, 50));
    expect((await s.get(path)).headers["x-shuhai-cache"]).toBe("hit");
    await s.close();
  });
});

describe("when the database is away", () => {
  it("answers 503 with a page saying so, and keeps nothing", async () => {
    // A real client to a port nothing listens on: every query fails at once.
    const away = createPrismaClient("postgresql://postgres:x@127.0.0.1:1/shuhai");
    const s = await site({ db: away });
    const res = await s.get("/book/1/1");
    expect(res.status).toBe(503);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["retry-after"]).toBe("5");
    expect(res.text).toContain("服务暂时不可用");
    expect(s.reader.cache.stats()).toMatchObject({ pages: 0, notFound: 0 });
    await s.close();
    await away.$disconnect();
  });
});
