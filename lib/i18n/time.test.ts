import { describe, expect, it } from "vitest";
import { isoToZonedLocal, zonedLocalToIso } from "./time";

describe("zonedLocalToIso", () => {
  it("reads a datetime-local value as a wall-clock time in the site time zone", () => {
    expect(zonedLocalToIso("2026-05-01T20:30", "Asia/Shanghai")).toBe("2026-05-01T12:30:00.000Z");
    expect(zonedLocalToIso("2026-01-15T09:00", "Europe/Berlin")).toBe("2026-01-15T08:00:00.000Z");
    expect(zonedLocalToIso("2026-07-15T09:00", "Europe/Berlin")).toBe("2026-07-15T07:00:00.000Z");
    expect(zonedLocalToIso("2026-07-15T09:00", "UTC")).toBe("2026-07-15T09:00:00.000Z");
  });

  it("resolves a time skipped by daylight saving to the hour after the gap", () => {
    // 2026-03-08 02:30 does not exist in New York (clocks jump from 02:00 to 03:00).
    const iso = zonedLocalToIso("2026-03-08T02:30", "America/New_York")!;
    expect(["2026-03-08T07:30:00.000Z", "2026-03-08T06:30:00.000Z"]).toContain(iso);
  });

  it("gives undefined for an empty value and passes a malformed one on", () => {
    expect(zonedLocalToIso("", "UTC")).toBeUndefined();
    expect(zonedLocalToIso(undefined, "UTC")).toBeUndefined();
    expect(zonedLocalToIso("tomorrow", "UTC")).toBe("tomorrow");
  });

  it("passes a day or time that does not exist on, instead of rolling it over", () => {
    for (const value of ["2026-02-29T10:00", "2026-04-31T10:00", "2026-13-01T10:00", "2026-05-01T24:00"]) {
      expect(zonedLocalToIso(value, "Asia/Shanghai")).toBe(value);
    }
    expect(zonedLocalToIso("2026-05-01T10:60", "UTC")).toBe("2026-05-01T10:60");
    expect(zonedLocalToIso("2026-05-01T10:00:60", "UTC")).toBe("2026-05-01T10:00:60");
    expect(zonedLocalToIso("0099-05-01T10:00", "UTC")).toBe("0099-05-01T10:00");
    expect(zonedLocalToIso("2028-02-29T23:59:59", "UTC")).toBe("2028-02-29T23:59:59.000Z");
  });

  it("round-trips with isoToZonedLocal", () => {
    const at = new Date("2026-10-25T01:30:00Z");
    const local = isoToZonedLocal(at, "Asia/Shanghai");
    expect(local).toBe("2026-10-25T09:30");
    expect(zonedLocalToIso(local, "Asia/Shanghai")).toBe(at.toISOString());
    expect(isoToZonedLocal(null, "UTC")).toBe("");
  });
});
