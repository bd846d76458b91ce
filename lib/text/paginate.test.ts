import { describe, expect, it } from "vitest";
import { findInvalidCharacter, splitParagraphs } from "./normalize";
import { countPages, paginateChapter } from "./paginate";

const codePoints = (text: string) => Array.from(text).length;
const pageChars = (page: string[]) => page.reduce((n, p) => n + codePoints(p), 0);
const para = (char: string, length: number) => char.repeat(length);

/**
 * Rebuilds the chapter's paragraphs from its pages: each page string is a whole
 * paragraph or the next piece of one. Fails if anything is lost, duplicated,
 * reordered or glued across paragraphs.
 */
function rebuildParagraphs(pages: string[][], paragraphs: string[]): string[] {
  const rebuilt: string[] = [];
  let pending = "";
  for (const text of pages.flat()) {
    pending += text;
    const target = paragraphs[rebuilt.length];
    expect(target?.startsWith(pending), `"${pending}" is not a prefix of paragraph ${rebuilt.length}`).toBe(true);
    if (pending === target) {
      rebuilt.push(pending);
      pending = "";
    }
  }
  expect(pending).toBe("");
  return rebuilt;
}

describe("paginateChapter", () => {
  it("gives one empty page for an empty or blank body", () => {
    expect(paginateChapter("", 100)).toEqual([[]]);
    expect(paginateChapter("\n  \n", 100)).toEqual([[]]);
    expect(countPages("", 100)).toBe(1);
  });

  it("keeps a short chapter on one page", () => {
    expect(paginateChapter("第一段。\n第二段。", 1000)).toEqual([["第一段。", "第二段。"]]);
  });

  it("breaks between paragraphs: a page may be exactly full, one more character starts a new page", () => {
    const a = para("甲", 40);
    const b = para("乙", 60);
    const c = para("丙", 50);
    expect(paginateChapter([a, b, c].join("\n"), 100)).toEqual([[a, b], [c]]);
    const b2 = para("乙", 61);
    expect(paginateChapter([a, b2, c].join("\n"), 100)).toEqual([[a], [b2], [c]]);
  });

  it("counts code points, so emoji and CJK extension characters count as one", () => {
    const emoji = para("😀", 10); // 20 UTF-16 units
    const ext = para("𠀀", 10);
    expect(paginateChapter([emoji, ext].join("\n"), 20)).toEqual([[emoji, ext]]);
    expect(paginateChapter([emoji, ext].join("\n"), 19)).toEqual([[emoji], [ext]]);
  });

  it("merges a last page under 15% of the page size into the previous page", () => {
    const full = para("甲", 100);
    expect(paginateChapter([full, para("乙", 14)].join("\n"), 100)).toEqual([[full, para("乙", 14)]]);
    expect(paginateChapter([full, para("乙", 15)].join("\n"), 100)).toEqual([[full], [para("乙", 15)]]);
  });

  it("merges only the last page", () => {
    const pages = paginateChapter(["a".repeat(90), "b".repeat(10), "c".repeat(90), "d".repeat(5)].join("\n"), 95);
    expect(pages).toEqual([["a".repeat(90)], ["b".repeat(10)], ["c".repeat(90), "d".repeat(5)]]);
  });

  it("cuts a single huge Chinese paragraph at sentence ends, keeping closing quotes with their sentence", () => {
    const sentence = "“我们走吧。”他说。"; // 10 code points
    const paragraph = sentence.repeat(20);
    const pages = paginateChapter(paragraph, 45);
    for (const page of pages) {
      expect(page).toHaveLength(1);
      expect(page[0]?.endsWith("他说。")).toBe(true);
      expect(pageChars(page)).toBeLessThanOrEqual(45);
    }
    expect(pages.flat().join("")).toBe(paragraph);
    expect(pages[0]).toEqual([sentence.repeat(4)]);
  });

  it("cuts after the quote that closes a sentence, not inside it", () => {
    const paragraph = "他问：“你是谁？”" + para("字", 100);
    const [first] = paginateChapter(paragraph, 60);
    expect(first).toEqual(["他问：“你是谁？”" + para("字", 60 - 9)]);
    const cut = paginateChapter("甲".repeat(30) + "。”" + "乙".repeat(40), 40);
    expect(cut[0]).toEqual(["甲".repeat(30) + "。”"]);
  });

  it("cuts English text after a sentence and its space, never inside 3.14 or Next.js", () => {
    const paragraph = "We use Next.js here. Pi is 3.14 exactly. ".repeat(10).trimEnd();
    const pages = paginateChapter(paragraph, 50);
    expect(pages.flat().join("")).toBe(paragraph);
    for (const [text] of pages.slice(0, -1)) {
      expect(text).toMatch(/\. $/);
    }
  });

  it("falls back to a space when a long English paragraph has no sentence end", () => {
    const paragraph = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
    const pages = paginateChapter(paragraph, 30);
    for (const [text] of pages.slice(0, -1)) expect(text).toMatch(/ $/);
    expect(pages.flat().join("")).toBe(paragraph);
  });

  it("prefers a hard cut to a sentence end early in the window, which would leave a near-empty page", () => {
    const paragraph = "短句。" + para("字", 100);
    const pages = paginateChapter(paragraph, 50);
    expect(pages.map(pageChars)).toEqual([50, 53]);
  });

  it("hard-cuts text without breaks at exactly maxChars code points, never splitting a surrogate pair", () => {
    const paragraph = para("😀", 25);
    const pages = paginateChapter(paragraph, 10);
    expect(pages).toEqual([[para("😀", 10)], [para("😀", 10)], [para("😀", 5)]]);
    for (const text of pages.flat()) expect(findInvalidCharacter(text)).toBeNull();
  });

  it("keeps emoji ZWJ sequences, skin tones, combining marks and flags whole at a hard cut", () => {
    const family = "👨‍👩‍👧"; // 5 code points
    const pages = paginateChapter(para("x", 8) + family + para("y", 20), 10);
    expect(pages[0]).toEqual([para("x", 8)]);
    expect(pages[1]?.[0]?.startsWith(family)).toBe(true);

    const thumbs = paginateChapter(para("x", 9) + "👍🏽" + para("y", 20), 10);
    expect(thumbs[0]).toEqual([para("x", 9)]);

    const accent = paginateChapter(para("x", 9) + "e\u0301" + para("y", 20), 10);
    expect(accent[0]).toEqual([para("x", 9)]);

    const flags = paginateChapter("x" + "🇨🇳🇯🇵🇺🇸" + para("y", 20), 4);
    expect(flags[0]).toEqual(["x🇨🇳"]);
    expect(flags[1]?.[0]?.startsWith("🇯🇵")).toBe(true);
  });

  it("returns the same pages every time for the same text and size", () => {
    const body = Array.from({ length: 50 }, (_, i) => `第${i}段。` + "内容".repeat((i % 7) * 10)).join("\n");
    const first = paginateChapter(body, 300);
    expect(paginateChapter(body, 300)).toEqual(first);
    expect(countPages(body, 300)).toBe(first.length);
    expect(first.length).toBeGreaterThan(1);
  });

  it("rejects a page size that is not a positive integer", () => {
    expect(() => paginateChapter("a", 0)).toThrow(RangeError);
    expect(() => paginateChapter("a", 1.5)).toThrow(RangeError);
    expect(() => paginateChapter("a", Number.NaN)).toThrow(RangeError);
  });
});

describe("paginateChapter on generated chapters", () => {
  // Deterministic PRNG (mulberry32) so a failure is reproducible from its seed.
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const alphabet = [
    ..."我爱读书这是一个很长的故事",
    ..."abcxyz",
    " ",
    " ",
    "。",
    "！",
    "？",
    "…",
    ".",
    "!",
    "”",
    "」",
    "😀",
    "𠀀",
    "👨‍👩‍👧",
    "🇨🇳",
    "é",
    "e\u0301",
    "3.14",
  ];

  function generateBody(next: () => number): string {
    const paragraphs = Math.floor(next() * 30);
    const lines: string[] = [];
    for (let p = 0; p < paragraphs; p++) {
      const length = 1 + Math.floor(next() * next() * 400);
      let line = "";
      for (let i = 0; i < length; i++) line += alphabet[Math.floor(next() * alphabet.length)];
      lines.push(line.trim() || "空");
      if (next() < 0.1) lines.push("");
    }
    return lines.join("\n");
  }

  it("never loses, duplicates or reorders text and respects the size limit", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const body = generateBody(next);
      const maxChars = 5 + Math.floor(next() * 200);
      const paragraphs = splitParagraphs(body);
      const pages = paginateChapter(body, maxChars);
      const context = `seed ${seed}, maxChars ${maxChars}`;

      expect(rebuildParagraphs(pages, paragraphs), context).toEqual(paragraphs);
      expect(paginateChapter(body, maxChars), context).toEqual(pages);
      if (paragraphs.length === 0) {
        expect(pages, context).toEqual([[]]);
        continue;
      }
      pages.forEach((page, index) => {
        expect(page.length, context).toBeGreaterThan(0);
        const limit = index === pages.length - 1 ? maxChars * 1.15 : maxChars;
        expect(pageChars(page), context).toBeLessThanOrEqual(limit);
        for (const text of page) expect(findInvalidCharacter(text), context).toBeNull();
      });
      for (const paragraph of paragraphs) {
        if (codePoints(paragraph) <= maxChars) {
          expect(
            pages.some((page) => page.includes(paragraph)),
            context,
          ).toBe(true);
        }
      }
    }
  });
});
