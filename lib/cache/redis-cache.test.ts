import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import type { CacheEntry } from "next/cache";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  freePort,
  hasRedisServer,
  REDIS_SERVER_MISSING,
  startRedisServer,
  type RedisServer,
} from "@/lib/test/redis-server";
import PageCacheHandler, { createPageMemory } from "./isr-cache-handler.mjs";
import {
  closeStore,
  decode,
  encode,
  expireTags,
  MAX_TTL_SECONDS,
  pruneTagTimes,
  relayTagExpiries,
  store,
} from "./redis-store.mjs";
import { onTagsExpired } from "./tag-events.mjs";
import { createUseCacheHandler } from "./use-cache-handler.mjs";

// The shared-cache handlers against a real redis-server. Two handler objects stand for two
// instances: all they share is Redis, so what one expires the other stops serving.

const missing = !hasRedisServer();
if (missing && process.env.CI) throw new Error(REDIS_SERVER_MISSING);
if (missing) console.warn(`skipping lib/cache tests: ${REDIS_SERVER_MISSING}`);

function entry(tags: string[], text: string, at = Date.now()): Promise<CacheEntry> {
  return Promise.resolve({
    value: new Response(text).body!,
    tags,
    stale: 300,
    timestamp: at,
    expire: 3600,
    revalidate: 900,
  });
}

async function text(e: CacheEntry | undefined): Promise<string | undefined> {
  return e ? new Response(e.value).text() : undefined;
}

const id = () => randomBytes(4).toString("hex");

describe.skipIf(missing)("Redis cache handlers", () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    closeStore(server.url);
    await server.stop();
  });

  it("serves a 'use cache' entry written by another instance, until one of its tags expires", async () => {
    const a = createUseCacheHandler(server.url);
    const b = createUseCacheHandler(server.url);
    const book = `book:${id()}`;
    const other = `book:${id()}`;
    const writtenAt = Date.now();
    await a.set("k1", entry([book, "home"], "目录 v1", writtenAt));
    await a.set("k2", entry([other], "unrelated"));
    expect(await text(await b.get("k1", []))).toBe("目录 v1");

    await new Promise((r) => setTimeout(r, 2));
    await a.updateTags([book]);
    expect(await b.get("k1", [])).toBeUndefined();
    expect(await text(await b.get("k2", []))).toBe("unrelated");
    expect(await b.getExpiration([book])).toBeGreaterThan(0);
    // A tag never expired expires nothing written since the cache began.
    expect(await b.getExpiration([`never:${id()}`])).toBeLessThan(writtenAt);

    // Written after the expiry: served again.
    await b.set("k1", entry([book, "home"], "目录 v2"));
    expect(await text(await a.get("k1", []))).toBe("目录 v2");
  });

  it("a profile-based revalidation serves the entry as stale until its expire time", async () => {
    const a = createUseCacheHandler(server.url);
    const tag = `chapter:${id()}`;
    await a.set("k3", entry([tag], "old", Date.now() - 10));
    await a.updateTags([tag], { expire: 60 });
    const got = await a.get("k3", []);
    expect(got?.revalidate).toBe(-1);
    expect(await text(got)).toBe("old");
    // Stale, not expired: the expiry lies a minute ahead.
    expect(await a.getExpiration([tag])).toBeLessThan(Date.now() - 10);
  });

  it("does not store dynamic (expire 0) entries", async () => {
    const a = createUseCacheHandler(server.url);
    await a.set(
      "k4",
      entry([], "dynamic").then((e) => ({ ...e, expire: 0 })),
    );
    expect(await a.get("k4", [])).toBeUndefined();
  });

  it("round-trips an ISR page with its Buffer and Map fields, and drops it when a tag expires", async () => {
    const a = new PageCacheHandler({ redisUrl: server.url, memory: createPageMemory(1 << 20) });
    const b = new PageCacheHandler({ redisUrl: server.url, memory: createPageMemory(1 << 20) });
    const book = `book:${id()}`;
    const page = {
      kind: "APP_PAGE",
      html: "<h1>目录</h1>",
      rscData: Buffer.from("rsc payload"),
      status: 200,
      postponed: undefined,
      headers: { "x-next-cache-tags": `${book},_N_T_/layout,_N_T_/book/1/toc` },
      segmentData: new Map([["/_tree", Buffer.from([0, 1, 2, 255])]]),
    };
    await a.set("/book/1/toc", page, { cacheControl: { revalidate: 900, expire: 3600 } });
    const got = await b.get("/book/1/toc", {});
    expect(got?.cacheControl).toEqual({ revalidate: 900, expire: 3600 });
    const value = got?.value as typeof page;
    expect(value.html).toBe(page.html);
    expect(Buffer.isBuffer(value.rscData)).toBe(true);
    expect(value.rscData.toString()).toBe("rsc payload");
    expect(value.segmentData).toBeInstanceOf(Map);
    expect([...value.segmentData.get("/_tree")!]).toEqual([0, 1, 2, 255]);
    const ttl = await store(server.url).redis.ttl(`shuhai:cache:page:unknown:/book/1/toc`);
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);

    await new Promise((r) => setTimeout(r, 2));
    await a.revalidateTag([book], { expire: 0 });
    expect(await b.get("/book/1/toc", {})).toBeNull();
  });

  it("encodes nested Buffers and Maps and leaves other values alone", () => {
    const value = { a: [Buffer.from("x")], m: new Map([["k", { n: 1 }]]), s: "$bytes", o: { $bytes: 1 } };
    const back = decode(encode(value)) as typeof value;
    expect(back.a[0]!.toString()).toBe("x");
    expect(back.m.get("k")).toEqual({ n: 1 });
    expect(back.s).toBe("$bytes");
    expect(back.o).toEqual({ $bytes: 1 });
  });

  it("after a lost tag write, invalidates everything stored before the reconnect", async () => {
    const a = createUseCacheHandler(server.url);
    await a.set("k5", entry([`book:${id()}`], "before the outage", Date.now() - 10));
    const warnSpy = vi.spyOn(console, "warn").mockImplementation(() => {});
    store(server.url).lastWarning = 0;
    const s = store(server.url);
    // Cut this client's connection from the server side; the tag write in the gap fails.
    const admin = new Redis(server.url);
    await admin.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
    await vi.waitFor(() => expect(s.redis.status).not.toBe("ready"));
    await a.updateTags([`book:${id()}`]);
    expect(s.lostTagWrites).toBe(true);
    await vi.waitFor(() => expect(s.redis.status).toBe("ready"), { timeout: 5000 });
    await vi.waitFor(async () => expect(await a.get("k5", [])).toBeUndefined(), { timeout: 2000 });
    expect(warnSpy).toHaveBeenCalled();
    warnSpy.mockRestore();
    admin.disconnect();
  });

  it("keeps serving without Redis: reads miss and writes are dropped, quickly", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const warnSpy = vi.spyOn(console, "warn").mockImplementation(() => {});
    const a = createUseCacheHandler(url);
    const isr = new PageCacheHandler({ redisUrl: url, memory: createPageMemory(1 << 20) });
    const started = Date.now();
    await a.set("k", entry(["t"], "x"));
    expect(await a.get("k", [])).toBeUndefined();
    expect(await a.getExpiration(["t"])).toBe(0);
    await a.updateTags(["t"]);
    await isr.set("/p", { kind: "APP_PAGE", html: "", headers: {} }, {});
    expect(await isr.get("/p", {})).toBeNull();
    await isr.revalidateTag("t");
    expect(Date.now() - started).toBeLessThan(1500);
    expect(warnSpy).toHaveBeenCalledTimes(1);
    warnSpy.mockRestore();
    closeStore(url);
  });

  it("treats everything stored before as expired when the tag times were evicted", async () => {
    const a = createUseCacheHandler(server.url);
    const isr = new PageCacheHandler({ redisUrl: server.url, memory: createPageMemory(1 << 20) });
    await a.set("k6", entry([`book:${id()}`], "before the eviction", Date.now() - 10));
    await isr.set("/book/6", { kind: "APP_PAGE", html: "<h1>书</h1>", status: 200, headers: {} }, {});
    expect(await text(await a.get("k6", []))).toBe("before the eviction");
    await new Promise((r) => setTimeout(r, 2));
    // What an allkeys eviction policy (or a FLUSHDB of the wrong database) does.
    await store(server.url).redis.del("shuhai:cache:tags:expired", "shuhai:cache:tags:stale");
    expect(await a.get("k6", [])).toBeUndefined();
    expect(await isr.get("/book/6", {})).toBeNull();
    // Written after: served again.
    await a.set("k6", entry([], "after"));
    expect(await text(await a.get("k6", []))).toBe("after");
  });

  it("keeps entries a week at most, and prunes tag times no entry can be older than", async () => {
    const isr = new PageCacheHandler({ redisUrl: server.url, memory: createPageMemory(1 << 20) });
    await isr.set(
      "/forever",
      { kind: "APP_PAGE", html: "", status: 200, headers: {} },
      { cacheControl: { revalidate: false } },
    );
    const ttl = await store(server.url).redis.ttl("shuhai:cache:page:unknown:/forever");
    expect(ttl).toBeGreaterThan(MAX_TTL_SECONDS - 10);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600);

    const s = store(server.url);
    const [old, recent] = [`chapter:${id()}`, `chapter:${id()}`];
    await s.redis.hset(
      "shuhai:cache:tags:expired",
      old,
      String(Date.now() - 8 * 24 * 3600_000),
      recent,
      String(Date.now()),
    );
    await pruneTagTimes(s, Date.now() - MAX_TTL_SECONDS * 1000);
    const [oldTime, recentTime, marker] = await s.redis.hmget("shuhai:cache:tags:expired", old, recent, "#created");
    expect(oldTime).toBeNull();
    expect(recentTime).not.toBeNull();
    expect(marker).not.toBeNull();
  });

  it("announces in this process the expiries other instances publish", async () => {
    const heard: (readonly string[] | "*")[] = [];
    const stop = onTagsExpired((tags) => heard.push(tags));
    relayTagExpiries(server.url);
    await vi.waitFor(() => expect(store(server.url).subscriber?.status).toBe("ready"));
    const other = new Redis(server.url);
    const tag = `chapter:${id()}`;
    // Subscribing takes a round trip after "ready": publish until it is heard.
    await vi.waitFor(
      async () => {
        await other.publish("shuhai:cache:expired", JSON.stringify({ from: "another-instance", tags: [tag] }));
        expect(heard).toContainEqual([tag]);
      },
      { timeout: 3000 },
    );
    // This process's own expiries are announced where they happen, not a second time.
    const own = `chapter:${id()}`;
    await expireTags(store(server.url), [own]);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).not.toContainEqual([own]);
    stop();
    other.disconnect();
  });
});
