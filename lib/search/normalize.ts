/**
 * The query side of search. Mirrors the SQL functions search_normalize() and search_tokens() of
 * prisma/migrations/20261128100000_search (folding added by 20261206130000_search_fold): a query and a book's search document must be
 * normalised and tokenised the same way for their tokens to meet.
 */

import { HAN_FOLD_FROM, HAN_FOLD_TO } from "./han-fold";

/** Longest query, in characters, after normalisation. */
export const MAX_QUERY_CHARS = 50;
/** At most this many whitespace-separated terms are matched (each must match). */
export const MAX_QUERY_TERMS = 6;
/** Raw input beyond this is ignored before any work is done on it. */
const MAX_RAW_CHARS = 1000;
/** Latin terms at least this long also match words one edit away. */
export const MIN_FUZZY_CHARS = 4;
/** Latin terms shorter than this match word prefixes only (no trigram can serve them). */
const MIN_SUBSTRING_CHARS = 3;

// Han (with extensions and compatibility ideographs), kana and hangul: written without spaces,
// so they are matched by character n-grams. Keep in step with the ranges in search_tokens().
const CJK_CLASS = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af\\u{20000}-\\u{3134f}";
const CJK_RUN = new RegExp(`[${CJK_CLASS}]+`, "gu");
const CJK_CHAR = new RegExp(`[${CJK_CLASS}]`, "u");
const NON_WORD = /[^\p{L}\p{N}]+/gu;

// Traditional and variant Han characters fold to simplified ones (OpenCC's data, see
// lib/search/han-fold.ts), on both sides, so 劍神 finds 剑神 and 剑神 finds 劍神.
const FOLDED_TO = Array.from(HAN_FOLD_TO);
const HAN_FOLD = new Map(Array.from(HAN_FOLD_FROM, (char, i) => [char, FOLDED_TO[i]!]));
const HAN = /[\u3400-\u9fff]/g;

/** Folds traditional Han characters to simplified, one character for one (search_normalize's translate()). */
export function foldHan(input: string): string {
  return input.replace(HAN, (char) => HAN_FOLD.get(char) ?? char);
}

/**
 * NFKC, lower case, traditional Han folded to simplified, every run of characters that are not
 * letters or digits → one space, trimmed.
 */
export function normalizeSearchText(input: string): string {
  return foldHan(input.normalize("NFKC").toLowerCase()).replace(NON_WORD, " ").trim();
}

export type SearchTerm = {
  text: string;
  /** Every one must be in a matching book's searchTokens. */
  tokens: string[];
  /** Whether the book's searchText must contain `text` (false: the tokens say it all). */
  substring: boolean;
  /** Typo-tolerant alternatives: a book with any of them in searchTokens matches too. */
  fuzzyTokens: string[];
};

export type SearchQuery = {
  /** The normalised query; "" when nothing searchable is left. */
  text: string;
  terms: SearchTerm[];
};

/**
 * Normalises what a reader typed into a query: capped in length, lower case, punctuation,
 * symbols and emoji dropped, at most MAX_QUERY_TERMS distinct terms. Never throws.
 */
export function parseSearchQuery(raw: string): SearchQuery {
  const normalised = normalizeSearchText(raw.slice(0, MAX_RAW_CHARS));
  const capped = Array.from(normalised).slice(0, MAX_QUERY_CHARS).join("").trim();
  const words = [...new Set(capped.split(" ").filter(Boolean))].slice(0, MAX_QUERY_TERMS);
  return { text: words.join(" "), terms: words.map(termOf) };
}

function termOf(text: string): SearchTerm {
  const tokens = [...text.matchAll(CJK_RUN)].flatMap(([run]) => cjkTokens(run));
  const latin = !CJK_CHAR.test(text);
  const length = Array.from(text).length;
  if (latin && length < MIN_SUBSTRING_CHARS) {
    return { text, tokens: [`^${text}`], substring: false, fuzzyTokens: [] };
  }
  return { text, tokens, substring: true, fuzzyTokens: latin && length >= MIN_FUZZY_CHARS ? fuzzyTokens(text) : [] };
}

// A run of one character is its own token; a longer run needs each of its bigrams.
function cjkTokens(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  return [...new Set(chars.slice(1).map((c, i) => `${chars[i]}${c}`))];
}

// The word and each of its one-deletion variants: two words within one edit (insertion,
// deletion, substitution or adjacent transposition) share at least one of these.
function fuzzyTokens(word: string): string[] {
  const chars = Array.from(word);
  const variants = chars.map((_, i) => [...chars.slice(0, i), ...chars.slice(i + 1)].join(""));
  return [...new Set([word, ...variants])].map((v) => `~${v}`);
}

/** Escapes `%`, `_` and `\` for a LIKE pattern (whose escape character is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
