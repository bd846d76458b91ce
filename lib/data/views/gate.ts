// Which chapter views count: one per reader (client address) and chapter every 30 minutes, and at
// most 120 counted views per address and hour, so a reader reloading a chapter, or a script
// replaying the beacon, moves the numbers by one, or by the cap at most.
//
// Kept in this process's memory, bounded: every map holds at most `maxEntries` entries and drops
// its oldest first (a full dedupe map only shortens the window for the oldest entries). Each
// instance behind a load balancer keeps its own, so a reader whose requests land on two instances
// may count twice in 30 minutes; good enough for statistics, and nothing to store or share. The
// caller passes a hashed address (see ./record.ts), never a raw IP. Pure: `now` is passed in.

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
  maxEntries: 100_000,
};

export interface ViewGate {
  /** Whether `admit` would count this view now, without remembering anything (a cheap first check). */
  allows(address: string, chapterId: number, now: number): boolean;
  /** Counts the view when it is not a repeat and the address is under its cap, and remembers it. */
  admit(address: string, chapterId: number, now: number): boolean;
}

type Expiring = { expiresAt: number };

/**
 * Drops entries from the front of `map` while they have expired or the map is over `max`. Every
 * entry of one map lives equally long and is (re)inserted when its life starts, so insertion order
 * is expiry order and the front is always the oldest.
 */
function prune<V extends Expiring>(map: Map<string, V>, now: number, max: number): void {
  for (const [key, value] of map) {
    if (value.expiresAt > now && map.size <= max) return;
    map.delete(key);
  }
}

export function createViewGate(options: Partial<ViewGateOptions> = {}): ViewGate {
  const { dedupeMs, maxPerWindow, windowMs, maxEntries } = { ...VIEW_GATE_DEFAULTS, ...options };
  const seenPairs = new Map<string, Expiring>();
  const perAddress = new Map<string, Expiring & { count: number }>();
  const pairKey = (address: string, chapterId: number) => `${address}:${chapterId}`;

  // The address's current window, dropping an expired one.
  function windowOf(address: string, now: number) {
    const quota = perAddress.get(address);
    if (!quota || quota.expiresAt > now) return quota;
    perAddress.delete(address);
    return undefined;
  }

  function allows(address: string, chapterId: number, now: number): boolean {
    const pair = seenPairs.get(pairKey(address, chapterId));
    if (pair && pair.expiresAt > now) return false;
    return (windowOf(address, now)?.count ?? 0) < maxPerWindow;
  }

  return {
    allows,
    admit(address, chapterId, now) {
      if (!allows(address, chapterId, now)) return false;
      const quota = windowOf(address, now);
      if (quota) quota.count++;
      else perAddress.set(address, { expiresAt: now + windowMs, count: 1 });
      const key = pairKey(address, chapterId);
      seenPairs.delete(key);
      seenPairs.set(key, { expiresAt: now + dedupeMs });
      prune(seenPairs, now, maxEntries);
      prune(perAddress, now, maxEntries);
      return true;
    },
  };
}
