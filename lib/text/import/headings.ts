/**
 * Recognition of volume and chapter headings, one line at a time. Lines longer than a heading
 * can be are never headings, which keeps prose that happens to start with 第一章 out.
 */
import { normalizeTitle } from "@/lib/text/normalize";
import { ImportError } from "./errors";
import { parseChineseNumber, parseHeadingNumber, parseRomanNumber } from "./numerals";

/** Longest line (after trimming) taken for a built-in heading. */
export const MAX_HEADING_LENGTH = 50;
/** Longest line a custom pattern is tried on, which also bounds its worst-case running time. */
export const MAX_CUSTOM_HEADING_LENGTH = 200;
/** Longest custom pattern accepted. */
export const MAX_CUSTOM_PATTERN_LENGTH = 200;

export type SpecialHeading = "prologue" | "epilogue" | "extra" | "afterword";

export type Heading = {
  kind: "volume" | "chapter";
  /** The whole heading line, normalised: what becomes the volume or chapter title. */
  title: string;
  /** The part that numbers or names the heading ("第十二章", "Chapter XII", "楔子"); "" for a custom match. */
  label: string;
  /** The title after the label ("风起"), "" when there is none. */
  name: string;
  number: number | null;
  /** What is counted (章, 节, 回, 卷, chapter, volume, custom…); numbers are compared within a unit. */
  unit: string | null;
  special: SpecialHeading | null;
  /** For "第一卷 第一章 风起": the volume the chapter heading also opens. */
  volume?: Heading;
};

/** A custom heading pattern, compiled and checked by `compileHeadingPattern`. */
export type HeadingPattern = { source: string; regex: RegExp };

const NUM = "[0-9０-９零〇一二两三四五六七八九十百千万]+";
const SEP = "[\\s:：、.．·—\\-_]";
const CHAPTER_ZH = new RegExp(`^(第\\s*(${NUM})\\s*([章节回]))(${SEP}+)?(.*)$`, "u");
const VOLUME_ZH = new RegExp(`^(第\\s*(${NUM})\\s*(部分|[卷部集]))(${SEP}+)?(.*)$`, "u");
const VOLUME_ZH_PREFIX = new RegExp(`^(卷\\s*(${NUM}))(?:(${SEP}+)(.*))?$`, "u");
const SPECIAL_ZH = new RegExp(
  `^(序章|序言|序幕|楔子|引子|引言|尾声|终章|后记|完本感言|完结感言)(?:${SEP}+(.*))?$`,
  "u",
);
const EXTRA_ZH = new RegExp(`^(番外篇?\\s*(?:[(（]\\s*(${NUM})\\s*[)）]|(${NUM}))?)(${SEP}+)?(.*)$`, "u");
const CHAPTER_EN = /^(chapter\s*(\d+|[ivxlcdm]+))\b(?:\s*[:.\-–—]\s*(.*)|\s+(.+))?$/iu;
const VOLUME_EN = /^((volume|vol\.|book)\s*(\d+|[ivxlcdm]+))\b(?:\s*[:.\-–—]\s*(.*)|\s+(.+))?$/iu;
const SPECIAL_EN = /^(prologue|epilogue|afterword|interlude)\b(?:\s*[:.\-–—]\s*(.*)|\s+(.+))?$/iu;

/** Exports from reading sites put 正文 before chapter headings: "正文 第一章 风起". */
const BODY_PREFIX = /^正文\s*(?=第)/u;
/** First characters of every built-in heading, to skip prose lines cheaply. */
const HEADING_START = /^[\s\u3000\uFEFF\u200B-\u200D]*[第卷序楔引尾终后完番正cvbpeai]/iu;
/** A title run on without a separator ("第一章风起") must not read like a sentence. */
const SENTENCE_PUNCTUATION = /[，。；、,;“”"「」『』]/u;
/** Words that start with a heading unit but are prose: 第一节课, 第一回合, 第二章程. */
const UNIT_COMPOUNDS: Record<string, RegExp> = {
  节: /^[课目日点奏约省]/u,
  回: /^[合来去家头到答应忆]/u,
  章: /^[程法]/u,
};

const SPECIAL_ZH_KINDS: Record<string, SpecialHeading> = {
  序章: "prologue",
  序言: "prologue",
  序幕: "prologue",
  楔子: "prologue",
  引子: "prologue",
  引言: "prologue",
  尾声: "epilogue",
  终章: "epilogue",
  后记: "afterword",
  完本感言: "afterword",
  完结感言: "afterword",
};

/**
 * The heading a line is, or null. The line is normalised first (trimmed, full-width spaces and
 * runs of whitespace as one space). A custom pattern is tried before the built-in rules.
 */
export function parseHeading(line: string, custom?: HeadingPattern | null): Heading | null {
  // Indentation may make a raw line longer than its heading, but not by this much.
  if (line.length > MAX_CUSTOM_HEADING_LENGTH * 4) return null;
  if (!custom && !HEADING_START.test(line)) return null;
  const title = normalizeTitle(line).replace(BODY_PREFIX, "");
  if (title.length === 0) return null;
  if (custom && title.length <= MAX_CUSTOM_HEADING_LENGTH) {
    const heading = matchCustom(title, custom);
    if (heading) return heading;
  }
  if (title.length > MAX_HEADING_LENGTH) return null;
  return matchChineseVolume(title) ?? matchChineseChapter(title) ?? matchChineseSpecial(title) ?? matchEnglish(title);
}

/**
 * Compiles an author's pattern for chapter headings (case-insensitive, Unicode). Refuses, with
 * BAD_PATTERN, patterns that are too long, invalid, match an empty line, or nest quantifiers
 * (the usual cause of catastrophic backtracking). A capture group named `num`, or else the
 * first group, is read as the chapter number; a group named `title` as the chapter's name.
 */
export function compileHeadingPattern(source: string): HeadingPattern {
  if (source.length > MAX_CUSTOM_PATTERN_LENGTH) {
    throw new ImportError("BAD_PATTERN", { reason: "tooLong" }, `${source.length} characters`);
  }
  let regex: RegExp;
  try {
    regex = new RegExp(source, "iu");
  } catch (error) {
    throw new ImportError("BAD_PATTERN", { reason: "invalid" }, String(error), { cause: error });
  }
  if (hasNestedQuantifier(source)) throw new ImportError("BAD_PATTERN", { reason: "unsafe" }, source);
  if (regex.test("")) throw new ImportError("BAD_PATTERN", { reason: "matchesEmpty" }, source);
  return { source, regex };
}

function matchCustom(title: string, custom: HeadingPattern): Heading | null {
  const match = custom.regex.exec(title);
  if (!match) return null;
  const numberText = match.groups?.num ?? match[1];
  const name = match.groups?.title?.trim() ?? "";
  return {
    kind: "chapter",
    title,
    label: name ? title.slice(0, Math.max(0, title.lastIndexOf(name))).trim() : "",
    name,
    number: numberText === undefined ? null : parseHeadingNumber(numberText),
    unit: "custom",
    special: null,
  };
}

function matchChineseChapter(title: string): Heading | null {
  const match = CHAPTER_ZH.exec(title);
  if (!match) return null;
  const [, label = "", numberText = "", unit = "", separator, rest = ""] = match;
  if (!separator && !isRunOnTitle(rest, UNIT_COMPOUNDS[unit])) return null;
  return {
    kind: "chapter",
    title,
    label,
    name: rest.trim(),
    number: parseChineseNumber(numberText),
    unit,
    special: null,
  };
}

function matchChineseVolume(title: string): Heading | null {
  const match = VOLUME_ZH.exec(title);
  const prefixed = match ? null : VOLUME_ZH_PREFIX.exec(title);
  if (!match && !prefixed) return null;
  let volume: Heading;
  if (match) {
    const [, label = "", numberText = "", unit = "", separator, rest = ""] = match;
    // 第一卷风起 is a heading; 第一部手机 and 第一集里 are prose.
    if (!separator && rest.length > 0 && (unit !== "卷" || !isRunOnTitle(rest))) return null;
    volume = {
      kind: "volume",
      title,
      label,
      name: rest.trim(),
      number: parseChineseNumber(numberText),
      unit,
      special: null,
    };
  } else {
    const [, label = "", numberText = "", , rest = ""] = prefixed ?? [];
    volume = {
      kind: "volume",
      title,
      label,
      name: rest.trim(),
      number: parseChineseNumber(numberText),
      unit: "卷",
      special: null,
    };
  }
  // "第一卷 第一章 风起": a chapter heading that also opens a volume.
  const chapter = volume.name ? (matchChineseChapter(volume.name) ?? matchChineseSpecial(volume.name)) : null;
  if (!chapter) return volume;
  return { ...chapter, volume: { ...volume, title: volume.label, name: "" } };
}

function matchChineseSpecial(title: string): Heading | null {
  const special = SPECIAL_ZH.exec(title);
  if (special) {
    const [, label = "", rest = ""] = special;
    return {
      kind: "chapter",
      title,
      label,
      name: rest.trim(),
      number: null,
      unit: null,
      special: SPECIAL_ZH_KINDS[label] ?? "prologue",
    };
  }
  const extra = EXTRA_ZH.exec(title);
  if (!extra) return null;
  const [, label = "", bracketed, bare, separator, rest = ""] = extra;
  if (!separator && !isRunOnTitle(rest)) return null;
  const numberText = bracketed ?? bare;
  return {
    kind: "chapter",
    title,
    label: label.trim(),
    name: rest.trim(),
    number: numberText ? parseChineseNumber(numberText) : null,
    unit: null,
    special: "extra",
  };
}

function matchEnglish(title: string): Heading | null {
  const chapter = CHAPTER_EN.exec(title);
  if (chapter) {
    const [, label = "", numberText = "", separated, spaced] = chapter;
    const number = parseHeadingNumber(numberText);
    if (number === null || !isEnglishTitle(spaced)) return null;
    return {
      kind: "chapter",
      title,
      label,
      name: (separated ?? spaced ?? "").trim(),
      number,
      unit: "chapter",
      special: null,
    };
  }
  const volume = VOLUME_EN.exec(title);
  if (volume) {
    const [, label = "", word = "", numberText = "", separated, spaced] = volume;
    const number = /^\d+$/.test(numberText) ? Number(numberText) : parseRomanNumber(numberText);
    if (number === null || !isEnglishTitle(spaced)) return null;
    const unit = word.toLowerCase() === "book" ? "book" : "volume";
    return { kind: "volume", title, label, name: (separated ?? spaced ?? "").trim(), number, unit, special: null };
  }
  const special = SPECIAL_EN.exec(title);
  if (special) {
    const [, label = "", separated, spaced] = special;
    if (!isEnglishTitle(spaced)) return null;
    const word = label.toLowerCase();
    const kind: SpecialHeading = word === "interlude" ? "extra" : (word as SpecialHeading);
    return {
      kind: "chapter",
      title,
      label,
      name: (separated ?? spaced ?? "").trim(),
      number: null,
      unit: null,
      special: kind,
    };
  }
  return null;
}

function isRunOnTitle(rest: string, compounds?: RegExp): boolean {
  if (rest.length === 0) return true;
  return rest.length <= 30 && !SENTENCE_PUNCTUATION.test(rest) && !compounds?.test(rest);
}

/** After "Chapter 12 " a title starts like one ("The Storm"), not like a sentence ("was long"). */
function isEnglishTitle(spaced: string | undefined): boolean {
  return spaced === undefined || !/^\p{Ll}/u.test(spaced);
}

/**
 * True when a repeated group contains a repetition or an alternative, as in (a+)+, (\d*x?)* or
 * (\d|\d)*: the shapes whose backtracking grows exponentially with the line. Harmless ones such
 * as (第\d+章)+ are refused too; a heading pattern rarely needs them. Escapes and character
 * classes are skipped.
 */
function hasNestedQuantifier(source: string): boolean {
  const groups: boolean[] = []; // per open group: does it contain a repetition or an alternative?
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      continue;
    }
    if (char === "[") inClass = true;
    else if (char === "(") groups.push(false);
    else if (char === ")") {
      const inner = groups.pop() ?? false;
      const next = source[i + 1];
      const repeated = next === "*" || next === "+" || next === "{";
      if (inner && repeated) return true;
      if (groups.length > 0 && (inner || repeated)) groups[groups.length - 1] = true;
    } else if ((char === "*" || char === "+" || char === "{" || char === "|") && groups.length > 0) {
      groups[groups.length - 1] = true;
    }
  }
  return false;
}
