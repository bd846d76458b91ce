import { describe, expect, it } from "vitest";
import { highlight } from "./highlight";

const marked = (text: string, terms: string[]) =>
  highlight(text, terms)
    .map((s) => (s.match ? `[${s.text}]` : s.text))
    .join("");

describe("highlight", () => {
  it("marks a Chinese substring", () => {
    expect(marked("学霸的征途是星辰大海", ["星辰"])).toBe("学霸的征途是[星辰]大海");
  });

  it("marks case- and width-insensitively, keeping the original characters", () => {
    expect(marked("The Dragon's Keep", ["dragon"])).toBe("The [Dragon]'s Keep");
    expect(marked("ＤＲＡＧＯＮ王", ["dragon"])).toBe("[ＤＲＡＧＯＮ]王");
  });

  it("marks every occurrence of every term and merges overlaps", () => {
    expect(marked("abcabc", ["bc", "ca"])).toBe("a[bcabc]");
    expect(marked("星辰与星辰", ["星辰"])).toBe("[星辰]与[星辰]");
  });

  it("matches across punctuation the way the query does", () => {
    expect(marked("Dragon's Keep", ["s"])).toBe("Dragon'[s] Keep");
  });

  it("always joins back to the input, emoji and astral characters included", () => {
    for (const text of ["😀 星辰 😀", "𠀀𠀁星辰", "", "no match here"]) {
      expect(
        highlight(text, ["星辰"])
          .map((s) => s.text)
          .join(""),
      ).toBe(text);
    }
  });

  it("marks nothing without terms", () => {
    expect(highlight("星辰", [])).toEqual([{ text: "星辰", match: false }]);
  });
});
