import { describe, expect, it } from "vitest";
import { TagTimes } from "./tag-times.mjs";

describe("TagTimes", () => {
  const clock = (start = 1_000) => {
    let now = start;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it("expires entries stored before an expiry of one of their tags, and only those", () => {
    const c = clock();
    const t = new TagTimes({ now: c.now });
    const stored = c.now();
    c.advance(10);
    t.expire(["chapter:1"]);
    expect(t.state(["chapter:1", "book:1"], stored)).toBe("expired");
    expect(t.state(["chapter:2", "book:1"], stored)).toBe("fresh");
    expect(t.state(["chapter:1"], c.advance(1))).toBe("fresh");
    expect(t.expiration(["chapter:1", "chapter:2"])).toBe(stored + 10);
  });

  it("a profile makes the tag stale now and expired after the profile's expire", () => {
    const c = clock();
    const t = new TagTimes({ now: c.now });
    const stored = c.now();
    c.advance(10);
    t.expire(["home"], { expire: 60 });
    expect(t.state(["home"], stored)).toBe("stale");
    expect(t.expiration(["home"])).toBe(0);
    c.advance(60_000);
    expect(t.state(["home"], stored)).toBe("expired");
  });

  it("keeps at most maxTags tags; what it forgot expires everything stored before", () => {
    const c = clock();
    const t = new TagTimes({ now: c.now, maxTags: 100 });
    const early = c.now();
    c.advance(5);
    for (let i = 0; i < 150; i++) {
      t.expire([`chapter:${i}`]);
      c.advance(1);
    }
    expect(t.floor).toBeGreaterThan(early);
    expect(t.state(["never-expired"], early)).toBe("expired");
    expect(t.state(["never-expired"], c.now())).toBe("fresh");
    // The most recent expiries are still known exactly.
    expect(t.state(["chapter:149"], c.now() - 2)).toBe("expired");
    expect(t.state(["chapter:148"], c.now() - 1)).toBe("fresh");
  });

  it("expireAll expires everything stored until now", () => {
    const c = clock();
    const t = new TagTimes({ now: c.now });
    const stored = c.now();
    c.advance(1);
    t.expireAll();
    expect(t.state([], stored)).toBe("expired");
    expect(t.state([], c.advance(1))).toBe("fresh");
  });
});
