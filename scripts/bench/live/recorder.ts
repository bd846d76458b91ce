// What a traffic class saw: latencies, statuses and where each answer came from.

/** Where an answer came from, as the response headers tell: a cache, or a render. */
export type Source = "cache" | "render" | "other";

export function sourceOf(headers: Record<string, string | string[] | undefined>): Source {
  const proxy = String(headers["x-cache"] ?? "").toUpperCase();
  if (proxy === "HIT" || proxy === "STALE" || proxy === "UPDATING") return "cache";
  const reader = String(headers["x-shuhai-cache"] ?? "");
  if (reader === "hit" || reader === "stale") return "cache";
  if (reader === "miss") return "render";
  const next = String(headers["x-nextjs-cache"] ?? "").toUpperCase();
  if (next === "HIT" || next === "STALE") return "cache";
  if (next === "MISS") return "render";
  return "other";
}

export class Recorder {
  readonly latencies: number[] = [];
  /** Latencies of the answers that came from a cache, and of those that were rendered. */
  readonly bySource = { cache: [] as number[], render: [] as number[] };
  readonly statuses = new Map<number, number>();
  readonly sources = { cache: 0, render: 0, other: 0 };
  /** The same, for pages answered before (see scripts/bench-live.ts `seen`). */
  readonly repeats = { cache: 0, render: 0 };
  /** Renders per whole second since the start, for renders/s over time. */
  readonly rendersBySecond: number[] = [];
  errors = 0;
  lastError = "";

  constructor(
    readonly name: string,
    private readonly started: number,
  ) {}

  record(ms: number, status: number, source: Source, repeat: boolean, at = Date.now()): void {
    this.latencies.push(ms);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    this.sources[source]++;
    if (source !== "other") {
      this.bySource[source].push(ms);
      if (repeat) this.repeats[source]++;
    }
    if (source === "render") {
      const second = Math.floor((at - this.started) / 1000);
      this.rendersBySecond[second] = (this.rendersBySecond[second] ?? 0) + 1;
    }
  }

  fail(error: unknown): void {
    this.errors++;
    this.lastError = error instanceof Error ? error.message : String(error);
  }

  summary(seconds: number) {
    const percentile = (values: number[]) => {
      const sorted = Float64Array.from(values).sort();
      return (q: number) =>
        sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1)) : 0;
    };
    const at = percentile(this.latencies);
    const cached = percentile(this.bySource.cache);
    const rendered = percentile(this.bySource.render);
    const count = (pred: (s: number) => boolean) =>
      [...this.statuses].filter(([s]) => pred(s)).reduce((n, [, c]) => n + c, 0);
    const answered = this.sources.cache + this.sources.render;
    const repeated = this.repeats.cache + this.repeats.render;
    return {
      requests: this.latencies.length,
      perSecond: Number((this.latencies.length / seconds).toFixed(1)),
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: at(1),
      cachedP50: cached(0.5),
      cachedP99: cached(0.99),
      renderedP50: rendered(0.5),
      renderedP99: rendered(0.99),
      status2xx3xx: count((s) => s < 400),
      status404: count((s) => s === 404),
      status429: count((s) => s === 429),
      status5xx: count((s) => s >= 500),
      networkErrors: this.errors,
      lastError: this.lastError || undefined,
      fromCache: this.sources.cache,
      rendered: this.sources.render,
      hitRatio: answered ? Number((this.sources.cache / answered).toFixed(4)) : null,
      repeatVisits: repeated,
      repeatHitRatio: repeated ? Number((this.repeats.cache / repeated).toFixed(4)) : null,
    };
  }
}
