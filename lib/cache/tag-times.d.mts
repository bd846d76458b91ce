export class TagTimes {
  constructor(opts?: { maxTags?: number; now?: () => number });
  maxTags: number;
  floor: number;
  expire(tags: readonly string[], durations?: { expire?: number }): void;
  expireAll(): void;
  state(tags: readonly string[], storedAt: number): "fresh" | "stale" | "expired";
  expiration(tags: readonly string[]): number;
}
