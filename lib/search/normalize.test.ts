import { describe, expect, it } from "vitest";
import { escapeLike, MAX_QUERY_CHARS, MAX_QUERY_TERMS, normalizeSearchText, parseSearchQuery } from "./normalize";

describe("normalizeSearchText", () => {
  it("folds width and case and turns punctuation, symbols and emoji into single spaces", () => {
    expect(normalizeSearchText("  Ｄｒａｇｏｎ's KEEP！！ 😀星辰——大海 ")).toBe("dragon s keep 星辰 大海");
  });

  it("leaves nothing of input that has no letters or digits", () => {
    for (const input of ["", "   ", "\t\n", "!!!", "%_\\", "😀🎉", "'; DROP TABLE", "()[]{}.*+?^$|"]) {
      expect(normalizeSearchText(input).replace(/[a-z ]/g, "")).toBe("");
    }
    expect(normalizeSearchText("%_\\")).toBe("");
  });
});

describe("parseSearchQuery", () => {
  it("gives no terms for blank, punctuation-only or emoji-only input", () => {
    for (const input of ["", "     ", "？！。，", "%%%", "😀"])
      expect(parseSearchQuery(input)).toEqual({ text: "", terms: [] });
  });

  it("caps the query at MAX_QUERY_CHARS characters, counting CJK and astral characters as one", () => {
    const long = parseSearchQuery("星".repeat(10_000));
    expect(Array.from(long.text)).toHaveLength(MAX_QUERY_CHARS);
    expect(Array.from(parseSearchQuery("𠀀".repeat(200)).text)).toHaveLength(MAX_QUERY_CHARS);
    expect(parseSearchQuery("a ".repeat(10_000)).terms).toHaveLength(1);
  });

  it("keeps at most MAX_QUERY_TERMS distinct terms", () => {
    const query = parseSearchQuery("one two three four five six seven eight one");
    expect(query.terms.map((t) => t.text)).toEqual(
      ["one", "two", "three", "four", "five", "six"].slice(0, MAX_QUERY_TERMS),
    );
  });

  it("matches Chinese by n-grams: one character is its own token, longer runs need each bigram", () => {
    expect(parseSearchQuery("星").terms).toEqual([{ text: "星", tokens: ["星"], substring: true, fuzzyTokens: [] }]);
    expect(parseSearchQuery("星辰大海").terms[0]).toMatchObject({ tokens: ["星辰", "辰大", "大海"], substring: true });
    expect(parseSearchQuery("c语言").terms[0]).toMatchObject({ tokens: ["语言"], substring: true, fuzzyTokens: [] });
  });

  it("matches short Latin terms as word prefixes and longer ones as substrings, with typo variants from 4 characters", () => {
    expect(parseSearchQuery("Dr").terms[0]).toEqual({ text: "dr", tokens: ["^dr"], substring: false, fuzzyTokens: [] });
    expect(parseSearchQuery("cit").terms[0]).toEqual({ text: "cit", tokens: [], substring: true, fuzzyTokens: [] });
    expect(parseSearchQuery("keep").terms[0]?.fuzzyTokens).toEqual(["~keep", "~eep", "~kep", "~kee"]);
  });

  it("drops SQL and regex metacharacters", () => {
    expect(parseSearchQuery("' OR 1=1; --").text).toBe("or 1"); // repeated terms count once
    expect(parseSearchQuery(".*(a|b)+$").text).toBe("a b");
  });
});

describe("escapeLike", () => {
  it("escapes LIKE wildcards and the escape character", () => {
    expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\");
  });
});
