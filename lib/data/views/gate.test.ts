import { describe, expect, it } from "vitest";
import { createViewGate } from "./gate";

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 1, 12);

describe("view gate", () => {
  it("counts a reader's chapter once per 30 minutes, however often it is reloaded", () => {
    const gate = createViewGate();
    let counted = 0;
    for (let i = 0; i < 1000; i++) if (gate.admit("reader", 42, T0 + i * 1000)) counted++;
    expect(counted).toBe(1);
    expect(gate.allows("reader", 42, T0 + 29 * MIN)).toBe(false);
    expect(gate.allows("reader", 42, T0 + 30 * MIN)).toBe(true);
    expect(gate.admit("reader", 42, T0 + 30 * MIN)).toBe(true);
  });

  it("counts other chapters and other readers apart", () => {
    const gate = createViewGate();
    expect(gate.admit("reader", 1, T0)).toBe(true);
    expect(gate.admit("reader", 2, T0)).toBe(true);
    expect(gate.admit("other", 1, T0)).toBe(true);
    expect(gate.admit("reader", 1, T0 + 1)).toBe(false);
  });

  it("allows without remembering: only admit counts", () => {
    const gate = createViewGate();
    expect(gate.allows("reader", 1, T0)).toBe(true);
    expect(gate.allows("reader", 1, T0)).toBe(true);
    expect(gate.admit("reader", 1, T0)).toBe(true);
    expect(gate.allows("reader", 1, T0)).toBe(false);
  });

  it("caps the views one address counts per hour, then counts again in the next hour", () => {
    const gate = createViewGate({ maxPerWindow: 120 });
    const counted = (from: number, at: number) =>
      Array.from({ length: 200 }, (_, i) => gate.admit("crawler", from + i, at)).filter(Boolean).length;
    expect(counted(1, T0)).toBe(120);
    expect(gate.allows("reader", 1, T0)).toBe(true);
    expect(counted(1_000, T0 + 59 * MIN)).toBe(0);
    expect(counted(2_000, T0 + 60 * MIN)).toBe(120);
  });

  it("stays bounded: the oldest entries go first when a map is full", () => {
    const gate = createViewGate({ maxEntries: 3, maxPerWindow: 4 });
    for (const chapterId of [1, 2, 3, 4]) expect(gate.admit("reader", chapterId, T0)).toBe(true);
    expect(gate.allows("reader", 5, T0)).toBe(false);
    // The pair map kept the three newest chapters; chapter 1 is refused only for the cap now.
    for (const chapterId of [2, 3, 4]) expect(gate.allows("reader", chapterId, T0)).toBe(false);
    expect(gate.admit("reader", 1, T0)).toBe(false);
    for (const address of ["a", "b", "c"]) gate.admit(address, 9, T0);
    // "reader"'s hourly count made room for newer addresses: it starts a new window.
    expect(gate.admit("reader", 1, T0)).toBe(true);
  });

  it("remembers a pair counted again after its window for the whole new window", () => {
    const gate = createViewGate({ maxEntries: 3 });
    expect(gate.admit("reader", 1, T0)).toBe(true);
    expect(gate.admit("reader", 1, T0 + 30 * MIN)).toBe(true);
    // Two more pairs: the first window's slot is dropped, the pair itself stays.
    gate.admit("reader", 2, T0 + 31 * MIN);
    gate.admit("reader", 3, T0 + 31 * MIN);
    expect(gate.allows("reader", 1, T0 + 59 * MIN)).toBe(false);
    expect(gate.allows("reader", 1, T0 + 60 * MIN)).toBe(true);
  });
});
