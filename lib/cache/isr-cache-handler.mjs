// The ISR / page cache handler (next.config.mjs `cacheHandler`) when REDIS_URL is set: rendered
// book and chapter pages live in Redis, and an entry is served only while none of its tags was
// expired after it was stored (the tag times that lib/cache/use-cache-handler.mjs writes), so an
// author's publish on one instance reaches the pages every instance serves. It implements the
// interface in node_modules/next/dist/docs (incrementalCacheHandlerPath.md).
import { readFileSync } from "node:fs";
import path from "node:path";
import { decode, encode, entryKey, expireTags, store, tagTimes, ttlSeconds, warn } from "./redis-store.mjs";

const TAGS_HEADER = "x-next-cache-tags";

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

export default class RedisIsrCacheHandler {
  /** @param {{ serverDistDir?: string, redisUrl?: string }} [ctx] Next passes serverDistDir; tests pass redisUrl. */
  constructor(ctx = {}) {
    this.buildId = buildIdOf(ctx.serverDistDir);
    this.redisUrl = ctx.redisUrl;
  }

  /** @param {string} key */
  key(key) {
    return entryKey(`page:${this.buildId}`, key);
  }

  /**
   * @param {string} key
   * @param {{ tags?: string[], softTags?: string[] }} [ctx]
   */
  async get(key, ctx = {}) {
    const s = store(this.redisUrl);
    try {
      await s.started;
      const stored = await s.redis.get(this.key(key));
      if (!stored) return null;
      const entry = decode(stored);
      const tags = [...entry.tags, ...(ctx.tags ?? []), ...(ctx.softTags ?? [])];
      const { expired, stale } = await tagTimes(s, tags);
      // An expired (or stale) tag means a blocking re-render, as Next's own file cache does.
      if (expired > entry.lastModified || stale > entry.lastModified) return null;
      return { lastModified: entry.lastModified, value: entry.value, cacheControl: entry.cacheControl };
    } catch (error) {
      warn(s, "page read failed", error);
      return null;
    }
  }

  /**
   * @param {string} key
   * @param {({ kind?: string, headers?: Record<string, unknown>, revalidate?: number | false }) | null} data
   * @param {{ tags?: string[], fetchCache?: boolean, cacheControl?: { revalidate: number | false, expire?: number } }} [ctx]
   */
  async set(key, data, ctx = {}) {
    if (!data) return;
    const s = store(this.redisUrl);
    try {
      const cacheControl = ctx.fetchCache ? undefined : ctx.cacheControl;
      const seconds = cacheControl ? (cacheControl.expire ?? cacheControl.revalidate) : data.revalidate;
      const stored = encode({ lastModified: Date.now(), tags: tagsOf(data, ctx), cacheControl, value: data });
      await s.started;
      await s.redis.set(this.key(key), stored, "EX", ttlSeconds(seconds));
    } catch (error) {
      warn(s, "page write failed", error);
    }
  }

  /**
   * @param {string | string[]} tags
   * @param {{ expire?: number }} [durations]
   */
  async revalidateTag(tags, durations) {
    await expireTags(store(this.redisUrl), typeof tags === "string" ? [tags] : tags, durations);
  }

  resetRequestCache() {}
}
