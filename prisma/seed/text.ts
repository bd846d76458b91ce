// Text generators for the demo catalog: titles, pen names, intros, chapter titles and bodies.
// Bodies are plain text, one paragraph per line, no indentation.
import { countWords } from "@/lib/text/word-count";
import type { Rng } from "./prng";
import * as W from "./words";

// Sentences repeat a lot (templates × a book's cast), so their word counts are memoised. A body's
// count is the sum of its sentences' counts: sentences and paragraphs meet at punctuation,
// spaces or newlines, where no word can continue across the join.
const counted = new Map<string, number>();
export function sentenceWords(s: string): number {
  let n = counted.get(s);
  if (n === undefined) {
    if (counted.size > 200_000) counted.clear();
    n = countWords(s);
    counted.set(s, n);
  }
  return n;
}

/** Paragraphs plus their total word count (as countWords counts the joined body). */
export type Paragraphs = { paras: string[]; words: number };

export type Cast = Record<"A" | "B" | "C" | "E" | "P" | "O" | "W" | "I" | "F" | "L", string>;

function zhName(rng: Rng): string {
  const given = rng.pick(W.GIVEN) + (rng.chance(0.6) ? rng.pick(W.GIVEN) : "");
  return rng.pick(W.SURNAMES) + given;
}

export function zhCast(rng: Rng, genre: W.Genre): Cast {
  const v = W.VOCAB[genre];
  const names = new Set<string>();
  while (names.size < 3) names.add(zhName(rng));
  const [A, B, C] = [...names] as [string, string, string];
  return {
    A,
    B,
    C,
    E: rng.pick(v.elders),
    P: rng.pick(v.places),
    O: rng.pick(v.orgs),
    W: rng.pick(v.powers),
    I: rng.pick(v.items),
    F: rng.pick(v.foes),
    L: rng.pick(v.levels),
  };
}

export function enCast(rng: Rng): Cast {
  const [A, B, C] = rng.sample(W.EN_NAMES, 3) as [string, string, string];
  return {
    A,
    B,
    C,
    E: "the old archivist",
    P: rng.pick(W.EN_PLACES),
    O: "the Guild",
    W: "mana",
    I: rng.pick(W.EN_ITEMS),
    F: rng.pick(W.EN_FOES),
    L: "Tier Three",
  };
}

/** Each paragraph re-draws the place/item/foe sometimes, so a chapter is not one long loop. */
function vary(rng: Rng, cast: Cast, genre: W.Genre | "en"): Cast {
  if (!rng.chance(0.3)) return cast;
  if (genre === "en") return { ...cast, P: rng.pick(W.EN_PLACES), I: rng.pick(W.EN_ITEMS) };
  const v = W.VOCAB[genre];
  return { ...cast, P: rng.pick(v.places), I: rng.pick(v.items), L: rng.pick(v.levels) };
}

const SLOT = /\{([A-Z])\}/g;
export function fill(template: string, cast: Cast): string {
  return template.replace(SLOT, (m, k: string) => (cast as Record<string, string>)[k] ?? m);
}

// ----- Chinese ------------------------------------------------------------------------

function zhSentence(rng: Rng, cast: Cast): string {
  const r = rng.next();
  if (r < 0.18) {
    return fill(rng.pick(W.ZH_TAGS_BEFORE), cast) + "“" + fill(rng.pick(W.ZH_LINES), cast) + "”";
  }
  if (r < 0.34) {
    return "“" + fill(rng.pick(W.ZH_LINES), cast) + "”" + fill(rng.pick(W.ZH_TAGS_AFTER), cast);
  }
  if (r < 0.4) return fill(rng.pick(W.ZH_THOUGHTS), cast);
  if (r < 0.5) return rng.pick(W.ZH_SCENERY) + fill(rng.pick(W.ZH_NARRATION), cast);
  return fill(rng.pick(W.ZH_NARRATION), cast);
}

/** One paragraph of 30–250 characters, with its word count. */
export function zhParagraphCounted(rng: Rng, cast: Cast, genre: W.Genre): { text: string; words: number } {
  const c = vary(rng, cast, genre);
  const want = rng.int(1, 5);
  let p = zhSentence(rng, c);
  let words = sentenceWords(p);
  for (let i = 1; i < want || p.length < 30; i++) {
    const s = zhSentence(rng, c);
    if (p.length + s.length > 250) break;
    p += s;
    words += sentenceWords(s);
  }
  while (p.length < 30) {
    const s = fill("{A}没有再说什么。", c);
    p += s;
    words += sentenceWords(s);
  }
  return { text: p, words };
}

export function zhParagraph(rng: Rng, cast: Cast, genre: W.Genre): string {
  return zhParagraphCounted(rng, cast, genre).text;
}

/** Paragraphs adding up to at least `chars` characters. */
export function zhChapter(rng: Rng, cast: Cast, genre: W.Genre, chars: number): Paragraphs {
  const paras: string[] = [];
  let total = 0;
  let words = 0;
  while (total < chars) {
    const p = zhParagraphCounted(rng, cast, genre);
    paras.push(p.text);
    total += p.text.length;
    words += p.words;
  }
  return { paras, words };
}

export function zhChapterTitle(rng: Rng, cast: Cast, genre: W.Genre): string {
  return fill(rng.pick(W.ZH_CHAPTER_TITLES), vary(rng, cast, genre));
}

export function zhIntro(rng: Rng, cast: Cast): string {
  const n = rng.int(2, 4);
  const first = W.ZH_INTRO.slice(0, 1);
  const rest = rng.sample(W.ZH_INTRO.slice(1), n - 1);
  return [...first, ...rest].map((t) => fill(t, cast)).join("");
}

export function zhNumeral(n: number): string {
  if (n <= 10) return W.ZH_NUMERALS[n] ?? String(n);
  if (n < 20) return "十" + (W.ZH_NUMERALS[n - 10] ?? "");
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (W.ZH_NUMERALS[tens] ?? "") + "十" + (ones ? (W.ZH_NUMERALS[ones] ?? "") : "");
}

const MYSTERY_SUFFIX = ["档案", "疑案", "谜踪", "笔记", "密码", "回声"];

export function zhBookTitle(rng: Rng, genre: W.Genre): string {
  const patterns: (() => string)[] = [];
  const fantasyish = genre === "fantasy" || genre === "wuxia" || genre === "games";
  if (fantasyish || genre === "history") {
    patterns.push(() => rng.pick(W.TITLE_CORE) + rng.pick(W.TITLE_TAIL));
    patterns.push(() => rng.pick(W.TITLE_CORE) + rng.pick(W.TITLE_TAIL));
  }
  if (fantasyish || genre === "scifi" || genre === "mystery") {
    patterns.push(() => rng.pick(W.TITLE_LORD) + "之主");
  }
  if (genre === "urban" || genre === "romance" || genre === "scifi" || genre === "games") {
    patterns.push(() => rng.pick(W.TITLE_ROLE) + "的征途是" + rng.pick(W.TITLE_GOAL));
  }
  if (genre !== "mystery") {
    patterns.push(() => "我在" + rng.pick(W.TITLE_PLACE) + rng.pick(W.TITLE_DOING));
  }
  if (genre === "urban" || genre === "romance" || genre === "history") {
    patterns.push(() => "重生之" + rng.pick(W.TITLE_REBORN));
  }
  if (fantasyish || genre === "urban" || genre === "history") {
    patterns.push(() => rng.pick(W.TITLE_ADJ_NOUN_A) + rng.pick(W.TITLE_ADJ_NOUN_B));
  }
  if (genre === "mystery") {
    patterns.push(() => rng.pick(W.TITLE_MYSTERY));
    patterns.push(() => rng.pick(W.TITLE_LORD) + rng.pick(MYSTERY_SUFFIX));
  }
  if (genre === "scifi") patterns.push(() => rng.pick(W.TITLE_SCIFI));
  return rng.pick(patterns)();
}

export function zhPenName(rng: Rng): string {
  if (rng.chance(0.15)) return "我吃" + rng.pick(["西红柿", "火龙果", "榴莲", "橘子", "葡萄"]);
  return rng.pick(W.PEN_PREFIX) + rng.pick(W.PEN_SUFFIX);
}

// ----- English ------------------------------------------------------------------------

function enDialogue(rng: Rng, cast: Cast): string {
  const line = fill(rng.pick(W.EN_LINES), cast);
  const tag = fill(rng.pick(W.EN_TAGS), cast);
  const spoken = line.endsWith(".") ? line.slice(0, -1) + "," : line;
  return "\u201c" + spoken + "\u201d " + tag;
}

export function enParagraphCounted(rng: Rng, cast: Cast): { text: string; words: number } {
  const c = vary(rng, cast, "en");
  const n = rng.int(3, 9);
  const parts: string[] = [];
  let words = 0;
  for (let i = 0; i < n; i++) {
    const s = rng.chance(0.25) ? enDialogue(rng, c) : fill(rng.pick(W.EN_NARRATION), c);
    parts.push(s);
    words += sentenceWords(s);
  }
  return { text: parts.join(" "), words };
}

export function enParagraph(rng: Rng, cast: Cast): string {
  return enParagraphCounted(rng, cast).text;
}

/** Paragraphs adding up to at least `target` words. */
export function enChapter(rng: Rng, cast: Cast, target: number): Paragraphs {
  const paras: string[] = [];
  let words = 0;
  while (words < target) {
    const p = enParagraphCounted(rng, cast);
    paras.push(p.text);
    words += p.words;
  }
  return { paras, words };
}

export function enChapterTitle(rng: Rng, cast: Cast): string {
  return fill(rng.pick(W.EN_CHAPTER_TITLES), cast);
}

export function enIntro(rng: Rng, cast: Cast): string {
  const n = rng.int(2, 4);
  return W.EN_INTRO.slice(0, n)
    .map((t) => fill(t, cast))
    .join(" ");
}

export function enBookTitle(rng: Rng): string {
  const r = rng.next();
  if (r < 0.4) return "The " + rng.pick(W.EN_TITLE_ADJ) + " " + rng.pick(W.EN_TITLE_NOUN);
  if (r < 0.75) return rng.pick(W.EN_TITLE_NOUN) + " of " + rng.pick(W.EN_TITLE_OF);
  return "The " + rng.pick(W.EN_TITLE_NOUN) + " at the End of " + rng.pick(W.EN_TITLE_OF);
}
