import type { CacheHandler } from "next/cache";

export function createUseCacheHandler(url?: string): CacheHandler;
declare const handler: CacheHandler;
export default handler;
