/**
 * Word count as readers of Chinese and English web fiction expect it:
 *
 * - every CJK character (Han including the extension blocks, Hiragana, Katakana
 *   with its prolonged sound mark ー, Hangul) counts as one;
 * - every other run of letters, digits and combining marks counts as one word,
 *   and a run may contain single inner joiners `. ' ’ - _` so that "Next.js",
 *   "3.14", "don't" and "well-known" are one word each ("e.g." too);
 * - punctuation, symbols, emoji and whitespace count zero.
 *
 * Scripts written without spaces other than CJK (Thai, Lao, ...) therefore
 * count a whole unspaced run as one word.
 */

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC`;
const WORD_CHAR = String.raw`(?:(?![${CJK}])[\p{L}\p{N}\p{M}])`;
const TOKEN = new RegExp(String.raw`[${CJK}]|${WORD_CHAR}+(?:[.'’\-_]${WORD_CHAR}+)*`, "gu");

export function countWords(text: string): number {
  // One scan counting matches, so no array of all tokens is ever built; a
  // fresh copy of the regex keeps its lastIndex state local to this call.
  const token = new RegExp(TOKEN);
  let count = 0;
  while (token.exec(text) !== null) count++;
  return count;
}
