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
import Redis from "ioredis";

const PREFIX = "shuhai:cache:";
/** Hash tag → when entries carrying it stop being served (ms). */
const TAGS_EXPIRED = `${PREFIX}tags:expired`;
/** Hash tag → when entries carrying it became stale (ms); served while they refresh. */
const TAGS_STALE = `${PREFIX}tags:stale`;
/** A tag every entry carries implicitly: setting it invalidates the whole cache. */
export const ALL_TAG = "*";
/** Upper bound of an entry's lifetime in Redis, whatever its cacheLife says. */
export const MAX_TTL_SECONDS = 30 * 24 * 60 * 60;
const WARN_EVERY_MS = 60_000;

/**
 * @typedef {{ redis: import("ioredis").Redis, started: Promise<void>, lostTagWrites: boolean, lastWarning: number }} Store
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
  const s = { redis, started, lostTagWrites: false, lastWarning: 0 };
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
  const fields = [ALL_TAG, ...tags];
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
  // An expiry set in the future (revalidateTag with a profile) only counts once it has passed.
  const due = (expired ?? []).map(Number).filter((t) => t > 0 && t <= now);
  return { expired: Math.max(0, ...due), stale: Math.max(0, ...(stale ?? []).map(Number).filter((t) => t > 0)) };
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
  try {
    const result = await multi.exec();
    const failed = (result ?? []).find(([error]) => error);
    if (!result || failed) throw failed?.[0] ?? new Error("transaction aborted");
  } catch (error) {
    s.lostTagWrites = true;
    warn(s, "recording a tag expiry failed", error);
  }
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
