import { describe, expect, it } from "vitest";
import { refreshing } from "./refreshing";

describe("refreshing", () => {
  const clock = () => {
    let now = 0;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it("loads once, serves the old value past its age while one fresh load runs, then the fresh one", async () => {
    const c = clock();
    let loads = 0;
    const value = refreshing(async () => ++loads, 1000, { onError: () => {}, now: c.now });
    expect(await value.get()).toBe(1);
    expect(await value.get()).toBe(1);
    c.advance(1001);
    const [a, b] = await Promise.all([value.get(), value.get()]);
    expect([a, b]).toEqual([1, 1]);
    await Promise.resolve();
    expect(await value.get()).toBe(2);
    expect(loads).toBe(2);
  });

  it("keeps the old value when a background load fails, and reports it", async () => {
    const c = clock();
    const errors: unknown[] = [];
    let fail = false;
    const value = refreshing(async () => (fail ? Promise.reject(new Error("down")) : "ok"), 10, {
      onError: (e) => errors.push(e),
      now: c.now,
    });
    await value.get();
    fail = true;
    c.advance(11);
    expect(await value.get()).toBe("ok");
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
  });

  it("after invalidate, the next read waits for a fresh value, and a load started before is not kept", async () => {
    let n = 0;
    const value = refreshing(async () => ++n, 1_000_000, { onError: () => {} });
    expect(await value.get()).toBe(1);
    value.invalidate();
    expect(await value.get()).toBe(2);
  });
});
