import { describe, expect, it } from "vitest";
import { splitNovel } from "./split";
import { ENGLISH_NOVEL, SMALL_NOVEL } from "./fixtures/novel";

const titles = (novel: ReturnType<typeof splitNovel>) =>
  novel.volumes.map((volume) => [volume.title, volume.chapters.map((chapter) => chapter.title)]);

describe("splitNovel", () => {
  it("splits a Chinese novel into volumes and chapters", () => {
    const novel = splitNovel(SMALL_NOVEL, { preface: "intro" });
    expect(titles(novel)).toEqual([
      ["", ["楔子"]],
      ["第一卷 风起", ["第一章 风起云涌", "第2章：初入江湖", "第３章、夜雨"]],
      ["第十卷 归来", ["第一百二十章 故人", "第一百二十一章", "番外 山中岁月", "尾声"]],
    ]);
    expect(novel.chapterCount).toBe(8);
    expect(novel.volumeCount).toBe(2);
    expect(novel.volumes[1]).toMatchObject({ label: "第一卷", name: "风起", number: 1, line: 7 });
    expect(novel.volumes[2]?.chapters[0]).toMatchObject({ number: 120, unit: "章", name: "故人", line: 16 });
  });

  it("normalises bodies and counts their words", () => {
    const novel = splitNovel(SMALL_NOVEL, { preface: "intro" });
    const first = novel.volumes[1]?.chapters[0];
    expect(first?.body).toBe("天色渐渐暗了下来，少年站在山巅，望着远处的城池。\n他知道，从今天开始，一切都将不同。");
    expect(first?.words).toBe(35);
    const total = novel.volumes.flatMap((volume) => volume.chapters).reduce((sum, chapter) => sum + chapter.words, 0);
    expect(novel.words).toBe(total);
  });

  it("makes the text before the first heading the intro", () => {
    const novel = splitNovel(SMALL_NOVEL, { preface: "intro" });
    expect(novel.intro).toBe("书名：山海行\n作者：青石\n简介：少年离家，行走山海之间。");
    expect(novel.volumes[0]?.chapters.map((chapter) => chapter.title)).toEqual(["楔子"]);
  });

  it("or a prologue chapter, titled as the caller asks", () => {
    const novel = splitNovel(SMALL_NOVEL, { preface: "prologue", prologueTitle: "Prologue" });
    expect(novel.intro).toBe("");
    expect(novel.volumes[0]?.chapters[0]).toMatchObject({
      title: "Prologue",
      special: "prologue",
      body: "书名：山海行\n作者：青石\n简介：少年离家，行走山海之间。",
      line: 0,
    });
    expect(novel.chapterCount).toBe(9);
    expect(splitNovel(SMALL_NOVEL, { preface: "prologue" }).volumes[0]?.chapters[0]?.title).toBe("序章");
  });

  it("adds no prologue when nothing precedes the first heading", () => {
    const novel = splitNovel("第一章\n正文", { preface: "prologue" });
    expect(novel.chapterCount).toBe(1);
    expect(novel.volumes[0]?.chapters[0]?.title).toBe("第一章");
  });

  it("keeps chapters with an empty body and flags them", () => {
    const novel = splitNovel("第一章 空\n\n　　\n第二章 有\n内容", { preface: "intro" });
    expect(novel.volumes[0]?.chapters.map((chapter) => [chapter.title, chapter.empty, chapter.body])).toEqual([
      ["第一章 空", true, ""],
      ["第二章 有", false, "内容"],
    ]);
  });

  it("keeps the text between a volume heading and its first chapter as the volume intro", () => {
    const novel = splitNovel("第一卷 风起\n本卷讲述少年的成长。\n第一章\n正文", { preface: "intro" });
    expect(novel.volumes[0]).toMatchObject({ title: "第一卷 风起", intro: "本卷讲述少年的成长。" });
  });

  it("opens a volume from a combined volume and chapter heading", () => {
    const novel = splitNovel("第一卷 第一章 风起\n甲\n第二章\n乙\n第二卷 第三章 归来\n丙", { preface: "intro" });
    expect(titles(novel)).toEqual([
      ["第一卷", ["第一章 风起", "第二章"]],
      ["第二卷", ["第三章 归来"]],
    ]);
  });

  it("handles CRLF, CR, and Unicode line separators", () => {
    const novel = splitNovel("前言\r\n第一章\r\n甲\r第二章\u2028乙\u2029丙", { preface: "intro" });
    expect(novel.intro).toBe("前言");
    expect(novel.volumes[0]?.chapters.map((chapter) => chapter.body)).toEqual(["甲", "乙\n丙"]);
  });

  it("splits an English novel", () => {
    const novel = splitNovel(ENGLISH_NOVEL, { preface: "intro" });
    expect(novel.intro).toBe("The Long Road");
    expect(titles(novel)).toEqual([
      ["", ["Prologue"]],
      ["Book 1: Departure", ["Chapter 1: The Gate", "CHAPTER II", "Chapter 3 - Strangers", "Epilogue"]],
    ]);
    expect(novel.volumes[1]?.chapters[1]).toMatchObject({ number: 2, words: 6 });
  });

  it("splits on a custom pattern as well as the built-in headings", () => {
    const text = "简介\n【1】开端\n甲\n【2】发展\n乙\n番外\n丙";
    const novel = splitNovel(text, { preface: "intro", customPattern: "^【(\\d+)】" });
    expect(novel.volumes[0]?.chapters.map((chapter) => [chapter.title, chapter.number, chapter.body])).toEqual([
      ["【1】开端", 1, "甲"],
      ["【2】发展", 2, "乙"],
      ["番外", null, "丙"],
    ]);
  });

  it("refuses a bad custom pattern with BAD_PATTERN", () => {
    expect(() => splitNovel(SMALL_NOVEL, { preface: "intro", customPattern: "[" })).toThrowError(
      expect.objectContaining({ code: "BAD_PATTERN", params: { reason: "invalid" } }),
    );
  });

  it("throws NO_HEADINGS for text without chapter headings, and EMPTY_FILE for blank text", () => {
    expect(() => splitNovel("只是一段文字。\n没有任何章节。", { preface: "intro" })).toThrowError(
      expect.objectContaining({ code: "NO_HEADINGS" }),
    );
    expect(() => splitNovel("第一卷\n只有卷名。", { preface: "intro" })).toThrowError(
      expect.objectContaining({ code: "NO_HEADINGS" }),
    );
    expect(() => splitNovel(" \n\u3000\n", { preface: "intro" })).toThrowError(
      expect.objectContaining({ code: "EMPTY_FILE" }),
    );
  });
});
