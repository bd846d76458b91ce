/**
 * Numbers as written in chapter headings: Arabic (also full-width), Chinese numerals in
 * either counting form (一百二十, 两千零一) or digit-by-digit form (一二〇), and Roman numerals.
 */

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Parses "一百二十" → 120, "两千零一" → 2001, "十" → 10, "十五" → 15, "一二〇" → 120,
 * "１２" → 12 and "12" → 12. Returns null for anything else, or numbers too large to be chapters.
 */
export function parseChineseNumber(text: string): number | null {
  const input = toHalfWidthDigits(text.trim());
  if (input.length === 0) return null;
  if (/^[0-9]+$/.test(input)) return safeInteger(Number(input));
  if (![...input].every((char) => char in CHINESE_DIGITS || char in CHINESE_UNITS || char === "万")) return null;

  if (![...input].some((char) => char in CHINESE_UNITS || char === "万")) {
    // Digit by digit, as in 第一二〇章.
    return safeInteger(Number([...input].map((char) => CHINESE_DIGITS[char]).join("")));
  }

  let total = 0; // completed groups of 万
  let section = 0; // below 万
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const char of input) {
    const value = CHINESE_DIGITS[char];
    if (value !== undefined) {
      if (digit !== null && digit !== 0 && value !== 0) return null; // two digits in a row: 一二百
      digit = value;
      continue;
    }
    if (char === "万") {
      if (section + (digit ?? 0) === 0) return null;
      total += (section + (digit ?? 0)) * 10000;
      section = 0;
      digit = null;
      lastUnit = Infinity;
      continue;
    }
    const unit = CHINESE_UNITS[char] ?? 0;
    if (unit >= lastUnit || digit === 0) return null; // 十百, 百百, 零十
    // A bare unit counts one of it: 十五 is 15, and 一百十 is read as 110.
    section += (digit ?? 1) * unit;
    digit = null;
    lastUnit = unit;
  }
  return safeInteger(total + section + (digit ?? 0));
}

const ROMAN = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** Parses a well-formed Roman numeral, any case: "XII" → 12, "iv" → 4; null otherwise. */
export function parseRomanNumber(text: string): number | null {
  const input = text.trim().toUpperCase();
  if (input.length === 0 || !ROMAN.test(input)) return null;
  let total = 0;
  for (let i = 0; i < input.length; i++) {
    const value = ROMAN_VALUES[input[i] ?? ""] ?? 0;
    const next = ROMAN_VALUES[input[i + 1] ?? ""] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** Any of the numeral forms a heading may use (Arabic, full-width, Chinese, Roman). */
export function parseHeadingNumber(text: string): number | null {
  return parseChineseNumber(text) ?? parseRomanNumber(text);
}

function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}

function safeInteger(value: number): number | null {
  return Number.isSafeInteger(value) && value <= 100_000_000 ? value : null;
}
