// Which chapter views count: one per reader (client address) and chapter every 30 minutes, and at
// most 120 counted views per address and hour, so a reader reloading a chapter, or a script
// replaying the beacon, moves the numbers by one, or by the cap at most.
//
// Kept in this process's memory, bounded: every map holds at most `maxEntries` entries and drops
// its oldest first (a full dedupe map only shortens the window for the oldest entries); both maps
// full take some 40 MB of heap. Each instance behind a load balancer keeps its own, so a reader
// whose requests land on two instances may count twice in 30 minutes; good enough for statistics,
// and nothing to store or share. The caller passes a hashed address (see ./record.ts), never a
// raw IP. Pure: `now` is passed in.

export type ViewGateOptions = {
  /** A (address, chapter) pair counts once in this window. */
  dedupeMs: number;
  /** Counted views per address in one `windowMs`. */
  maxPerWindow: number;
  windowMs: number;
  /** Bound of each map (pairs seen, addresses counted). */
  maxEntries: number;
};

export const VIEW_GATE_DEFAULTS: ViewGateOptions = {
  dedupeMs: 30 * 60_000,
  maxPerWindow: 120,
  windowMs: 60 * 60_000,
  maxEntries: 50_000,
};

export interface ViewGate {
  /** Whether `admit` would count this view now, without remembering anything (a cheap first check). */
  allows(address: string, chapterId: number, now: number): boolean;
  /** Counts the view when it is not a repeat and the address is under its cap, and remembers it. */
  admit(address: string, chapterId: number, now: number): boolean;
}

/**
 * A map whose entries expire, holding at most `max` of them: the oldest go first when it is full.
 * Every entry of one map lives equally long from when it is set, so setting order is expiry order,
 * kept in a queue beside the map. (Walking the Map itself from its front after many deletes costs
 * time for every deleted slot V8 keeps until it rehashes: hundreds of µs per view at 100 000
 * entries, where the queue costs one step per entry set.)
 */
class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private queue: { key: string; expiresAt: number }[] = [];
  private head = 0;

  constructor(private readonly max: number) {}

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V, expiresAt: number, now: number): void {
    this.entries.set(key, { value, expiresAt });
    this.queue.push({ key, expiresAt });
    this.prune(now);
  }

  // Drops expired entries and, while over `max`, the oldest. A queued key set again since, or
  // already dropped, is only a stale queue slot.
  private prune(now: number): void {
    while (this.head < this.queue.length) {
      const first = this.queue[this.head]!;
      const live = this.entries.get(first.key)?.expiresAt === first.expiresAt;
      if (live && first.expiresAt > now && this.entries.size <= this.max) break;
      if (live) this.entries.delete(first.key);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}

export function createViewGate(options: Partial<ViewGateOptions> = {}): ViewGate {
  const { dedupeMs, maxPerWindow, windowMs, maxEntries } = { ...VIEW_GATE_DEFAULTS, ...options };
  const seenPairs = new ExpiringMap<true>(maxEntries);
  const perAddress = new ExpiringMap<{ count: number }>(maxEntries);
  const pairKey = (address: string, chapterId: number) => `${address}:${chapterId}`;

  function allows(address: string, chapterId: number, now: number): boolean {
    if (seenPairs.get(pairKey(address, chapterId), now)) return false;
    return (perAddress.get(address, now)?.count ?? 0) < maxPerWindow;
  }

  return {
    allows,
    admit(address, chapterId, now) {
      if (!allows(address, chapterId, now)) return false;
      const quota = perAddress.get(address, now);
      if (quota) quota.count++;
      else perAddress.set(address, { count: 1 }, now + windowMs, now);
      seenPairs.set(pairKey(address, chapterId), true, now + dedupeMs, now);
      return true;
    },
  };
}
