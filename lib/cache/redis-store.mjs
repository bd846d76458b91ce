// The Redis side of the shared caches (lib/cache/use-cache-handler.mjs for 'use cache',
// lib/cache/isr-cache-handler.mjs for ISR pages): one connection per process, the tag
// invalidation times every instance reads, and a JSON encoding that keeps Buffers and Maps.
//
// Next loads the two handlers with a plain import() at `next start` (next.config.mjs), so this
// is JavaScript, and it reads REDIS_URL itself (lib/env.ts validates it for scripts/start.ts).
//
// Redis being down never fails a request: a read becomes a miss (the page renders from the
// database), a write is dropped, and a warning is logged at most once a minute. Tag writes that
// failed are not lost silently: when the connection comes back, every entry stored before then
// is invalidated once (the "*" tag below), since another instance may have missed an expiry.
//
// Bounded: every entry carries a TTL (at most a week), and the tag times are pruned of anything
// older than that (no entry that old is left for them to expire). Run Redis with a `maxmemory`
// and `maxmemory-policy volatile-lru` (README), so only entries are evicted; if the tag times
// are evicted all the same (an allkeys policy), the missing marker field makes every instance
// treat every entry stored before as expired, never serve it as fresh.
//
// Expiries are also published on a channel, for the caches each instance keeps in its own
// memory (the chapter page cache): relayTagExpiries() announces other instances' expiries in
// this process (lib/cache/tag-events.mjs).
import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import { announceTagsExpired } from "./tag-events.mjs";

const PREFIX = "shuhai:cache:";
/** Hash tag → when entries carrying it stop being served (ms). */
const TAGS_EXPIRED = `${PREFIX}tags:expired`;
/** Hash tag → when entries carrying it became stale (ms); served while they refresh. */
const TAGS_STALE = `${PREFIX}tags:stale`;
/** A tag every entry carries implicitly: setting it invalidates the whole cache. */
export const ALL_TAG = "*";
/** A field every tag-times hash keeps; a hash without it was evicted or flushed. */
const MARKER = "#created";
/** Channel on which expiries are published for the other instances' in-memory caches. */
const CHANNEL = `${PREFIX}expired`;
/** Upper bound of an entry's lifetime in Redis, whatever its cacheLife says. */
export const MAX_TTL_SECONDS = 7 * 24 * 60 * 60;
const WARN_EVERY_MS = 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
/**
 * Tells this process's own messages on CHANNEL from the other instances'. On globalThis, like the
 * connections: Next and the server may each load their own copy of this module.
 */
const INSTANCE = /** @type {string} */ (
  /** @type {Record<symbol, string | undefined>} */ (/** @type {unknown} */ (globalThis))[
    Symbol.for("shuhai.cacheInstanceId")
  ] ??= randomUUID()
);

/**
 * @typedef {{ redis: import("ioredis").Redis, subscriber?: import("ioredis").Redis, started: Promise<void>, lostTagWrites: boolean, lastWarning: number, lastPrune: number }} Store
 * `started` settles on the first connection, or after a second without one: the first
 * requests of a new process wait for it rather than missing, later ones never wait.
 */

const GLOBAL_KEY = Symbol.for("shuhai.redisCacheStores");

/**
 * The process's connection to `url` (both handlers share it), created on first use. Commands
 * fail at once while disconnected instead of queueing, and time out after a second, so a
 * request never waits on a dead Redis; ioredis reconnects in the background.
 * @param {string} [url]
 * @returns {Store}
 */
export function store(url = process.env.REDIS_URL) {
  if (!url) throw new Error("REDIS_URL is not set: the Redis cache handlers need it");
  const g = /** @type {Record<symbol, Map<string, Store> | undefined>} */ (/** @type {unknown} */ (globalThis));
  const stores = (g[GLOBAL_KEY] ??= new Map());
  const existing = stores.get(url);
  if (existing) return existing;
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 250, 5000),
  });
  const started = new Promise((resolve) => {
    redis.once("ready", resolve);
    setTimeout(resolve, 1000).unref();
  }).then(() => {});
  /** @type {Store} */
  const s = { redis, started, lostTagWrites: false, lastWarning: 0, lastPrune: Date.now() };
  redis.on("error", (error) => warn(s, "connection error", error));
  redis.on("ready", () => {
    if (!s.lostTagWrites) return;
    s.lostTagWrites = false;
    // Some tag expiry never reached Redis: drop every entry stored before now, once.
    redis.hset(TAGS_EXPIRED, ALL_TAG, String(Date.now())).catch((error) => {
      s.lostTagWrites = true;
      warn(s, "invalidating the cache after reconnecting failed", error);
    });
  });
  stores.set(url, s);
  return s;
}

/**
 * Closes the process's connections to `url` (tests; a server shutting down).
 * @param {string} url
 */
export function closeStore(url) {
  const g = /** @type {Record<symbol, Map<string, Store> | undefined>} */ (/** @type {unknown} */ (globalThis));
  const s = g[GLOBAL_KEY]?.get(url);
  if (!s) return;
  s.subscriber?.disconnect();
  s.redis.disconnect();
  g[GLOBAL_KEY]?.delete(url);
}

/**
 * @param {Store} s
 * @param {string} what
 * @param {unknown} error
 */
export function warn(s, what, error) {
  const now = Date.now();
  if (now - s.lastWarning < WARN_EVERY_MS) return;
  s.lastWarning = now;
  const message = error instanceof Error ? error.message : String(error);
  console.warn(
    JSON.stringify({
      level: 40,
      time: now,
      app: "shuhai",
      msg: `redis cache: ${what} (serving without it)`,
      err: message,
    }),
  );
}

/** @param {string} kind @param {string} key */
export function entryKey(kind, key) {
  return `${PREFIX}${kind}:${key}`;
}

/**
 * The latest invalidation of the given tags (and of the whole cache), as Next compares them
 * with an entry's timestamp.
 * @param {Store} s
 * @param {readonly string[]} tags
 * @returns {Promise<{ expired: number, stale: number }>}
 */
export async function tagTimes(s, tags) {
  await s.started;
  const fields = [MARKER, ALL_TAG, ...tags];
  const result = await s.redis
    .multi()
    .hmget(TAGS_EXPIRED, ...fields)
    .hmget(TAGS_STALE, ...fields)
    .exec();
  const [expired, stale] = (result ?? []).map(([error, values]) => {
    if (error) throw error;
    return /** @type {(string | null)[]} */ (values);
  });
  const now = Date.now();
  // The tag times are gone (evicted, flushed, or never written): whatever an entry's tags, it
  // may have missed an expiry. The next write puts the marker back (recordEntryWrite).
  if (!expired?.[0]) return { expired: now, stale: 0 };
  if (now - s.lastPrune > PRUNE_EVERY_MS) {
    s.lastPrune = now;
    void pruneTagTimes(s, now - MAX_TTL_SECONDS * 1000).catch((error) => warn(s, "pruning tag times failed", error));
  }
  // An expiry set in the future (revalidateTag with a profile) only counts once it has passed.
  const due = (expired ?? [])
    .slice(1)
    .map(Number)
    .filter((t) => t > 0 && t <= now);
  return {
    expired: Math.max(0, ...due),
    stale: Math.max(
      0,
      ...(stale ?? [])
        .slice(1)
        .map(Number)
        .filter((t) => t > 0),
    ),
  };
}

/**
 * Writes an entry with the tag-times marker in the same transaction. When the marker was missing
 * (a new Redis, or the tag times were evicted), everything stored before this entry is expired.
 * @param {Store} s
 * @param {string} key
 * @param {string} value
 * @param {number} ttl seconds
 * @param {number} timestamp when the entry was made (ms)
 */
export async function writeEntry(s, key, value, ttl, timestamp) {
  await s.started;
  const result = await s.redis
    .multi()
    .set(key, value, "EX", ttl)
    .hsetnx(TAGS_EXPIRED, MARKER, String(timestamp))
    .exec();
  const failed = (result ?? []).find(([error]) => error);
  if (!result || failed) throw failed?.[0] ?? new Error("transaction aborted");
  if (result[1]?.[1] === 1) await s.redis.hset(TAGS_EXPIRED, ALL_TAG, String(timestamp - 1));
}

/**
 * Deletes tag times older than `before`: no entry stored before then is left in Redis for them
 * to expire. Walks the hashes with HSCAN, a few hundred fields at a time.
 * @param {Store} s
 * @param {number} before
 */
export async function pruneTagTimes(s, before) {
  for (const hash of [TAGS_EXPIRED, TAGS_STALE]) {
    let cursor = "0";
    do {
      const [next, flat] = await s.redis.hscan(hash, cursor, "COUNT", 500);
      cursor = next;
      const old = [];
      for (let i = 0; i < flat.length; i += 2) {
        const field = /** @type {string} */ (flat[i]);
        if (field !== MARKER && field !== ALL_TAG && Number(flat[i + 1]) < before) old.push(field);
      }
      if (old.length > 0) await s.redis.hdel(hash, ...old);
    } while (cursor !== "0");
  }
}

/**
 * Records an invalidation, as Next's `updateTags(tags, durations)` describes it: without
 * durations the tags expire now (updateTag, revalidateTag(tag, { expire: 0 })); with them they
 * go stale now and expire after `durations.expire` seconds.
 * @param {Store} s
 * @param {readonly string[]} tags
 * @param {{ expire?: number }} [durations]
 */
export async function expireTags(s, tags, durations) {
  if (tags.length === 0) return;
  await s.started;
  const now = Date.now();
  const multi = s.redis.multi();
  for (const tag of tags) {
    if (durations) {
      multi.hset(TAGS_STALE, tag, String(now));
      if (durations.expire !== undefined) multi.hset(TAGS_EXPIRED, tag, String(now + durations.expire * 1000));
    } else {
      multi.hset(TAGS_EXPIRED, tag, String(now));
    }
  }
  multi.hsetnx(TAGS_EXPIRED, MARKER, String(now));
  multi.publish(CHANNEL, JSON.stringify({ from: INSTANCE, tags, durations }));
  try {
    const result = await multi.exec();
    const failed = (result ?? []).find(([error]) => error);
    if (!result || failed) throw failed?.[0] ?? new Error("transaction aborted");
    // The marker was missing: the tag times had been evicted, and with them older expiries.
    if (result.at(-2)?.[1] === 1) await s.redis.hset(TAGS_EXPIRED, ALL_TAG, String(now));
  } catch (error) {
    s.lostTagWrites = true;
    warn(s, "recording a tag expiry failed", error);
  }
}

/**
 * Announces in this process the expiries other instances publish (see the top of this file),
 * once per process and Redis. While the subscription is down, expiries may be missed: when it is
 * back, everything is announced as expired.
 * @param {string} [url] REDIS_URL by default
 */
export function relayTagExpiries(url = process.env.REDIS_URL) {
  const s = store(url);
  if (s.subscriber) return;
  const subscriber = s.redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
  s.subscriber = subscriber;
  let connectedBefore = false;
  subscriber.on("error", (error) => warn(s, "expiry subscription error", error));
  subscriber.on("ready", () => {
    if (connectedBefore) announceTagsExpired("*");
    connectedBefore = true;
  });
  subscriber.on("message", (_channel, message) => {
    try {
      const { from, tags, durations } = JSON.parse(message);
      if (from !== INSTANCE && Array.isArray(tags)) announceTagsExpired(tags.map(String), durations ?? undefined);
    } catch (error) {
      warn(s, "bad expiry message", error);
    }
  });
  subscriber.subscribe(CHANNEL).catch((error) => warn(s, "subscribing to expiries failed", error));
}

/**
 * Seconds an entry may stay in Redis: its expire time, bounded.
 * @param {number | false | undefined} seconds
 */
export function ttlSeconds(seconds) {
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0) return MAX_TTL_SECONDS;
  return Math.min(Math.ceil(seconds), MAX_TTL_SECONDS);
}

/**
 * JSON that keeps Buffers/Uint8Arrays and Maps (an ISR page holds its RSC payload as a Buffer
 * and its segments as a Map of Buffers).
 * @param {unknown} value
 */
export function encode(value) {
  return JSON.stringify(value, function (key, v) {
    const raw = /** @type {Record<string, unknown>} */ (this)[key];
    if (raw instanceof Uint8Array)
      return { $bytes: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("base64") };
    if (raw instanceof Map) return { $map: [...raw.entries()] };
    return v;
  });
}

/** @param {string} text */
export function decode(text) {
  return JSON.parse(text, (_key, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && typeof v.$bytes === "string") return Buffer.from(v.$bytes, "base64");
      if (keys.length === 1 && Array.isArray(v.$map)) return new Map(v.$map);
    }
    return v;
  });
}
