import { describe, expect, it } from "vitest";
import { createViewBuffer } from "./buffer";

describe("view buffer", () => {
  it("sums views per book and day, and hands them over ordered by book then day", () => {
    const buffer = createViewBuffer();
    buffer.add(7, "2026-03-02");
    buffer.add(3, "2026-03-02");
    buffer.add(7, "2026-03-01");
    buffer.add(7, "2026-03-02", 4);
    expect(buffer.size).toBe(3);
    expect(buffer.take()).toEqual([
      { bookId: 3, day: "2026-03-02", views: 1 },
      { bookId: 7, day: "2026-03-01", views: 1 },
      { bookId: 7, day: "2026-03-02", views: 5 },
    ]);
  });

  it("starts afresh after take: counts are handed over once", () => {
    const buffer = createViewBuffer();
    buffer.add(1, "2026-03-02");
    const taken = buffer.take();
    expect(buffer.size).toBe(0);
    expect(buffer.take()).toEqual([]);
    buffer.add(1, "2026-03-02");
    expect(buffer.take()).toEqual([{ bookId: 1, day: "2026-03-02", views: 1 }]);
    // What was handed over is the caller's: later adds do not change it.
    expect(taken).toEqual([{ bookId: 1, day: "2026-03-02", views: 1 }]);
  });
});
