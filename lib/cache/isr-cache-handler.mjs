// The page cache handler (next.config.mjs `cacheHandler`): where `next start` keeps the pages it
// renders (book pages, tables of contents, lists: HTML, RSC payload and prefetch segments). It
// implements the interface in node_modules/next/dist/docs (incrementalCacheHandlerPath.md) and
// replaces Next's own file-system cache, which writes every rendered URL to disk for good.
//
// - Without REDIS_URL: an LRU in this process's memory, bounded to PAGE_CACHE_MB (default 128),
//   and nothing on disk. A restart starts cold; a page renders again on its first request.
// - With REDIS_URL: entries in Redis with a TTL (at most a week), shared by every instance; tag
//   expiry times in Redis too (lib/cache/redis-store.mjs), so an author's publish on one
//   instance reaches the pages every instance serves.
// - Not-found pages are never written to Redis or to the main LRU: a crawl of unknown ids would
//   fill them. The last few hundred stay in a small LRU of their own, for bots that retry.
// - Every expiry Next hands to `revalidateTag` is announced to the caches Next does not manage
//   (lib/cache/tag-events.mjs).
import { readFileSync } from "node:fs";
import path from "node:path";
import { LRUCache } from "lru-cache";
import {
  decode,
  encode,
  entryKey,
  expireTags,
  relayTagExpiries,
  store,
  tagTimes,
  ttlSeconds,
  warn,
  writeEntry,
} from "./redis-store.mjs";
import { announceTagsExpired, onTagsExpired } from "./tag-events.mjs";
import { TagTimes } from "./tag-times.mjs";

const TAGS_HEADER = "x-next-cache-tags";
const MB = 1024 * 1024;
const NOT_FOUND_ENTRIES = 256;

/**
 * Pages are keyed by build, so instances running another build (a rolling deploy) never serve
 * each other's HTML, which names that build's scripts.
 * @param {string | undefined} serverDistDir
 */
function buildIdOf(serverDistDir) {
  if (!serverDistDir) return "unknown";
  try {
    return readFileSync(path.join(serverDistDir, "..", "BUILD_ID"), "utf8").trim();
  } catch {
    return "unknown";
  }
}

/**
 * The tags an entry carries: a page's or route's in its headers, a fetch's in the context.
 * @param {{ kind?: string, headers?: Record<string, unknown> } | null} value
 * @param {{ tags?: string[] }} [ctx]
 * @returns {string[]}
 */
function tagsOf(value, ctx) {
  const header = value?.headers?.[TAGS_HEADER];
  if (typeof header === "string") return header.split(",").filter(Boolean);
  if (Array.isArray(header)) return header.map(String);
  return ctx?.tags ?? [];
}

/**
 * Bytes an entry holds in memory, near enough for a bound: strings at two bytes a character.
 * @param {unknown} value
 * @returns {number}
 */
export function sizeOf(value) {
  if (value == null) return 0;
  if (typeof value === "string") return value.length * 2;
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value !== "object") return 8;
  if (value instanceof Map) {
    let size = 0;
    for (const [k, v] of value) size += sizeOf(k) + sizeOf(v);
    return size;
  }
  let size = 0;
  for (const [k, v] of Object.entries(value)) size += k.length + sizeOf(v);
  return size;
}

/**
 * The entry with every byte array in a buffer of its own: Next hands over views of larger
 * buffers, which would keep far more memory alive than the LRU counts.
 * @template T
 * @param {T} value
 * @returns {T}
 */
export function compact(value) {
  if (value instanceof Uint8Array) {
    const copy = Buffer.allocUnsafeSlow(value.byteLength);
    copy.set(value);
    return /** @type {T} */ (/** @type {unknown} */ (copy));
  }
  if (value instanceof Map)
    return /** @type {T} */ (/** @type {unknown} */ (new Map([...value].map(([k, v]) => [k, compact(v)]))));
  if (
    value &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return /** @type {T} */ (Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)])));
  }
  return value;
}

/** @param {string | undefined} raw @param {number} fallback */
function megabytes(raw, fallback) {
  const n = Number(raw);
  return raw !== undefined && raw !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
}

/**
 * @typedef {{ lastModified: number, value: any, cacheControl?: { revalidate: number | false, expire?: number }, tags: string[] }} StoredPage
 * @typedef {{ kind?: string, status?: number, headers?: Record<string, unknown>, revalidate?: number | false }} PageData
 * @typedef {{ memory: LRUCache<string, StoredPage>, notFound: LRUCache<string, StoredPage>, tagTimes: TagTimes }} PageMemory
 */

/**
 * What the handler keeps in this process. Next makes a handler object per request, so this
 * lives beside the class, made once; it follows every expiry, this instance's and (through
 * Redis) the others'.
 * @param {number} maxBytes
 * @returns {PageMemory}
 */
export function createPageMemory(maxBytes) {
  /** @type {PageMemory} */
  const state = {
    memory: new LRUCache({
      maxSize: Math.max(1, Math.floor(maxBytes)),
      sizeCalculation: (entry, key) => Math.max(1, key.length + sizeOf(entry.value)),
    }),
    notFound: new LRUCache({ max: NOT_FOUND_ENTRIES }),
    tagTimes: new TagTimes(),
  };
  onTagsExpired((tags, durations) =>
    tags === "*" ? state.tagTimes.expireAll() : state.tagTimes.expire(tags, durations),
  );
  return state;
}

const MEMORY_KEY = Symbol.for("shuhai.pageMemory");

/**
 * This process's page memory, made on first use: on globalThis, so the server's statistics
 * (lib/server/stats.ts) see the one Next's copy of this module made.
 * @returns {PageMemory}
 */
function processMemory() {
  const g = /** @type {Record<symbol, PageMemory | undefined>} */ (/** @type {unknown} */ (globalThis));
  return (g[MEMORY_KEY] ??= createPageMemory(megabytes(process.env.PAGE_CACHE_MB, 128) * MB));
}

/**
 * Entries and bytes held by this process's page memory, or null before Next made it.
 * @returns {{ pages: number, bytes: number, maxBytes: number, notFound: number } | null}
 */
export function pageMemoryStats() {
  const g = /** @type {Record<symbol, PageMemory | undefined>} */ (/** @type {unknown} */ (globalThis));
  const state = g[MEMORY_KEY];
  if (!state) return null;
  return {
    pages: state.memory.size,
    bytes: state.memory.calculatedSize,
    maxBytes: state.memory.maxSize,
    notFound: state.notFound.size,
  };
}

export default class PageCacheHandler {
  /**
   * Next passes serverDistDir (and more we do not use); tests pass their own redisUrl or memory.
   * @param {{ serverDistDir?: string, redisUrl?: string | null, memory?: PageMemory }} [ctx]
   */
  constructor(ctx = {}) {
    this.buildId = buildIdOf(ctx.serverDistDir);
    this.redisUrl = ctx.redisUrl === undefined ? process.env.REDIS_URL || undefined : ctx.redisUrl || undefined;
    const state = ctx.memory ?? processMemory();
    this.memory = state.memory;
    this.notFound = state.notFound;
    this.tagTimes = state.tagTimes;
    if (this.redisUrl) relayTagExpiries(this.redisUrl);
  }

  /** @param {string} key */
  redisKey(key) {
    return entryKey(`page:${this.buildId}`, key);
  }

  /**
   * @param {string} key
   * @param {{ tags?: string[], softTags?: string[] }} [ctx]
   */
  async get(key, ctx = {}) {
    const extra = [...(ctx.tags ?? []), ...(ctx.softTags ?? [])];
    const found = this.notFound.get(key);
    if (found) return this.serve(found, extra, () => this.notFound.delete(key));
    if (!this.redisUrl) {
      const entry = this.memory.get(key);
      return entry ? this.serve(entry, extra, () => this.memory.delete(key)) : null;
    }
    const s = store(this.redisUrl);
    try {
      await s.started;
      const stored = await s.redis.get(this.redisKey(key));
      if (!stored) return null;
      const entry = /** @type {StoredPage} */ (decode(stored));
      const { expired, stale } = await tagTimes(s, [...entry.tags, ...extra]);
      // An expired (or stale) tag means a blocking re-render, as Next's own file cache does.
      if (expired > entry.lastModified || stale > entry.lastModified) return null;
      return { lastModified: entry.lastModified, value: entry.value, cacheControl: entry.cacheControl };
    } catch (error) {
      warn(s, "page read failed", error);
      return null;
    }
  }

  /**
   * An entry from this process's memory, unless one of its tags expired after it was stored.
   * @param {StoredPage} entry @param {string[]} extra @param {() => void} drop
   */
  serve(entry, extra, drop) {
    if (this.tagTimes.state([...entry.tags, ...extra], entry.lastModified) !== "fresh") {
      drop();
      return null;
    }
    return { lastModified: entry.lastModified, value: entry.value, cacheControl: entry.cacheControl };
  }

  /**
   * @param {string} key
   * @param {PageData | null} data
   * @param {{ tags?: string[], fetchCache?: boolean, cacheControl?: { revalidate: number | false, expire?: number } }} [ctx]
   */
  async set(key, data, ctx = {}) {
    if (!data) return;
    const cacheControl = ctx.fetchCache ? undefined : ctx.cacheControl;
    /** @type {StoredPage} */
    const entry = { lastModified: Date.now(), tags: tagsOf(data, ctx), cacheControl, value: data };
    if (data.status === 404) {
      this.notFound.set(key, entry);
      return;
    }
    if (!this.redisUrl) {
      this.memory.set(key, { ...entry, value: compact(data) });
      return;
    }
    const s = store(this.redisUrl);
    try {
      const seconds = cacheControl ? (cacheControl.expire ?? cacheControl.revalidate) : data.revalidate;
      await writeEntry(s, this.redisKey(key), encode(entry), ttlSeconds(seconds), entry.lastModified);
    } catch (error) {
      warn(s, "page write failed", error);
    }
  }

  /**
   * @param {string | string[]} tags
   * @param {{ expire?: number }} [durations]
   */
  async revalidateTag(tags, durations) {
    const list = typeof tags === "string" ? [tags] : tags;
    // Every listener records it, this process's page memory included.
    announceTagsExpired(list, durations);
    if (this.redisUrl) await expireTags(store(this.redisUrl), list, durations);
  }

  resetRequestCache() {}
}
