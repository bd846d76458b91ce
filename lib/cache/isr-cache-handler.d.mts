export interface IsrEntry {
  lastModified: number;
  value: unknown;
  cacheControl?: { revalidate: number | false; expire?: number };
}

export default class RedisIsrCacheHandler {
  constructor(ctx?: { serverDistDir?: string; redisUrl?: string });
  buildId: string;
  get(key: string, ctx?: { tags?: string[]; softTags?: string[] }): Promise<IsrEntry | null>;
  set(
    key: string,
    data: {
      kind?: string;
      headers?: Record<string, unknown>;
      revalidate?: number | false;
      [k: string]: unknown;
    } | null,
    ctx?: { tags?: string[]; fetchCache?: boolean; cacheControl?: { revalidate: number | false; expire?: number } },
  ): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}
