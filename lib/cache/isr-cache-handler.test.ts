import { describe, expect, it } from "vitest";
import PageCacheHandler, { createPageMemory, sizeOf } from "./isr-cache-handler.mjs";
import { announceTagsExpired } from "./tag-events.mjs";

// The page cache without Redis: an LRU in memory, bounded in bytes, that never keeps a
// not-found page beside the others and serves nothing whose tags expired after it was stored.

const page = (html: string, tags: string[], status = 200) => ({
  kind: "APP_PAGE",
  html,
  rscData: Buffer.from(html),
  status,
  headers: { "x-next-cache-tags": tags.join(",") },
  segmentData: new Map([["/_tree", Buffer.from("tree")]]),
});
const later = () => new Promise((r) => setTimeout(r, 2));

function handler(maxBytes = 1 << 20) {
  return new PageCacheHandler({ redisUrl: null, memory: createPageMemory(maxBytes) });
}

describe("the page cache in memory", () => {
  it("serves a stored page until one of its tags expires, and only that page", async () => {
    const h = handler();
    await h.set("/book/1", page("<h1>一</h1>", ["book:1", "toc:1"]), { cacheControl: { revalidate: 3600 } });
    await h.set("/book/2", page("<h1>二</h1>", ["book:2", "toc:2"]), { cacheControl: { revalidate: 3600 } });
    const got = await h.get("/book/1", {});
    expect((got?.value as { html: string }).html).toBe("<h1>一</h1>");
    expect(got?.cacheControl).toEqual({ revalidate: 3600 });

    await later();
    await h.revalidateTag(["toc:1"]);
    expect(await h.get("/book/1", {})).toBeNull();
    expect(await h.get("/book/2", {})).not.toBeNull();
  });

  it("checks the soft (path) tags Next passes when reading", async () => {
    const h = handler();
    await h.set("/book/3/toc", page("<h1>目录</h1>", ["toc:3"]), {});
    await later();
    await h.revalidateTag("_N_T_/book/3/toc");
    expect(await h.get("/book/3/toc", { softTags: ["_N_T_/book/3/toc"] })).toBeNull();
  });

  it("is shared by the handler objects Next makes per request", async () => {
    const memory = createPageMemory(1 << 20);
    await new PageCacheHandler({ redisUrl: null, memory }).set("/", page("<h1>首页</h1>", ["home"]), {});
    expect(await new PageCacheHandler({ redisUrl: null, memory }).get("/", {})).not.toBeNull();
  });

  it("stays within its byte bound, dropping the least recently read pages first", async () => {
    const html = "书".repeat(10_000);
    const one = sizeOf(page(html, ["t"]));
    const h = handler(one * 3.5);
    for (const n of [1, 2, 3]) await h.set(`/p/${n}`, page(html, [`t${n}`]), {});
    await h.get("/p/1", {});
    await h.set("/p/4", page(html, ["t4"]), {});
    expect(h.memory.calculatedSize).toBeLessThanOrEqual(one * 3.5);
    expect(await h.get("/p/2", {})).toBeNull();
    for (const n of [1, 3, 4]) expect(await h.get(`/p/${n}`, {})).not.toBeNull();
  });

  it("keeps not-found pages apart, a few hundred at most, so a crawl of unknown ids cannot fill the cache", async () => {
    const h = handler();
    for (let n = 0; n < 1000; n++) await h.set(`/book/9${n}`, page("<h1>404</h1>", [], 404), {});
    expect(h.memory.size).toBe(0);
    expect(h.notFound.size).toBeLessThanOrEqual(256);
    expect(await h.get("/book/9999", {})).not.toBeNull();
    expect(await h.get("/book/90", {})).toBeNull();
  });

  it("forgets a not-found page when its tags expire (the book was just published)", async () => {
    const h = handler();
    await h.set("/book/7", page("<h1>404</h1>", ["book:7"], 404), {});
    await later();
    await h.revalidateTag("book:7");
    expect(await h.get("/book/7", {})).toBeNull();
  });

  it("serves nothing stored before an expiry of everything (another instance's, missed)", async () => {
    const h = handler();
    await h.set("/", page("<h1>首页</h1>", ["home"]), {});
    await later();
    announceTagsExpired("*");
    expect(await h.get("/", {})).toBeNull();
    await h.set("/", page("<h1>首页 2</h1>", ["home"]), {});
    expect(await h.get("/", {})).not.toBeNull();
  });
});
