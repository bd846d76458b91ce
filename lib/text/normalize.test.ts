import { describe, expect, it } from "vitest";
import {
  describeInvalidCharacter,
  findInvalidCharacter,
  normalizeBody,
  normalizeTitle,
  splitParagraphs,
} from "./normalize";

describe("normalizeBody", () => {
  it("turns a manuscript with CRLF, indentation and blank lines into one paragraph per line", () => {
    const input = "　　第一段。  \r\n\r\n\r\n　　第二段。\r\n    Third paragraph.\t\r\n";
    expect(normalizeBody(input)).toBe("第一段。\n第二段。\nThird paragraph.");
  });

  it("treats lone CR, U+2028 and U+2029 as line breaks", () => {
    expect(normalizeBody("a\rb\u2028c\u2029d")).toBe("a\nb\nc\nd");
  });

  it("composes decomposed characters (NFC)", () => {
    const decomposed = "Cafe\u0301";
    expect(normalizeBody(decomposed)).toBe("Café");
    expect(normalizeBody(decomposed)).toHaveLength(4);
  });

  it("removes zero-width characters, including a BOM, and drops lines made only of them", () => {
    expect(normalizeBody("\uFEFF你\u200B好\n\u200C\u200D\u2060\n世\u2060界")).toBe("你好\n世界");
  });

  it("keeps spaces inside a paragraph", () => {
    expect(normalizeBody("  He said:  “wait”.  ")).toBe("He said:  “wait”.");
  });

  it("returns an empty string for empty or blank input", () => {
    expect(normalizeBody("")).toBe("");
    expect(normalizeBody(" \n\r\n　　\n\t")).toBe("");
  });

  it("is idempotent", () => {
    const once = normalizeBody("　　甲\r\n\r\n  乙  \n\u200B丙");
    expect(normalizeBody(once)).toBe(once);
  });
});

describe("normalizeTitle", () => {
  it("collapses inner whitespace, including full-width spaces and newlines, and trims", () => {
    expect(normalizeTitle("  第一章\u3000\u3000 重生 \n 归来  ")).toBe("第一章 重生 归来");
  });

  it("strips bidi controls that could disguise a name", () => {
    expect(normalizeTitle("user\u202Egnp.exe")).toBe("usergnp.exe");
    expect(normalizeTitle("\u2066a\u2067b\u2068c\u2069\u200Ed\u200Fe\u061Cf\u202A\u202B\u202C\u202D")).toBe("abcdef");
  });

  it("strips zero-width characters", () => {
    expect(normalizeTitle("Ad\u200Bmin\uFEFF\u2060")).toBe("Admin");
  });

  it("applies NFC", () => {
    expect(normalizeTitle("Zoe\u0308")).toBe("Zoë");
  });

  it("returns an empty string when nothing visible is left", () => {
    expect(normalizeTitle(" \u200B\u202E\u3000 ")).toBe("");
  });
});

describe("findInvalidCharacter", () => {
  it("accepts ordinary text, CJK and emoji made of surrogate pairs", () => {
    expect(findInvalidCharacter("Hello 世界 😀 𠀀 👨‍👩‍👧")).toBeNull();
    expect(findInvalidCharacter("")).toBeNull();
  });

  it("reports a NUL with its position", () => {
    expect(findInvalidCharacter("ab\u0000c")).toEqual({
      kind: "nul",
      index: 2,
    });
  });

  it("reports a lone high surrogate, including one at the very end", () => {
    expect(findInvalidCharacter("a\uD83Db")).toEqual({
      kind: "lone-surrogate",
      index: 1,
    });
    expect(findInvalidCharacter("😀\uD83D")).toEqual({
      kind: "lone-surrogate",
      index: 2,
    });
  });

  it("reports a lone low surrogate", () => {
    expect(findInvalidCharacter("x\uDE00")).toEqual({
      kind: "lone-surrogate",
      index: 1,
    });
    expect(findInvalidCharacter("\uDE00\uD83D")).toEqual({
      kind: "lone-surrogate",
      index: 0,
    });
  });

  it("reports the first problem when there are several", () => {
    expect(findInvalidCharacter("a\uDE00\u0000")).toEqual({
      kind: "lone-surrogate",
      index: 1,
    });
  });

  it("survives normalisation: invalid input stays detectable after normalizeBody", () => {
    expect(findInvalidCharacter(normalizeBody("a\u0000b"))?.kind).toBe("nul");
    expect(findInvalidCharacter(normalizeBody("a\uD800b"))?.kind).toBe("lone-surrogate");
  });
});

describe("describeInvalidCharacter", () => {
  it("gives a message naming the problem and a 1-based position", () => {
    expect(describeInvalidCharacter({ kind: "nul", index: 0 })).toMatch(/NUL.*position 1\b/);
    expect(describeInvalidCharacter({ kind: "lone-surrogate", index: 9 })).toMatch(/surrogate.*position 10\b/);
  });
});

describe("splitParagraphs", () => {
  it("returns the non-blank lines of a normalised body", () => {
    expect(splitParagraphs("甲\n乙\n丙")).toEqual(["甲", "乙", "丙"]);
  });

  it("returns no paragraphs for an empty body", () => {
    expect(splitParagraphs("")).toEqual([]);
    expect(splitParagraphs("\n \n")).toEqual([]);
  });

  it("tolerates unnormalised bodies without changing paragraph text", () => {
    expect(splitParagraphs("\r\n  a \r\n\r\nb\rc\n")).toEqual(["  a ", "b", "c"]);
  });

  it("round-trips with normalizeBody", () => {
    const body = normalizeBody("　　one\n\n two \r\nthree");
    expect(splitParagraphs(body).join("\n")).toBe(body);
  });
});
