import { LRUCache } from "lru-cache";
import { TagTimes } from "@/lib/cache/tag-times.mjs";

/** A rendered page as it is sent: gzip-compressed, with its validator and what it depends on. */
export type CachedPage = {
  status: number;
  gzip: Buffer;
  etag: string;
  tags: readonly string[];
  storedAt: number;
};

export type Lookup = { page: CachedPage; state: "fresh" | "stale" } | undefined;

const ENTRY_OVERHEAD = 256;

/**
 * The chapter pages' cache: an LRU in this process's memory, bounded in bytes (compressed pages
 * are ~4× smaller than their HTML), with nothing on disk. A page is served until one of its tags
 * expires (lib/cache/tag-events.mjs tells it), and served stale, while it renders again in the
 * background, once it is older than `refreshAfterMs` (its recommendation blocks age).
 *
 * Not-found answers are kept apart, a few thousand at most, so a crawl of unknown ids cannot
 * push out the pages readers read.
 */
export class PageCache {
  readonly pages: LRUCache<string, CachedPage>;
  readonly notFound: LRUCache<string, CachedPage>;
  readonly tagTimes: TagTimes;
  private readonly refreshAfterMs: number;
  private readonly now: () => number;

  constructor(opts: { maxBytes: number; refreshAfterMs: number; notFoundEntries?: number; now?: () => number }) {
    this.now = opts.now ?? Date.now;
    this.refreshAfterMs = opts.refreshAfterMs;
    this.tagTimes = new TagTimes({ now: this.now });
    this.pages = new LRUCache({
      maxSize: Math.max(1, Math.floor(opts.maxBytes)),
      sizeCalculation: (page, key) => page.gzip.byteLength + key.length + ENTRY_OVERHEAD,
    });
    this.notFound = new LRUCache({ max: opts.notFoundEntries ?? 4096 });
  }

  get(key: string): Lookup {
    for (const store of [this.pages, this.notFound]) {
      const page = store.get(key);
      if (!page) continue;
      const state = this.tagTimes.state(page.tags, page.storedAt);
      if (state === "expired") {
        store.delete(key);
        return undefined;
      }
      const old = this.now() - page.storedAt > this.refreshAfterMs;
      return { page, state: state === "stale" || old ? "stale" : "fresh" };
    }
    return undefined;
  }

  set(key: string, page: CachedPage): void {
    (page.status === 404 ? this.notFound : this.pages).set(key, page);
    (page.status === 404 ? this.pages : this.notFound).delete(key);
  }

  tagsExpired(tags: readonly string[] | "*", durations?: { expire?: number }): void {
    if (tags === "*") this.tagTimes.expireAll();
    else this.tagTimes.expire(tags, durations);
  }

  /** Bytes held (for the health endpoint and the benchmarks). */
  stats() {
    return {
      pages: this.pages.size,
      bytes: this.pages.calculatedSize,
      maxBytes: this.pages.maxSize,
      notFound: this.notFound.size,
    };
  }
}
