import { createTranslator } from "next-intl";
import { afterEach, describe, expect, it, vi } from "vitest";
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

// The site's locale and time zone are read once at start-up, so each case loads the module
// afresh under its own settings.
async function formatIn(locale: "zh-CN" | "zh-Hant" | "en") {
  vi.resetModules();
  vi.stubEnv("SITE_LOCALE", locale);
  vi.stubEnv("SITE_TIME_ZONE", "Asia/Shanghai");
  return import("./format");
}

describe("short dates in lists", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  const newest = new Date("2026-12-04T02:00:00Z");

  it("prints month and day in figures in Chinese, the year when it is not the newest entry's", async () => {
    for (const locale of ["zh-CN", "zh-Hant"] as const) {
      const { formatShortDate } = await formatIn(locale);
      expect(formatShortDate(new Date("2026-03-07T04:00:00Z"), newest)).toBe("03-07");
      expect(formatShortDate(new Date("2025-12-04T04:00:00Z"), newest)).toBe("2025-12-04");
    }
  });

  it("prints a month name and day in English, with the year when it differs", async () => {
    const { formatShortDate } = await formatIn("en");
    expect(formatShortDate(new Date("2026-12-04T01:00:00Z"), newest)).toBe("Dec 4");
    expect(formatShortDate(new Date("2025-12-04T04:00:00Z"), newest)).toBe("Dec 4, 2025");
  });

  it("counts days and years in the site's time zone", async () => {
    const { formatShortDate } = await formatIn("zh-CN");
    // 2025-12-31 20:00 UTC is already 2026-01-01 in Shanghai.
    expect(formatShortDate(new Date("2025-12-31T20:00:00Z"), newest)).toBe("01-01");
    expect(formatShortDate(new Date("2026-01-01T20:00:00Z"), new Date("2025-12-31T20:00:00Z"))).toBe("01-02");
  });

  it("prints the year when there is no newest entry, and nothing for no date", async () => {
    const { formatShortDate } = await formatIn("en");
    expect(formatShortDate(new Date("2026-12-04T04:00:00Z"), null)).toBe("Dec 4, 2026");
    expect(formatShortDate(null, newest)).toBe("");
  });

  it("takes a list's newest date from dates and ISO strings, skipping the missing ones", async () => {
    const { newestDate } = await formatIn("zh-CN");
    expect(newestDate([null, "2026-01-02T00:00:00.000Z", new Date("2025-05-05T00:00:00Z"), undefined])).toEqual(
      new Date("2026-01-02T00:00:00Z"),
    );
    expect(newestDate([])).toBeNull();
  });
});
