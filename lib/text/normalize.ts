/**
 * Normalisation of user-entered text: chapter bodies, titles and names.
 *
 * Bodies are stored as plain text with one paragraph per line, so everything a
 * reader sees as a paragraph is exactly one `\n`-separated line.
 */

// Zero-width characters, except a joiner (ZWJ) between two pictographs: that one makes 👨‍👩‍👧 one
// emoji (an emoji may end in a skin tone or the emoji-style selector U+FE0F before it).
const ZERO_WIDTH =
  /[\u200B\u200C\u2060\uFEFF]|(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
// Characters that draw nothing yet are letters or symbols to Unicode: the Hangul fillers and the
// blank Braille pattern.
const BLANK_LOOKING = /[\u115F\u1160\u3164\uFFA0\u2800]/g;
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// U+2028/U+2029/U+0085 are line breaks to a reader even though they are not "\n".
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/;
// Paragraph indentation as typed in Chinese manuscripts (两个全角空格, U+3000 is in \s)
// or with ASCII spaces and tabs.
const LEADING_INDENT = /^\s+/;

export type InvalidCharacter = {
  kind: "nul" | "lone-surrogate";
  /** Position in UTF-16 code units, as used by `String.prototype` methods. */
  index: number;
};

/**
 * Normalises a chapter body: NFC, LF line endings, no zero-width characters,
 * no indentation or trailing spaces, no blank lines. Returns one paragraph per line.
 */
export function normalizeBody(input: string): string {
  return splitParagraphs(input.normalize("NFC").replace(ZERO_WIDTH, ""))
    .map((line) => line.replace(LEADING_INDENT, "").trimEnd())
    .filter((line) => line.length > 0)
    .join("\n");
}

/**
 * Normalises a single-line title or name: NFC, no bidi controls (they can
 * disguise a name, e.g. reversing its displayed order), no zero-width
 * characters, whitespace collapsed to single spaces and trimmed.
 */
export function normalizeTitle(input: string): string {
  return input
    .normalize("NFC")
    .replace(BIDI_CONTROLS, "")
    .replace(ZERO_WIDTH, "")
    .replace(/[\s\u0085]+/g, " ")
    .trim();
}

/**
 * Whether a reader would see anything in the text: a letter, digit, symbol or punctuation mark
 * that draws. Spaces, combining marks, format characters (soft hyphens, tag characters) and the
 * letters that render as nothing (Hangul fillers, blank Braille) do not count.
 */
export function hasVisibleText(input: string): boolean {
  return /[\p{L}\p{N}\p{S}\p{P}]/u.test(input.replace(BLANK_LOOKING, ""));
}

/** The text without the letters that render as nothing (see hasVisibleText). */
export function withoutBlankLetters(input: string): string {
  return input.replace(BLANK_LOOKING, "");
}

/**
 * Finds the first character that must never be stored: NUL (PostgreSQL text
 * rejects it) or an unpaired UTF-16 surrogate (not valid Unicode, cannot be
 * encoded as UTF-8). Returns null when the text is clean.
 */
export function findInvalidCharacter(input: string): InvalidCharacter | null {
  for (let i = 0; i < input.length; i++) {
    const unit = input.charCodeAt(i);
    if (unit === 0) return { kind: "nul", index: i };
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = input.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { kind: "lone-surrogate", index: i };
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return { kind: "lone-surrogate", index: i };
  }
  return null;
}

/** A message for a form field error; `index` is reported 1-based, as people count. */
export function describeInvalidCharacter(found: InvalidCharacter): string {
  const position = found.index + 1;
  return found.kind === "nul"
    ? `The text contains a NUL character (at position ${position}); remove it and try again.`
    : `The text contains a broken character (an unpaired surrogate at position ${position}); it may have been damaged by copy and paste.`;
}

/** The non-blank lines of a body, each one a paragraph, unchanged otherwise. */
export function splitParagraphs(body: string): string[] {
  return body.split(LINE_BREAK).filter((line) => line.trim().length > 0);
}
