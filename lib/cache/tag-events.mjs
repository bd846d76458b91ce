// Tag expiries as events inside one process. Next hands every updateTag / revalidateTag to the
// page cache handler (lib/cache/isr-cache-handler.mjs), which announces them here; caches that
// Next does not manage (the chapter page cache in lib/reader) listen. Next loads the handler with
// its own import() and the server loads lib/reader through tsx, so the listeners live on
// globalThis, the one object both see. With REDIS_URL, expiries made by other instances arrive
// through Redis (lib/cache/redis-store.mjs) and are announced here too.

/**
 * @typedef {(tags: readonly string[] | "*", durations?: { expire?: number }) => void} TagListener
 * "*": everything stored until now may be out of date. `durations`: as Next's updateTags gets
 * them (absent: expired now; present: stale now, expired after `expire` seconds).
 */

const KEY = Symbol.for("shuhai.cacheTagListeners");

/** @returns {Set<TagListener>} */
function listeners() {
  const g = /** @type {Record<symbol, Set<TagListener> | undefined>} */ (/** @type {unknown} */ (globalThis));
  return (g[KEY] ??= new Set());
}

/**
 * Calls `listener` with the tags of every expiry from now on; returns the function that stops it.
 * @param {TagListener} listener
 */
export function onTagsExpired(listener) {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

/**
 * @param {readonly string[] | "*"} tags
 * @param {{ expire?: number }} [durations]
 */
export function announceTagsExpired(tags, durations) {
  if (tags !== "*" && tags.length === 0) return;
  for (const listener of listeners()) {
    try {
      listener(tags, durations);
    } catch (error) {
      console.error("cache tag listener failed", error);
    }
  }
}
