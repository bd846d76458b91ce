import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import enMessages from "@/messages/en.json";
import zhMessages from "@/messages/zh-CN.json";
import { formatCount, formatWordCount, wordUnit } from "./format";

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

describe("what a length counts", () => {
  const en = createTranslator({ locale: "en", messages: enMessages });
  const zh = createTranslator({ locale: "zh-CN", messages: zhMessages });

  it("says characters for a Chinese, Japanese or Korean book and words for the rest, in English", () => {
    expect(wordUnit("zh-CN")).toBe("chars");
    expect(wordUnit("zh-Hant")).toBe("chars");
    expect(wordUnit("ja")).toBe("chars");
    expect(wordUnit("en")).toBe("words");
    expect(wordUnit("en-US")).toBe("words");
    expect(wordUnit("zhx")).toBe("words");
    expect(en("book.wordsShort", { count: "37.6k", unit: wordUnit("zh-CN") })).toBe("37.6k characters");
    expect(en("book.words", { count: 1234, unit: wordUnit("en") })).toBe("1,234 words");
    expect(en("book.wordCount", { unit: "chars" })).toBe("Characters");
    expect(zh("book.wordsShort", { count: "37.6万", unit: "chars" })).toBe("37.6万 字");
    expect(zh("book.wordsShort", { count: "812", unit: "words" })).toBe("812 字");
  });
});
