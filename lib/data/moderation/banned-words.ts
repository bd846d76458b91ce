import "server-only";
import { readFileSync, statSync } from "node:fs";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { foldHan } from "@/lib/search/normalize";

// The optional banned-words list (BANNED_WORDS_FILE: one word or phrase a line, `#` starts a
// comment), applied when a reader writes (comments and reviews). Read again when the
// file changes, so an operator edits it without a restart. A file that cannot be read is logged
// and the last list read stays in force (none, before the first): readers keep writing.
//
// Matching folds both sides the same way: Unicode NFKC (full-width Ａ→A and ０→0, half-width
// katakana, circled and compatibility forms), lower case, and then
//   - a list entry with a CJK (or any non-Latin) letter matches anywhere in the text with every
//     character that is not a letter or digit removed: Chinese has no word boundaries, and
//     "傻 逼", "傻*逼" or a zero-width space between the characters are the usual dodges;
//   - an entry of Latin letters and digits only matches whole words (the text's runs of other
//     characters as one boundary), so "ass" does not refuse "class" (the Scunthorpe problem).
// Traditional Han characters fold to simplified ones on both sides (search's map, OpenCC's data:
// lib/search/han-fold.ts), so one form in the list refuses both.

export type BannedWords = { anywhere: string[]; wholeWords: string[] };

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const LATIN_ONLY = /^[\p{Script=Latin}\p{N} ]+$/u;

function fold(text: string): string {
  return foldHan(text.normalize("NFKC").toLowerCase());
}

/** The list in a file's text: one entry a line, blank lines and `#` comments skipped. */
export function parseBannedWords(text: string): BannedWords {
  const words: BannedWords = { anywhere: [], wholeWords: [] };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const spaced = fold(line).replace(NOT_LETTER_OR_DIGIT, " ").trim();
    if (!spaced) continue;
    if (LATIN_ONLY.test(spaced)) words.wholeWords.push(` ${spaced} `);
    else words.anywhere.push(spaced.replace(/ /g, ""));
  }
  return words;
}

/** Whether the text contains an entry of the list (see the top of this file for how). */
export function containsBannedWord(text: string, words: BannedWords): boolean {
  if (words.anywhere.length === 0 && words.wholeWords.length === 0) return false;
  const folded = fold(text);
  const compact = folded.replace(NOT_LETTER_OR_DIGIT, "");
  if (words.anywhere.some((w) => compact.includes(w))) return true;
  const spaced = ` ${folded.replace(NOT_LETTER_OR_DIGIT, " ")} `;
  return words.wholeWords.some((w) => spaced.includes(w));
}

const EMPTY: BannedWords = { anywhere: [], wholeWords: [] };
let loaded: { path: string; mtimeMs: number; size: number; words: BannedWords } | null = null;

/** The list of `path` (BANNED_WORDS_FILE by default), read again when the file changed; none without a path. */
export function bannedWords(path: string | undefined = env.BANNED_WORDS_FILE): BannedWords {
  if (!path) return EMPTY;
  try {
    const stat = statSync(path);
    if (loaded && loaded.path === path && loaded.mtimeMs === stat.mtimeMs && loaded.size === stat.size) {
      return loaded.words;
    }
    const words = parseBannedWords(readFileSync(path, "utf8"));
    loaded = { path, mtimeMs: stat.mtimeMs, size: stat.size, words };
    return words;
  } catch (err) {
    logger.error({ err, path }, "banned words file unreadable; the last list read stays in force");
    return loaded?.path === path ? loaded.words : EMPTY;
  }
}
