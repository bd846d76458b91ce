/**
 * Splits a decoded novel into volumes and chapters in one pass over its lines. Only heading
 * candidates are sliced out; each body is sliced once from the whole text and normalised, so a
 * 50 MB file never exists as an array of lines or as one giant regex match.
 */
import { normalizeBody } from "@/lib/text/normalize";
import { countWords } from "@/lib/text/word-count";
import { ImportError } from "./errors";
import { compileHeadingPattern, parseHeading, type Heading } from "./headings";

/** Total time a custom pattern may take over a whole file before it is refused as too slow. */
export const CUSTOM_PATTERN_BUDGET_MS = 5_000;
/** Title of the chapter made from the text before the first heading, unless the caller names it. */
export const DEFAULT_PROLOGUE_TITLE = "序章";

/** A chapter: its heading's parts ("" label for a custom match or the preface made a prologue). */
export type ImportedChapter = Pick<Heading, "title" | "label" | "name" | "number" | "unit" | "special"> & {
  /** One paragraph per line, as `normalizeBody` stores it. */
  body: string;
  words: number;
  /** The heading had no text after it; kept so the author sees it, and flagged in the preview. */
  empty: boolean;
  /** 1-based line of the heading in the file; 0 for a prologue made from the preface. */
  line: number;
};

export type ImportedVolume = {
  /** "" for the default volume holding chapters that come before any volume heading. */
  title: string;
  label: string;
  name: string;
  number: number | null;
  unit: string | null;
  /** Text between the volume heading and its first chapter, normalised. */
  intro: string;
  line: number;
  chapters: ImportedChapter[];
};

export type SplitOptions = {
  customPattern?: string | null;
  /** What the text before the first heading becomes: the book's intro, or a first chapter. */
  preface: "intro" | "prologue";
  /** Title of that first chapter when `preface` is "prologue" (pass the translated word). */
  prologueTitle?: string;
};

export type SplitNovel = {
  volumes: ImportedVolume[];
  /** The text before the first heading when `preface` is "intro", else "". */
  intro: string;
  chapterCount: number;
  /** Volumes that have a heading (the default volume is not counted). */
  volumeCount: number;
  /** Words in all chapters. */
  words: number;
};

type Target =
  { kind: "preface" } | { kind: "volume"; volume: ImportedVolume } | { kind: "chapter"; chapter: ImportedChapter };

const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/**
 * Throws EMPTY_FILE for blank text, NO_HEADINGS when no chapter heading is found, and
 * BAD_PATTERN for a custom pattern that does not compile or runs too slowly.
 */
export function splitNovel(text: string, opts: SplitOptions): SplitNovel {
  if (text.trim().length === 0) throw new ImportError("EMPTY_FILE", {});
  const pattern = opts.customPattern ? compileHeadingPattern(opts.customPattern) : null;

  const volumes: ImportedVolume[] = [];
  let preface = "";
  let target: Target = { kind: "preface" };
  let bodyStart = 0;
  let chapterCount = 0;
  let words = 0;

  const flush = (end: number) => {
    const body = normalizeBody(text.slice(bodyStart, end));
    if (target.kind === "preface") preface = body;
    else if (target.kind === "volume") target.volume.intro = body;
    else {
      target.chapter.body = body;
      target.chapter.words = countWords(body);
      target.chapter.empty = body.length === 0;
      words += target.chapter.words;
    }
  };
  const openVolume = (heading: Heading | null, line: number): ImportedVolume => {
    const volume: ImportedVolume = {
      title: heading?.title ?? "",
      label: heading?.label ?? "",
      name: heading?.name ?? "",
      number: heading?.number ?? null,
      unit: heading?.unit ?? null,
      intro: "",
      line,
      chapters: [],
    };
    volumes.push(volume);
    return volume;
  };
  const addChapter = (chapter: ImportedChapter) => {
    const volume = volumes.at(-1) ?? openVolume(null, 0);
    volume.chapters.push(chapter);
    chapterCount++;
    return chapter;
  };

  const timer = pattern ? new PatternTimer() : null;
  let lineStart = 0;
  let lineNumber = 0;
  while (lineStart <= text.length) {
    LINE_BREAK.lastIndex = lineStart;
    const lineBreak = LINE_BREAK.exec(text);
    const lineEnd = lineBreak ? lineBreak.index : text.length;
    const next = lineBreak ? lineEnd + lineBreak[0].length : text.length + 1;
    lineNumber++;

    const heading = timer
      ? timer.time(() => parseHeading(text.slice(lineStart, lineEnd), pattern))
      : parseHeading(text.slice(lineStart, lineEnd), pattern);
    if (heading) {
      flush(lineStart);
      if (target.kind === "preface" && opts.preface === "prologue" && preface.length > 0) {
        words += addChapter(prologueChapter(preface, opts.prologueTitle ?? DEFAULT_PROLOGUE_TITLE)).words;
      }
      if (heading.volume) openVolume(heading.volume, lineNumber);
      target =
        heading.kind === "volume"
          ? { kind: "volume", volume: openVolume(heading, lineNumber) }
          : { kind: "chapter", chapter: addChapter(toChapter(heading, lineNumber)) };
      bodyStart = next;
    }
    lineStart = next;
  }
  flush(text.length);

  if (chapterCount === 0) throw new ImportError("NO_HEADINGS", {});
  return {
    volumes,
    intro: opts.preface === "intro" ? preface : "",
    chapterCount,
    volumeCount: volumes.filter((volume) => volume.title !== "").length,
    words,
  };
}

function toChapter(heading: Heading, line: number): ImportedChapter {
  const { title, label, name, number, unit, special } = heading;
  return { title, label, name, number, unit, special, body: "", words: 0, empty: true, line };
}

function prologueChapter(body: string, title: string): ImportedChapter {
  return {
    title,
    label: "",
    name: "",
    number: null,
    unit: null,
    special: "prologue",
    body,
    words: countWords(body),
    empty: false,
    line: 0,
  };
}

/** Accumulates the time spent matching a custom pattern and refuses it past the budget. */
class PatternTimer {
  private spent = 0;

  time<T>(run: () => T): T {
    const start = performance.now();
    const result = run();
    this.spent += performance.now() - start;
    if (this.spent > CUSTOM_PATTERN_BUDGET_MS) {
      throw new ImportError("BAD_PATTERN", { reason: "tooSlow" }, `${Math.round(this.spent)} ms`);
    }
    return result;
  }
}
