import { splitParagraphs } from "./normalize";

/**
 * Splits a chapter into reading sub-pages (`/book/[id]/[chapterId]/[page]`).
 *
 * Rules, all measured in Unicode code points of paragraph text (line breaks
 * between paragraphs are not counted):
 * - Pages break only between paragraphs and hold at most `maxChars`.
 * - A paragraph longer than `maxChars` on its own is cut into fragments: at the
 *   last sentence end (。！？…, or . ! ? followed by a space, with any closing
 *   quotes or brackets kept on the left) in the window, else at the last space,
 *   else hard at `maxChars` code points, moved back so that it never separates
 *   a surrogate pair, a combining mark, an emoji sequence or a flag. Sentence
 *   and space breaks count only in the second half of the `maxChars` window:
 *   an early break would leave a near-empty page, worse than a hard cut.
 * - A last page under 15% of `maxChars` is merged into the page before it, so
 *   readers are not sent to a page holding one line. The page before holds at
 *   most `maxChars`, so the merged page stays under 115% of `maxChars`; this is
 *   the only way a page exceeds `maxChars`.
 * - Fragments of one paragraph that end up on the same page are joined again.
 *
 * The result depends only on `body` and `maxChars`, so a sub-page URL always
 * shows the same text for the same chapter revision and page size.
 */
export function paginateChapter(body: string, maxChars: number): string[][] {
  return paginateFragments(body, maxChars).map(joinFragments);
}

/**
 * The sub-pages with, for each, the index (0-based, over the whole chapter) of the paragraph its
 * first line belongs to: paragraph comments (段评) address paragraphs by that index.
 */
export function paginateChapterWithIndex(
  body: string,
  maxChars: number,
): { pages: string[][]; firstParagraph: number[] } {
  const pages = paginateFragments(body, maxChars);
  return { pages: pages.map(joinFragments), firstParagraph: pages.map((page) => page[0]?.paragraph ?? 0) };
}

function paginateFragments(body: string, maxChars: number): Fragment[][] {
  if (!Number.isInteger(maxChars) || maxChars < 1) {
    throw new RangeError(`maxChars must be a positive integer, got ${maxChars}`);
  }
  const fragments = splitParagraphs(body).flatMap((paragraph, index) =>
    cutParagraph(paragraph, maxChars).map((text) => ({
      text,
      paragraph: index,
      chars: countCodePoints(text),
    })),
  );
  if (fragments.length === 0) return [[]];

  const pages: Fragment[][] = [];
  let current: Fragment[] = [];
  let used = 0;
  for (const fragment of fragments) {
    if (current.length > 0 && used + fragment.chars > maxChars) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(fragment);
    used += fragment.chars;
  }
  pages.push(current);
  mergeTinyLastPage(pages, maxChars);
  return pages;
}

/** CHAPTER_PAGE_CHARS when unset (lib/env.ts); stored page counts assume it. */
export const DEFAULT_CHAPTER_PAGE_CHARS = 2500;

/** Number of sub-pages `paginateChapter` produces; always at least 1. */
export function countPages(body: string, maxChars: number): number {
  // Paragraph text never has more code points than the body has UTF-16 units, so a body that
  // short fits on one page without splitting (the seeder counts millions of chapters).
  if (Number.isInteger(maxChars) && maxChars >= 1 && body.length <= maxChars) return 1;
  return paginateChapter(body, maxChars).length;
}

export const TINY_LAST_PAGE_RATIO = 0.15;

type Fragment = { text: string; paragraph: number; chars: number };

function mergeTinyLastPage(pages: Fragment[][], maxChars: number): void {
  const last = pages.at(-1);
  const previous = pages.at(-2);
  if (!last || !previous) return;
  if (sumChars(last) < maxChars * TINY_LAST_PAGE_RATIO) {
    previous.push(...last);
    pages.pop();
  }
}

function joinFragments(page: Fragment[]): string[] {
  const texts: string[] = [];
  let previous: Fragment | undefined;
  for (const fragment of page) {
    if (previous && previous.paragraph === fragment.paragraph) {
      texts[texts.length - 1] += fragment.text;
    } else {
      texts.push(fragment.text);
    }
    previous = fragment;
  }
  return texts;
}

function sumChars(page: Fragment[]): number {
  return page.reduce((total, fragment) => total + fragment.chars, 0);
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

function cutParagraph(paragraph: string, maxChars: number): string[] {
  const chars = Array.from(paragraph);
  if (chars.length <= maxChars) return [paragraph];
  const pieces: string[] = [];
  let start = 0;
  while (chars.length - start > maxChars) {
    const end = chooseCut(chars, start, start + maxChars);
    pieces.push(chars.slice(start, end).join(""));
    start = end;
  }
  pieces.push(chars.slice(start).join(""));
  return pieces;
}

function chooseCut(chars: string[], start: number, limit: number): number {
  const half = start + Math.ceil((limit - start) / 2);
  const sentence = lastBreak(chars, half, limit, isSentenceBreak);
  if (sentence !== -1) return sentence;
  const space = lastBreak(chars, half, limit, isSpaceBreak);
  if (space !== -1) return space;
  return hardCut(chars, start, limit);
}

/** Last position `j` in [from, limit] such that a cut before `chars[j]` is allowed, else -1. */
function lastBreak(
  chars: string[],
  from: number,
  limit: number,
  allowed: (chars: string[], j: number) => boolean,
): number {
  for (let j = limit; j >= from; j--) {
    if (allowed(chars, j)) return j;
  }
  return -1;
}

const TERMINATORS = new Set(["。", "｡", "．", "！", "？", "…", "‥", "‼", "⁇", "⁈", "⁉"]);
// Ambiguous in Latin text ("3.14", "Next.js"), so they end a sentence only before a space.
const LATIN_TERMINATORS = new Set([".", "!", "?"]);
const CLOSERS = new Set(["”", "’", '"', "'", "」", "』", "）", ")", "】", "〕", "》", "〉", "］", "]", "｝", "}"]);
const SPACE = /^\s$/u;

function isSentenceBreak(chars: string[], j: number): boolean {
  const next = chars[j];
  if (next === undefined) return false;
  if (SPACE.test(next) || CLOSERS.has(next) || TERMINATORS.has(next) || LATIN_TERMINATORS.has(next)) {
    return false;
  }
  let k = j - 1;
  let spaces = 0;
  while (k >= 0 && SPACE.test(chars[k] ?? "")) {
    k--;
    spaces++;
  }
  while (k >= 0 && CLOSERS.has(chars[k] ?? "")) k--;
  const terminator = chars[k] ?? "";
  return TERMINATORS.has(terminator) || (spaces > 0 && LATIN_TERMINATORS.has(terminator));
}

function isSpaceBreak(chars: string[], j: number): boolean {
  const next = chars[j];
  return next !== undefined && !SPACE.test(next) && SPACE.test(chars[j - 1] ?? "");
}

// Code points that attach to the one before them: combining marks (incl.
// variation selectors), emoji skin-tone modifiers, zero-width joiner, tags.
const ATTACHES_TO_PREVIOUS = /^[\p{M}\p{Emoji_Modifier}\u200D\u{E0020}-\u{E007F}]$/u;
const REGIONAL_INDICATOR = /^\p{Regional_Indicator}$/u;
// How far a hard cut may move back to keep a grapheme whole (long emoji ZWJ sequences).
const MAX_GRAPHEME_BACKTRACK = 32;

function hardCut(chars: string[], start: number, limit: number): number {
  const floor = Math.max(start + 1, limit - MAX_GRAPHEME_BACKTRACK);
  for (let j = limit; j >= floor; j--) {
    if (isGraphemeBoundary(chars, j)) return j;
  }
  return limit;
}

function isGraphemeBoundary(chars: string[], j: number): boolean {
  const next = chars[j] ?? "";
  const previous = chars[j - 1] ?? "";
  if (ATTACHES_TO_PREVIOUS.test(next) || previous === "\u200D") return false;
  if (REGIONAL_INDICATOR.test(next) && REGIONAL_INDICATOR.test(previous)) {
    let run = 0;
    for (let k = j - 1; k >= 0 && REGIONAL_INDICATOR.test(chars[k] ?? ""); k--) run++;
    return run % 2 === 0;
  }
  return true;
}
