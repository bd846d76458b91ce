/**
 * Everything an author sees before an import writes anything: the encoding used, counts, the
 * first chapters, and headings that look wrong. `parseImport` is the whole pipeline from the
 * uploaded bytes; the data layer imports its `novel`, and the UI shows `summarizeImport` of it.
 */
import { createHash } from "node:crypto";
import { assertImportSize } from "./errors";
import { assertNotBinary, decodeText, detectEncoding, type EncodingDetection, type ImportEncoding } from "./encoding";
import { splitNovel, type ImportedChapter, type SplitNovel, type SplitOptions } from "./split";

/** Chapters shown in the preview, and the length of each one's opening, in characters. */
export const PREVIEW_CHAPTERS = 5;
export const PREVIEW_OPENING_CHARS = 100;
export const PREVIEW_INTRO_CHARS = 200;
/** Chapter lengths, in words, that suggest a missed heading (long) or a stray one (short). */
export const VERY_LONG_WORDS = 30_000;
export const VERY_SHORT_WORDS = 100;
/** Suspicious headings listed at most; `suspiciousTotal` counts them all. */
export const MAX_SUSPICIOUS = 100;

export type ImportOptions = SplitOptions & {
  /** The author's choice of encoding, overriding detection. */
  encoding?: ImportEncoding | null;
};

export type ParsedImport = {
  /** sha256 of the uploaded bytes: the same upload imported twice creates its chapters once. */
  fingerprint: string;
  byteLength: number;
  detected: EncodingDetection;
  /** The encoding the text was decoded with: the author's override, else the detected one. */
  encoding: ImportEncoding;
  novel: SplitNovel;
};

type SuspiciousBase = { title: string; /** 0-based position among all chapters. */ index: number };
export type SuspiciousHeading =
  | (SuspiciousBase & { kind: "gap"; detail: { missingFrom: number; missingTo: number } })
  | (SuspiciousBase & { kind: "duplicate"; detail: { number: number; firstIndex: number; firstTitle: string } })
  | (SuspiciousBase & { kind: "out-of-order"; detail: { number: number; previousNumber: number } })
  | (SuspiciousBase & { kind: "empty"; detail: Record<string, never> })
  | (SuspiciousBase & { kind: "very-long" | "very-short"; detail: { words: number } });

/** Key of each kind's message, relative to the root of the message catalogs; `title` and `detail` are its params. */
export const SUSPICIOUS_MESSAGE_KEYS = {
  gap: "import.suspicious.gap",
  duplicate: "import.suspicious.duplicate",
  "out-of-order": "import.suspicious.outOfOrder",
  empty: "import.suspicious.empty",
  "very-long": "import.suspicious.veryLong",
  "very-short": "import.suspicious.veryShort",
} as const satisfies Record<SuspiciousHeading["kind"], `import.suspicious.${string}`>;

export type ImportPreview = {
  fingerprint: string;
  encoding: ImportEncoding;
  detected: EncodingDetection;
  volumes: number;
  chapters: number;
  words: number;
  /** The start of the book intro taken from the text before the first heading ("" if none). */
  intro: string;
  first: { title: string; opening: string }[];
  suspicious: SuspiciousHeading[];
  suspiciousTotal: number;
};

/**
 * Checks, detects, decodes and splits an upload. Throws ImportError: TOO_LARGE, EMPTY_FILE,
 * NOT_TEXT, DECODE_FAILED, BAD_PATTERN or NO_HEADINGS.
 */
export function parseImport(bytes: Uint8Array, opts: ImportOptions): ParsedImport {
  assertImportSize(bytes);
  assertNotBinary(bytes);
  const detected = detectEncoding(bytes);
  const encoding = opts.encoding ?? detected.encoding;
  const novel = splitNovel(decodeText(bytes, encoding), opts);
  return { fingerprint: importFingerprint(bytes), byteLength: bytes.byteLength, detected, encoding, novel };
}

export function previewImport(bytes: Uint8Array, opts: ImportOptions): ImportPreview {
  return summarizeImport(parseImport(bytes, opts));
}

export function summarizeImport(parsed: ParsedImport): ImportPreview {
  const { novel } = parsed;
  const chapters = novel.volumes.flatMap((volume) => volume.chapters);
  const suspicious = findSuspiciousHeadings(novel);
  return {
    fingerprint: parsed.fingerprint,
    encoding: parsed.encoding,
    detected: parsed.detected,
    volumes: novel.volumeCount,
    chapters: novel.chapterCount,
    words: novel.words,
    intro: firstChars(novel.intro, PREVIEW_INTRO_CHARS),
    first: chapters
      .slice(0, PREVIEW_CHAPTERS)
      .map((chapter) => ({ title: chapter.title, opening: firstChars(chapter.body, PREVIEW_OPENING_CHARS) })),
    suspicious: suspicious.slice(0, MAX_SUSPICIOUS),
    suspiciousTotal: suspicious.length,
  };
}

/** sha256 hex of the uploaded bytes, the idempotency key of an import. */
export function importFingerprint(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

type Numbered = { number: number; index: number; title: string; volume: number };

/**
 * Numbers are compared within a unit (章, 节, chapter…) against the highest seen so far, so one
 * misplaced chapter is reported once. A sequence restarts at 1 in a new volume, or after a
 * heading of another unit (节 numbered within each 章), so neither is a gap. Special headings
 * (序章, 番外…) and unnumbered custom ones are not numbered.
 */
export function findSuspiciousHeadings(novel: SplitNovel): SuspiciousHeading[] {
  const found: SuspiciousHeading[] = [];
  const sequences = new Map<string, { highest: Numbered; seen: Map<number, Numbered> }>();
  let previousUnit: string | null = null;
  let index = 0;

  novel.volumes.forEach((volume, volumeIndex) => {
    for (const chapter of volume.chapters) {
      const { title } = chapter;
      const current = numbered(chapter, index, volumeIndex);
      if (current && chapter.unit) {
        const unit = chapter.unit;
        const sequence = sequences.get(unit);
        const restart =
          sequence === undefined ||
          (current.number === 1 && (sequence.highest.volume !== volumeIndex || previousUnit !== unit));
        if (restart) {
          sequences.set(unit, { highest: current, seen: new Map([[current.number, current]]) });
        } else {
          const { highest, seen } = sequence;
          const first = seen.get(current.number);
          if (first) {
            const detail = { number: current.number, firstIndex: first.index, firstTitle: first.title };
            found.push({ kind: "duplicate", title, index, detail });
          } else if (current.number > highest.number + 1) {
            const detail = { missingFrom: highest.number + 1, missingTo: current.number - 1 };
            found.push({ kind: "gap", title, index, detail });
          } else if (current.number < highest.number) {
            const detail = { number: current.number, previousNumber: highest.number };
            found.push({ kind: "out-of-order", title, index, detail });
          }
          if (!first) seen.set(current.number, current);
          if (current.number > highest.number) sequence.highest = current;
        }
        previousUnit = unit;
      }

      if (chapter.empty) found.push({ kind: "empty", title, index, detail: {} });
      else if (chapter.words > VERY_LONG_WORDS) {
        found.push({ kind: "very-long", title, index, detail: { words: chapter.words } });
      } else if (chapter.words < VERY_SHORT_WORDS) {
        found.push({ kind: "very-short", title, index, detail: { words: chapter.words } });
      }
      index++;
    }
  });
  return found;
}

function numbered(chapter: ImportedChapter, index: number, volume: number): Numbered | null {
  if (chapter.number === null || chapter.special !== null) return null;
  return { number: chapter.number, index, title: chapter.title, volume };
}

/** The first `count` characters (code points, so no emoji is cut in half). */
function firstChars(text: string, count: number): string {
  return Array.from(text.slice(0, count * 2))
    .slice(0, count)
    .join("");
}
