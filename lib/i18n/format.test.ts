import { describe, expect, it } from "vitest";
import { formatCount, formatWordCount } from "./format";

describe("number formatting", () => {
  it("groups exact counts by thousands", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(376291)).toBe("376,291");
    expect(formatCount(1234567)).toBe("1,234,567");
  });

  it("prints large word counts the short way", () => {
    expect(formatWordCount(376291)).toMatch(/^(37\.6万|376\.3k)$/);
    expect(formatWordCount(812)).toBe("812");
  });
});
