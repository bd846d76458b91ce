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
/** The most of the bytes pages read more than once may hold (see the class comment). */
const KEPT_SHARE = 0.75;

/**
 * The chapter pages' cache: in this process's memory, bounded in bytes (compressed pages are ~4×
 * smaller than their HTML), with nothing on disk. A page is served until one of its tags expires
 * (lib/cache/tag-events.mjs tells it), and served stale, while it renders again in the
 * background, once it is older than `refreshAfterMs` (its recommendation blocks age).
 *
 * Two LRU segments in one byte bound (a segmented LRU): a page enters "probation" and moves to
 * "kept" when it is asked for again. Kept holds at most three quarters of the bytes (what it
 * drops goes back to probation); probation has the rest, and gives up its least recent pages
 * first when the two together are full. A crawler sweeping millions of pages once only churns
 * probation, and the pages readers come back to stay.
 *
 * Not-found answers are kept apart, a few thousand at most, so a crawl of unknown ids cannot
 * push out the pages readers read.
 */
export class PageCache {
  readonly probation: LRUCache<string, CachedPage>;
  readonly kept: LRUCache<string, CachedPage>;
  readonly notFound: LRUCache<string, CachedPage>;
  readonly tagTimes: TagTimes;
  readonly maxBytes: number;
  private readonly refreshAfterMs: number;
  private readonly now: () => number;

  constructor(opts: { maxBytes: number; refreshAfterMs: number; notFoundEntries?: number; now?: () => number }) {
    this.now = opts.now ?? Date.now;
    this.refreshAfterMs = opts.refreshAfterMs;
    this.tagTimes = new TagTimes({ now: this.now });
    this.maxBytes = Math.max(2, Math.floor(opts.maxBytes));
    const sizeCalculation = (page: CachedPage, key: string) => page.gzip.byteLength + key.length + ENTRY_OVERHEAD;
    this.probation = new LRUCache({ maxSize: this.maxBytes, sizeCalculation });
    this.kept = new LRUCache({
      maxSize: Math.max(1, Math.floor(this.maxBytes * KEPT_SHARE)),
      sizeCalculation,
      dispose: (page, key, reason) => {
        if (reason === "evict") this.probation.set(key, page);
      },
    });
    this.notFound = new LRUCache({ max: opts.notFoundEntries ?? 4096 });
  }

  /** Drops probation's least recent pages until both segments fit the bound together. */
  private fit(): void {
    while (this.probation.calculatedSize + this.kept.calculatedSize > this.maxBytes && this.probation.size > 0) {
      this.probation.pop();
    }
  }

  get(key: string): Lookup {
    let page = this.kept.get(key);
    if (!page) {
      page = this.probation.get(key);
      if (page) {
        this.probation.delete(key);
        this.kept.set(key, page);
        this.fit();
      }
    }
    page ??= this.notFound.get(key);
    if (!page) return undefined;
    const state = this.tagTimes.state(page.tags, page.storedAt);
    if (state === "expired") {
      this.delete(key);
      return undefined;
    }
    const old = this.now() - page.storedAt > this.refreshAfterMs;
    return { page, state: state === "stale" || old ? "stale" : "fresh" };
  }

  set(key: string, page: CachedPage): void {
    if (page.status === 404) {
      this.kept.delete(key);
      this.probation.delete(key);
      this.notFound.set(key, page);
      return;
    }
    this.notFound.delete(key);
    // A page rendered again (a refresh of one in kept) stays where it is.
    if (this.kept.has(key)) this.kept.set(key, page);
    else this.probation.set(key, page);
    this.fit();
  }

  private delete(key: string): void {
    this.kept.delete(key);
    this.probation.delete(key);
    this.notFound.delete(key);
  }

  tagsExpired(tags: readonly string[] | "*", durations?: { expire?: number }): void {
    if (tags === "*") this.tagTimes.expireAll();
    else this.tagTimes.expire(tags, durations);
  }

  /** Entries and bytes held (for GET /_shuhai/stats and the benchmarks). */
  stats() {
    return {
      pages: this.probation.size + this.kept.size,
      keptPages: this.kept.size,
      bytes: this.probation.calculatedSize + this.kept.calculatedSize,
      maxBytes: this.maxBytes,
      notFound: this.notFound.size,
    };
  }
}
