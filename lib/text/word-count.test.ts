import { describe, expect, it } from "vitest";
import { countWords } from "./word-count";

describe("countWords", () => {
  it("counts English words, ignoring punctuation and whitespace", () => {
    expect(countWords("Hello, world 2024")).toBe(3);
    expect(countWords("  Hello...   world!!! ")).toBe(2);
  });

  it("counts each Chinese character as one and ignores Chinese punctuation", () => {
    expect(countWords("我爱读书。")).toBe(4);
    expect(countWords("“你好！”他说，——“再见……”")).toBe(6);
  });

  it("counts words with inner dots, apostrophes, hyphens and underscores as one", () => {
    expect(countWords("Next.js")).toBe(1);
    expect(countWords("don't stop")).toBe(2);
    expect(countWords("a well-known fact")).toBe(3);
    expect(countWords("pi is 3.14, e.g. roughly")).toBe(5);
    expect(countWords("snake_case")).toBe(1);
  });

  it("counts a trailing dot or a double hyphen as a separator", () => {
    expect(countWords("end. Start")).toBe(2);
    expect(countWords("word--word")).toBe(2);
  });

  it("mixes CJK and Latin: each CJK character plus each Latin word", () => {
    expect(countWords("我爱Next.js 16")).toBe(4);
    expect(countWords("第120章 重生")).toBe(5);
  });

  it("counts CJK extension characters (surrogate pairs) once each", () => {
    expect(countWords("𠀀𠀁𪚥")).toBe(3);
  });

  it("counts Japanese kana, the prolonged sound mark and Korean syllables per character", () => {
    expect(countWords("ひらがな")).toBe(4);
    expect(countWords("コーヒー")).toBe(4);
    expect(countWords("한국어")).toBe(3);
  });

  it("counts accented and non-Latin alphabetic words, including decomposed accents", () => {
    expect(countWords("Café naïve Привет мир")).toBe(4);
    expect(countWords("Cafe\u0301 ok")).toBe(2);
  });

  it("counts full-width digits as a number word", () => {
    expect(countWords("２０２４年")).toBe(2);
  });

  it("counts emoji, symbols and whitespace as zero", () => {
    expect(countWords("😀 👍 — … ~~~ ★")).toBe(0);
    expect(countWords("")).toBe(0);
    expect(countWords("\n\t\u3000")).toBe(0);
  });

  it("gives the same answer on repeated and interleaved calls", () => {
    expect(countWords("one two")).toBe(2);
    expect(countWords("one two")).toBe(2);
  });

  it("handles a 1 MB chapter quickly", () => {
    const cjk = "我爱读书，这是一个很长的故事。".repeat(70_000);
    const latin = "Hello, world! This is Next.js and don't stop. ".repeat(22_000);
    expect(cjk.length).toBeGreaterThan(1_000_000);
    expect(latin.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    expect(countWords(cjk)).toBe(13 * 70_000);
    expect(countWords(latin)).toBe(8 * 22_000);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
