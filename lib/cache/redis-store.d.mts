import type { Redis } from "ioredis";

export interface Store {
  redis: Redis;
  subscriber?: Redis;
  started: Promise<void>;
  lostTagWrites: boolean;
  lastWarning: number;
  lastPrune: number;
}
export const ALL_TAG: string;
export const MAX_TTL_SECONDS: number;
export function store(url?: string): Store;
export function closeStore(url: string): void;
export function relayTagExpiries(url?: string): void;
export function writeEntry(s: Store, key: string, value: string, ttl: number, timestamp: number): Promise<void>;
export function pruneTagTimes(s: Store, before: number): Promise<void>;
export function warn(s: Store, what: string, error: unknown): void;
export function entryKey(kind: string, key: string): string;
export function tagTimes(s: Store, tags: readonly string[]): Promise<{ expired: number; stale: number }>;
export function expireTags(s: Store, tags: readonly string[], durations?: { expire?: number }): Promise<void>;
export function ttlSeconds(seconds: number | false | undefined): number;
export function encode(value: unknown): string;
export function decode(text: string): unknown;
