// When each cache tag was last expired, for the caches that keep their entries in this process
// (the page cache of lib/cache/isr-cache-handler.mjs without Redis, and the chapter page cache
// of lib/reader). Same semantics as Next's own tag manifest: updateTag / revalidateTag(tag,
// { expire: 0 }) expire a tag now; revalidateTag(tag, profile) makes it stale now and expired
// after the profile's `expire`.
//
// Bounded: a live site expires a tag for every chapter it publishes, so the map keeps at most
// `maxTags` tags. When it is full the oldest tenth is dropped and the latest time dropped becomes
// a floor: an entry stored before the floor counts as expired whatever its tags. That costs a
// few extra renders, never a stale page.

/** @typedef {{ expired: number, stale: number }} TagTime */

export class TagTimes {
  /** @param {{ maxTags?: number, now?: () => number }} [opts] */
  constructor(opts = {}) {
    this.maxTags = opts.maxTags ?? 200_000;
    this.now = opts.now ?? Date.now;
    /** @type {Map<string, TagTime>} tags in the order they were last expired */
    this.times = new Map();
    /** Entries stored before this time are expired (see above). */
    this.floor = 0;
  }

  /**
   * @param {readonly string[]} tags
   * @param {{ expire?: number }} [durations] absent: expire now; present: stale now, expired after `expire` s
   */
  expire(tags, durations) {
    const now = this.now();
    for (const tag of tags) {
      const was = this.times.get(tag) ?? { expired: 0, stale: 0 };
      const time = durations
        ? { stale: now, expired: durations.expire === undefined ? was.expired : now + durations.expire * 1000 }
        : { stale: was.stale, expired: now };
      this.times.delete(tag);
      this.times.set(tag, time);
    }
    if (this.times.size > this.maxTags) this.dropOldest(Math.ceil(this.maxTags / 10));
  }

  /** Expires everything stored until now (a lost connection may have hidden expiries from us). */
  expireAll() {
    this.floor = this.now();
    this.times.clear();
  }

  /**
   * Whether an entry stored at `storedAt` carrying `tags` may still be served: "fresh", "stale"
   * (serve while refreshing) or "expired" (do not serve).
   * @param {readonly string[]} tags
   * @param {number} storedAt
   * @returns {"fresh" | "stale" | "expired"}
   */
  state(tags, storedAt) {
    if (storedAt < this.floor) return "expired";
    const now = this.now();
    let stale = false;
    for (const tag of tags) {
      const time = this.times.get(tag);
      if (!time) continue;
      // An expiry set in the future (a profile's `expire`) only counts once it has passed.
      if (time.expired > storedAt && time.expired <= now) return "expired";
      if (time.stale > storedAt) stale = true;
    }
    return stale ? "stale" : "fresh";
  }

  /** The latest expiry among `tags` that has passed, or 0 (Next's getExpiration). */
  expiration(/** @type {readonly string[]} */ tags) {
    const now = this.now();
    let latest = this.floor;
    for (const tag of tags) {
      const expired = this.times.get(tag)?.expired ?? 0;
      if (expired <= now && expired > latest) latest = expired;
    }
    return latest;
  }

  /** @param {number} count */
  dropOldest(count) {
    let dropped = 0;
    for (const [tag, time] of this.times) {
      if (dropped++ === count) break;
      this.floor = Math.max(this.floor, time.expired <= this.now() ? time.expired : 0, time.stale);
      this.times.delete(tag);
    }
  }
}
