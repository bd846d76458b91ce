/**
 * Title pinyin for search: a book's title spelled in toneless pinyin (剑来 → "jianlai") and its
 * initials ("jl"), so a reader without a Chinese input method finds it by typing "jianlai",
 * "jian lai" or "jl". Computed here (pinyin-pro, which picks polyphone readings from word
 * context: 重生 → "chongsheng", 长生 → "changsheng") whenever a title is written, stored in
 * "Book"."titlePinyin"/"titleInitials" (prisma/migrations/20261207110000_title_pinyin), and
 * matched by lib/data/queries/search.ts for queries of Latin letters only.
 */

import { pinyin } from "pinyin-pro";
import { normalizeSearchText } from "./normalize";

export type TitlePinyin = { titlePinyin: string; titleInitials: string };

const HAN = /^[\u3400-\u9fff\uf900-\ufaff]$/u;
const NOT_ASCII_WORD = /[^a-z0-9]+/g;

/**
 * The pinyin of a title, without tones or spaces, and the first letter of each syllable. Latin
 * words and digits are kept as they are (lower case) and give their first letter to the
 * initials; anything else (kana, symbols) is dropped. Traditional characters are folded first.
 */
export function titlePinyin(title: string): TitlePinyin {
  const text = normalizeSearchText(title);
  if (text === "") return { titlePinyin: "", titleInitials: "" };
  const chars = Array.from(text);
  const readings = pinyin(text, { toneType: "none", type: "array", v: true });
  const words: string[] = [];
  let latin = "";
  chars.forEach((char, i) => {
    if (HAN.test(char)) {
      if (latin) words.push(latin);
      latin = "";
      const reading = (readings[i] ?? "").toLowerCase().replace(NOT_ASCII_WORD, "");
      if (reading) words.push(reading);
    } else if (char === " ") {
      if (latin) words.push(latin);
      latin = "";
    } else {
      latin += char.replace(NOT_ASCII_WORD, "");
    }
  });
  if (latin) words.push(latin);
  return { titlePinyin: words.join(""), titleInitials: words.map((w) => w[0]).join("") };
}

/**
 * The query as pinyin to look up: Latin letters only (spaces between syllables allowed), at
 * least two letters once the spaces are gone; null otherwise.
 */
export function pinyinQuery(normalisedQuery: string): string | null {
  if (!/^[a-z ]+$/.test(normalisedQuery)) return null;
  const joined = normalisedQuery.replace(/ /g, "");
  return joined.length >= 2 ? joined : null;
}
