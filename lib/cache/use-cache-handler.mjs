// The 'use cache' handler (next.config.mjs `cacheHandlers`) when REDIS_URL is set: entries and
// tag expiry live in Redis, so an updateTag/revalidateTag on one instance reaches every other at
// once. It implements the interface in node_modules/next/dist/docs (cacheHandlers.md).
import { decode, encode, entryKey, expireTags, store, tagTimes, ttlSeconds, warn, writeEntry } from "./redis-store.mjs";

/** @typedef {import("next/cache").CacheEntry} CacheEntry */

/** @param {Uint8Array} bytes */
function streamOf(bytes) {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/**
 * @param {string} [url] REDIS_URL by default
 * @returns {import("next/cache").CacheHandler}
 */
export function createUseCacheHandler(url) {
  /** Sets still being written by this process, so a read right after waits for them. */
  const pendingSets = new Map();

  return {
    async get(cacheKey) {
      const s = store(url);
      try {
        await pendingSets.get(cacheKey);
        await s.started;
        const stored = await s.redis.get(entryKey("data", cacheKey));
        if (!stored) return undefined;
        /** @type {Omit<CacheEntry, "value"> & { value: Buffer }} */
        const entry = decode(stored);
        const { expired, stale } = await tagTimes(s, entry.tags);
        // Next itself drops entries past their `expire`; tags are ours to check.
        if (expired > entry.timestamp) return undefined;
        const revalidate = stale > entry.timestamp ? -1 : entry.revalidate;
        return { ...entry, revalidate, value: streamOf(new Uint8Array(entry.value)) };
      } catch (error) {
        warn(s, "read failed", error);
        return undefined;
      }
    },

    async set(cacheKey, pendingEntry) {
      const s = store(url);
      /** @type {() => void} */
      let done = () => {};
      pendingSets.set(cacheKey, new Promise((resolve) => (done = () => resolve(undefined))));
      try {
        const entry = await pendingEntry;
        const value = Buffer.from(await new Response(entry.value).arrayBuffer());
        // An `expire: 0` entry is dynamic: Next renders it on every read and never serves it.
        if (entry.expire === 0) return;
        const { tags, stale, timestamp, expire, revalidate } = entry;
        const stored = encode({ tags, stale, timestamp, expire, revalidate, value });
        await writeEntry(s, entryKey("data", cacheKey), stored, ttlSeconds(expire), timestamp);
      } catch (error) {
        warn(s, "write failed", error);
      } finally {
        pendingSets.delete(cacheKey);
        done();
      }
    },

    // Reads ask Redis for the tags' times directly, so there is no local tag state to refresh.
    async refreshTags() {},

    async getExpiration(tags) {
      const s = store(url);
      try {
        return (await tagTimes(s, tags)).expired;
      } catch (error) {
        warn(s, "reading tag expiry failed", error);
        return 0;
      }
    },

    async updateTags(tags, durations) {
      await expireTags(store(url), tags, durations);
    },
  };
}

export default createUseCacheHandler();
