import { describe, expect, it } from "vitest";
import { parseChineseNumber, parseHeadingNumber, parseRomanNumber } from "./numerals";

describe("parseChineseNumber", () => {
  it("reads Chinese numerals in counting form", () => {
    expect(parseChineseNumber("一百二十")).toBe(120);
    expect(parseChineseNumber("两千零一")).toBe(2001);
    expect(parseChineseNumber("十")).toBe(10);
    expect(parseChineseNumber("十五")).toBe(15);
    expect(parseChineseNumber("二十")).toBe(20);
    expect(parseChineseNumber("一百零五")).toBe(105);
    expect(parseChineseNumber("三千四百五十六")).toBe(3456);
    expect(parseChineseNumber("一万零三百")).toBe(10300);
    expect(parseChineseNumber("一万两千")).toBe(12000);
    expect(parseChineseNumber("零")).toBe(0);
  });

  it("reads digit-by-digit Chinese numerals", () => {
    expect(parseChineseNumber("一二〇")).toBe(120);
    expect(parseChineseNumber("三")).toBe(3);
  });

  it("reads Arabic and full-width digits", () => {
    expect(parseChineseNumber("12")).toBe(12);
    expect(parseChineseNumber("１２")).toBe(12);
    expect(parseChineseNumber("００７")).toBe(7);
  });

  it("refuses malformed numerals and other text", () => {
    expect(parseChineseNumber("")).toBeNull();
    expect(parseChineseNumber("十百")).toBeNull();
    expect(parseChineseNumber("一二百")).toBeNull();
    expect(parseChineseNumber("零十")).toBeNull();
    expect(parseChineseNumber("十a")).toBeNull();
    expect(parseChineseNumber("abc")).toBeNull();
  });
});

describe("parseRomanNumber", () => {
  it("reads well-formed Roman numerals in any case", () => {
    expect(parseRomanNumber("XII")).toBe(12);
    expect(parseRomanNumber("iv")).toBe(4);
    expect(parseRomanNumber("MCMXCIV")).toBe(1994);
  });

  it("refuses words made of Roman letters", () => {
    expect(parseRomanNumber("MILD")).toBeNull();
    expect(parseRomanNumber("IIII")).toBeNull();
    expect(parseRomanNumber("")).toBeNull();
  });
});

describe("parseHeadingNumber", () => {
  it("reads any numeral form", () => {
    expect(parseHeadingNumber("七")).toBe(7);
    expect(parseHeadingNumber("XII")).toBe(12);
    expect(parseHeadingNumber("３")).toBe(3);
  });
});
