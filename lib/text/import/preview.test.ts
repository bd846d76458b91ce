import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { IMPORT_ERROR_CODES, IMPORT_ERROR_MESSAGE_KEYS, MAX_IMPORT_BYTES } from "./errors";
import { decodeText, detectEncoding } from "./encoding";
import { splitNovel } from "./split";
import { SMALL_NOVEL, TRADITIONAL_NOVEL, encodeText, generateNovel } from "./fixtures/novel";
import {
  SUSPICIOUS_MESSAGE_KEYS,
  importFingerprint,
  parseImport,
  previewImport,
  summarizeImport,
  type SuspiciousHeading,
} from "./preview";

const utf8 = (text: string) => encodeText(text, "utf-8");
const kinds = (suspicious: SuspiciousHeading[], ...only: SuspiciousHeading["kind"][]) =>
  suspicious.filter((s) => only.includes(s.kind)).map((s) => [s.kind, s.title, s.detail]);

describe("previewImport", () => {
  it("previews the same novel from every encoding, with and without a BOM", () => {
    const cases = [
      ["utf-8", false],
      ["utf-8", true],
      ["utf-16le", false],
      ["utf-16le", true],
      ["utf-16be", false],
      ["utf-16be", true],
      ["gb18030", false],
    ] as const;
    for (const [encoding, bom] of cases) {
      const preview = previewImport(encodeText(SMALL_NOVEL, encoding, { bom }), { preface: "intro" });
      expect(preview, `${encoding} bom=${bom}`).toMatchObject({
        encoding,
        detected: { encoding, bom },
        volumes: 2,
        chapters: 8,
      });
    }
    const big5 = previewImport(encodeText(TRADITIONAL_NOVEL, "big5"), { preface: "intro" });
    expect(big5).toMatchObject({ encoding: "big5", chapters: 3, intro: "書名：山海行" });
  });

  it("shows the first chapters' titles and openings, the intro and the word count", () => {
    const preview = previewImport(utf8(SMALL_NOVEL), { preface: "intro" });
    expect(preview.intro).toBe("书名：山海行\n作者：青石\n简介：少年离家，行走山海之间。");
    expect(preview.first.map((chapter) => chapter.title)).toEqual([
      "楔子",
      "第一章 风起云涌",
      "第2章：初入江湖",
      "第３章、夜雨",
      "第一百二十章 故人",
    ]);
    expect(preview.first[0]?.opening).toBe("很多年以后，他仍记得那个雨夜。");
    expect(preview.words).toBeGreaterThan(100);

    const long = previewImport(utf8(`第一章\n${"长".repeat(500)}`), { preface: "intro" });
    expect(long.first[0]?.opening).toBe("长".repeat(100));
  });

  it("decodes with the author's encoding when they override detection", () => {
    const bytes = encodeText(SMALL_NOVEL, "gb18030");
    const preview = previewImport(bytes, { preface: "intro", encoding: "gb18030" });
    expect(preview.encoding).toBe("gb18030");
    expect(() => previewImport(bytes, { preface: "intro", encoding: "utf-8" })).toThrowError(
      expect.objectContaining({ code: "DECODE_FAILED" }),
    );
  });

  it("returns the parsed novel for the data layer", () => {
    const parsed = parseImport(utf8(SMALL_NOVEL), { preface: "prologue" });
    expect(parsed.novel.volumes[0]?.chapters[0]?.title).toBe("序章");
    expect(parsed.fingerprint).toBe(importFingerprint(utf8(SMALL_NOVEL)));
  });
});

describe("suspicious headings", () => {
  const preview = (text: string) => previewImport(utf8(text), { preface: "intro" }).suspicious;

  it("reports gaps, duplicates and chapters out of order", () => {
    const found = preview("第1章\n甲\n第3章\n乙\n第5章\n丙\n第5章\n丁\n第4章\n戊\n第6章\n己");
    expect(kinds(found, "gap", "duplicate", "out-of-order")).toEqual([
      ["gap", "第3章", { missingFrom: 2, missingTo: 2 }],
      ["gap", "第5章", { missingFrom: 4, missingTo: 4 }],
      ["duplicate", "第5章", { number: 5, firstIndex: 2, firstTitle: "第5章" }],
      ["out-of-order", "第4章", { number: 4, previousNumber: 5 }],
    ]);
    expect(found.find((s) => s.kind === "gap")?.index).toBe(1);
  });

  it("reports a run of missing chapters as one gap", () => {
    expect(kinds(preview("第一章\n甲\n第五章\n乙"), "gap")).toEqual([
      ["gap", "第五章", { missingFrom: 2, missingTo: 4 }],
    ]);
  });

  it("accepts numbering that restarts in each volume, or continues across volumes", () => {
    expect(
      kinds(preview("第一卷\n第1章\n甲\n第2章\n乙\n第二卷\n第1章\n丙\n第2章\n丁"), "gap", "duplicate", "out-of-order"),
    ).toEqual([]);
    expect(kinds(preview("第一卷\n第1章\n甲\n第二卷\n第2章\n乙"), "gap", "duplicate", "out-of-order")).toEqual([]);
  });

  it("accepts sections numbered within each chapter, and unnumbered specials", () => {
    const text = "楔子\n甲\n第一章\n第一节\n乙\n第二节\n丙\n第二章\n第一节\n丁\n番外\n戊\n番外\n己";
    expect(kinds(preview(text), "gap", "duplicate", "out-of-order")).toEqual([]);
  });

  it("reports empty, very long and very short chapters", () => {
    const found = preview(`第一章\n\n第二章\n${"字".repeat(30_001)}\n第三章\n短\n第四章\n${"字".repeat(200)}`);
    expect(kinds(found, "empty", "very-long", "very-short")).toEqual([
      ["empty", "第一章", {}],
      ["very-long", "第二章", { words: 30_001 }],
      ["very-short", "第三章", { words: 1 }],
    ]);
  });

  it("lists at most 100 but counts them all", () => {
    const text = Array.from({ length: 150 }, (_, i) => `第${i + 1}章\n`).join("");
    const result = previewImport(utf8(text), { preface: "intro" });
    expect(result.suspicious).toHaveLength(100);
    expect(result.suspiciousTotal).toBe(150);
  });
});

describe("importFingerprint", () => {
  it("is the sha256 of the bytes: equal for the same upload, different otherwise", () => {
    const a = importFingerprint(utf8(SMALL_NOVEL));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(importFingerprint(utf8(SMALL_NOVEL))).toBe(a);
    expect(importFingerprint(utf8(`${SMALL_NOVEL}.`))).not.toBe(a);
    expect(importFingerprint(new Uint8Array())).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });
});

describe("import errors", () => {
  const code = (bytes: Uint8Array) => {
    try {
      previewImport(bytes, { preface: "intro" });
      return null;
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };

  it("reports an empty file, or one holding only a BOM or blank lines, as EMPTY_FILE", () => {
    expect(code(new Uint8Array())).toBe("EMPTY_FILE");
    expect(code(encodeText("", "utf-8", { bom: true }))).toBe("EMPTY_FILE");
    expect(code(encodeText("\r\n\u3000\r\n", "utf-16le", { bom: true }))).toBe("EMPTY_FILE");
  });

  it("reports images and documents as NOT_TEXT", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(code(png)).toBe("NOT_TEXT");
    expect(code(new Uint8Array(Buffer.from("%PDF-1.4\n")))).toBe("NOT_TEXT");
  });

  it("reports text without headings as NO_HEADINGS", () => {
    expect(code(utf8("这是一段没有章节标题的文字。\n第二段。"))).toBe("NO_HEADINGS");
  });

  it("reports a file over 50 MB as TOO_LARGE before reading it", () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    expect(() => previewImport(big, { preface: "intro" })).toThrowError(
      expect.objectContaining({ code: "TOO_LARGE", params: { sizeMb: "50.0", maxMb: 50 } }),
    );
  });

  it("has a message for every error and suspicious kind in both catalogs", () => {
    const lookup = (catalog: unknown, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
    const keys = [
      ...IMPORT_ERROR_CODES.map((c) => IMPORT_ERROR_MESSAGE_KEYS[c]),
      ...Object.values(SUSPICIOUS_MESSAGE_KEYS),
    ];
    for (const key of keys) {
      expect(typeof lookup(en, key), `en ${key}`).toBe("string");
      expect(typeof lookup(zhCN, key), `zh-CN ${key}`).toBe("string");
    }
  });

  it("keeps the two catalogs' keys identical", () => {
    const flatten = (node: unknown, prefix = ""): string[] =>
      typeof node === "object" && node !== null
        ? Object.entries(node).flatMap(([key, value]) => flatten(value, prefix ? `${prefix}.${key}` : key))
        : [prefix];
    expect(flatten(zhCN).sort()).toEqual(flatten(en).sort());
  });
});

describe("performance", () => {
  it("detects, decodes and splits a 10 MB GB18030 novel of 3,000 chapters", () => {
    const bytes = new Uint8Array(iconv.encode(generateNovel(3000, 1700), "gb18030"));
    expect(bytes.byteLength).toBeGreaterThan(10 * 1024 * 1024);

    const rssBefore = process.memoryUsage().rss;
    const start = performance.now();
    const detected = detectEncoding(bytes);
    const decodedAt = performance.now();
    const text = decodeText(bytes, detected.encoding);
    const splitAt = performance.now();
    const novel = splitNovel(text, { preface: "intro" });
    const doneAt = performance.now();
    const rssAfter = process.memoryUsage().rss;
    const parsed = parseImport(bytes, { preface: "intro" });
    const preview = summarizeImport(parsed);

    expect(detected.encoding).toBe("gb18030");
    expect(novel.chapterCount).toBe(3000);
    expect(novel.volumeCount).toBe(30);
    expect(parsed.novel.words).toBe(novel.words);
    expect(kinds(preview.suspicious, "gap", "duplicate", "out-of-order", "empty")).toEqual([]);
    const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;
    console.log(
      `TXT import of ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB GB18030, ${novel.chapterCount} chapters, ` +
        `${novel.words} words: ${ms(start, doneAt)} (detect ${ms(start, decodedAt)}, decode ${ms(decodedAt, splitAt)}, ` +
        `split ${ms(splitAt, doneAt)}); rss delta ${((rssAfter - rssBefore) / 1024 / 1024).toFixed(0)} MB, ` +
        `peak rss of the test process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
  }, 60_000);
});
