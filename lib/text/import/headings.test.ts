import { describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { compileHeadingPattern, parseHeading, type Heading } from "./headings";

function heading(line: string): Partial<Heading> | null {
  const found = parseHeading(line);
  if (!found) return null;
  const { kind, title, label, name, number, unit, special } = found;
  return { kind, title, label, name, number, unit, special };
}

describe("parseHeading: Chinese chapters", () => {
  it("recognises Chinese, Arabic and full-width numbers with 章, 节 and 回", () => {
    expect(heading("第一章")).toMatchObject({ kind: "chapter", label: "第一章", name: "", number: 1, unit: "章" });
    expect(heading("第1章")).toMatchObject({ number: 1, unit: "章" });
    expect(heading("第１２章")).toMatchObject({ number: 12 });
    expect(heading("第一百二十章")).toMatchObject({ number: 120 });
    expect(heading("第两千零一章")).toMatchObject({ number: 2001 });
    expect(heading("第三节")).toMatchObject({ number: 3, unit: "节" });
    expect(heading("第五回 宝玉初试云雨情")).toMatchObject({ number: 5, unit: "回", name: "宝玉初试云雨情" });
  });

  it("takes the title after a space, full-width space, colon or 、", () => {
    expect(heading("第一章 风起")).toMatchObject({ title: "第一章 风起", name: "风起" });
    expect(heading("第一章　风起")).toMatchObject({ title: "第一章 风起", name: "风起" });
    expect(heading("第一章：风起")).toMatchObject({ title: "第一章：风起", name: "风起" });
    expect(heading("第1章、风起")).toMatchObject({ name: "风起" });
    expect(heading("　　第 12 章  风起 ")).toMatchObject({ title: "第 12 章 风起", number: 12, name: "风起" });
  });

  it("accepts a title run on without a separator unless it reads like prose", () => {
    expect(heading("第一章风起云涌")).toMatchObject({ number: 1, name: "风起云涌" });
    expect(heading("第五章你是谁？")).toMatchObject({ number: 5 });
    expect(heading("第一章的内容，我已经看完了")).toBeNull();
    expect(heading("第一节课")).toBeNull();
    expect(heading("第一回合")).toBeNull();
  });

  it("drops the 正文 prefix of reading-site exports", () => {
    expect(heading("正文 第五章 回家")).toMatchObject({ title: "第五章 回家", number: 5 });
  });

  it("ignores long lines even when they start like a heading", () => {
    const prose = `第一章${"的故事讲的是一个少年".repeat(6)}`;
    expect(prose.length).toBeGreaterThan(50);
    expect(heading(prose)).toBeNull();
    expect(heading(`第一章 ${"长".repeat(60)}`)).toBeNull();
  });

  it("ignores ordinary prose", () => {
    expect(heading("　　天色渐渐暗了下来。")).toBeNull();
    expect(heading("第一次见面的时候")).toBeNull();
    expect(heading("")).toBeNull();
  });
});

describe("parseHeading: volumes", () => {
  it("recognises 卷, 部 and 集 with an optional title", () => {
    expect(heading("第十卷")).toMatchObject({ kind: "volume", number: 10, unit: "卷", name: "" });
    expect(heading("第一卷 风起")).toMatchObject({ kind: "volume", number: 1, name: "风起" });
    expect(heading("第一卷风起")).toMatchObject({ kind: "volume", name: "风起" });
    expect(heading("第二部：归来")).toMatchObject({ kind: "volume", number: 2, unit: "部" });
    expect(heading("第三集")).toMatchObject({ kind: "volume", number: 3, unit: "集" });
    expect(heading("卷三 终局")).toMatchObject({ kind: "volume", number: 3, name: "终局" });
  });

  it("does not take prose for a volume", () => {
    expect(heading("第一部手机")).toBeNull();
    expect(heading("卷起袖子")).toBeNull();
  });

  it("reads a chapter heading that also opens a volume", () => {
    const found = parseHeading("第一卷 第一章 风起");
    expect(found).toMatchObject({ kind: "chapter", title: "第一章 风起", number: 1 });
    expect(found?.volume).toMatchObject({ kind: "volume", title: "第一卷", number: 1 });
  });
});

describe("parseHeading: special chapters", () => {
  it("recognises 序章, 楔子, 番外, 尾声, 后记 and 完本感言", () => {
    expect(heading("序章")).toMatchObject({ kind: "chapter", special: "prologue", number: null });
    expect(heading("序言")).toMatchObject({ special: "prologue" });
    expect(heading("楔子 雨夜")).toMatchObject({ special: "prologue", name: "雨夜" });
    expect(heading("引子")).toMatchObject({ special: "prologue" });
    expect(heading("番外")).toMatchObject({ special: "extra" });
    expect(heading("番外一 山中岁月")).toMatchObject({
      special: "extra",
      label: "番外一",
      number: 1,
      name: "山中岁月",
    });
    expect(heading("番外（二）相逢")).toMatchObject({ special: "extra", number: 2, name: "相逢" });
    expect(heading("番外篇：旧事")).toMatchObject({ special: "extra", name: "旧事" });
    expect(heading("尾声")).toMatchObject({ special: "epilogue" });
    expect(heading("后记")).toMatchObject({ special: "afterword" });
    expect(heading("完本感言")).toMatchObject({ special: "afterword" });
  });

  it("does not take words that begin with a special word for headings", () => {
    expect(heading("后记得他说过的话")).toBeNull();
    expect(heading("尾声渐渐远去，")).toBeNull();
  });
});

describe("parseHeading: English", () => {
  it("recognises Chapter with Arabic or Roman numbers and an optional title", () => {
    expect(heading("Chapter 12")).toMatchObject({ kind: "chapter", number: 12, unit: "chapter", name: "" });
    expect(heading("Chapter 12: The Storm")).toMatchObject({ number: 12, name: "The Storm" });
    expect(heading("Chapter 12. The Storm")).toMatchObject({ name: "The Storm" });
    expect(heading("Chapter 12 - The Storm")).toMatchObject({ name: "The Storm" });
    expect(heading("Chapter 12 The Storm")).toMatchObject({ name: "The Storm" });
    expect(heading("CHAPTER XII")).toMatchObject({ number: 12, label: "CHAPTER XII" });
    expect(heading("chapter iv")).toMatchObject({ number: 4 });
  });

  it("recognises Prologue, Epilogue, Volume and Book", () => {
    expect(heading("Prologue")).toMatchObject({ kind: "chapter", special: "prologue" });
    expect(heading("Prologue: Before the Storm")).toMatchObject({ special: "prologue", name: "Before the Storm" });
    expect(heading("Epilogue")).toMatchObject({ special: "epilogue" });
    expect(heading("Volume 2")).toMatchObject({ kind: "volume", number: 2, unit: "volume" });
    expect(heading("Book III: The Return")).toMatchObject({
      kind: "volume",
      number: 3,
      unit: "book",
      name: "The Return",
    });
  });

  it("does not take sentences for headings", () => {
    expect(heading("Chapter 12 was the longest one.")).toBeNull();
    expect(heading("Chapters are short.")).toBeNull();
    expect(heading("Prologues bore me.")).toBeNull();
    expect(heading("Book 2 was better than the first.")).toBeNull();
    expect(heading("Chapter Mild")).toBeNull();
  });
});

describe("custom heading patterns", () => {
  it("recognises lines matching the pattern, reading the number from a group", () => {
    const pattern = compileHeadingPattern("^【(\\d+)】");
    expect(parseHeading("【12】重逢", pattern)).toMatchObject({ kind: "chapter", number: 12, unit: "custom" });
    expect(parseHeading("正文里的【12】", pattern)).toBeNull();
  });

  it("reads named num and title groups", () => {
    const pattern = compileHeadingPattern("^Episode (?<num>[一二三四五六七八九十]+)：(?<title>.+)$");
    expect(parseHeading("Episode 十二：重逢", pattern)).toMatchObject({ number: 12, name: "重逢" });
  });

  it("keeps the built-in rules alongside the pattern", () => {
    const pattern = compileHeadingPattern("^【\\d+】");
    expect(parseHeading("第一章 风起", pattern)).toMatchObject({ number: 1, unit: "章" });
  });

  it("refuses bad patterns with BAD_PATTERN and a reason", () => {
    const reason = (source: string) => {
      try {
        compileHeadingPattern(source);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
        const importError = error as ImportError<"BAD_PATTERN">;
        expect(importError.code).toBe("BAD_PATTERN");
        return importError.params.reason;
      }
    };
    expect(reason("^(第")).toBe("invalid");
    expect(reason("x".repeat(201))).toBe("tooLong");
    expect(reason(".*")).toBe("matchesEmpty");
    expect(reason("^")).toBe("matchesEmpty");
    expect(reason("^(a+)+$")).toBe("unsafe");
    expect(reason("^(\\d*x?)*章")).toBe("unsafe");
    expect(reason("^(\\d|\\d)*x")).toBe("unsafe");
    expect(reason("^(?:第|卷)\\d+[章节]")).toBe(null);
    expect(reason("^【\\d+】")).toBe(null);
  });
});
