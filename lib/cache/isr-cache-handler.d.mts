import type { LRUCache } from "lru-cache";
import type { TagTimes } from "./tag-times.mjs";

export interface IsrEntry {
  lastModified: number;
  value: unknown;
  cacheControl?: { revalidate: number | false; expire?: number };
}

export interface StoredPage extends IsrEntry {
  tags: string[];
}

export interface PageMemory {
  memory: LRUCache<string, StoredPage>;
  notFound: LRUCache<string, StoredPage>;
  tagTimes: TagTimes;
}

export function createPageMemory(maxBytes: number): PageMemory;
export function sizeOf(value: unknown): number;
export function compact<T>(value: T): T;
export function pageMemoryStats(): { pages: number; bytes: number; maxBytes: number; notFound: number } | null;

export default class PageCacheHandler {
  constructor(ctx?: { serverDistDir?: string; redisUrl?: string | null; memory?: PageMemory });
  buildId: string;
  redisUrl: string | undefined;
  memory: PageMemory["memory"];
  notFound: PageMemory["notFound"];
  tagTimes: TagTimes;
  get(key: string, ctx?: { tags?: string[]; softTags?: string[] }): Promise<IsrEntry | null>;
  set(
    key: string,
    data: {
      kind?: string;
      status?: number;
      headers?: Record<string, unknown>;
      revalidate?: number | false;
      [k: string]: unknown;
    } | null,
    ctx?: { tags?: string[]; fetchCache?: boolean; cacheControl?: { revalidate: number | false; expire?: number } },
  ): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}
