import { normalizeSearchText } from "./normalize";

export type HighlightSegment = { text: string; match: boolean };

/**
 * Splits `text` into segments, marking where any of `terms` (normalised query terms) occurs.
 * Matching is on the normalised form (NFKC, lower case, punctuation as space), so "Ｄｒａｇｏｎ"
 * in a title is marked for the term "dragon"; the segments always join back to `text` exactly.
 */
export function highlight(text: string, terms: readonly string[]): HighlightSegment[] {
  const wanted = terms.filter(Boolean);
  if (wanted.length === 0 || text.length === 0) return text ? [{ text, match: false }] : [];

  // Normalise one code point at a time, remembering where each normalised unit came from.
  const chars = Array.from(text);
  let normalised = "";
  const source: number[] = []; // normalised UTF-16 index → index into `chars`
  chars.forEach((char, i) => {
    const n = normalizeSearchText(char) || " ";
    normalised += n;
    for (let k = 0; k < n.length; k++) source.push(i);
  });

  const marked = new Array<boolean>(chars.length).fill(false);
  for (const term of wanted) {
    for (let at = normalised.indexOf(term); at !== -1; at = normalised.indexOf(term, at + 1)) {
      const from = source[at] ?? 0;
      const to = source[at + term.length - 1] ?? from;
      for (let i = from; i <= to; i++) marked[i] = true;
    }
  }

  const segments: HighlightSegment[] = [];
  chars.forEach((char, i) => {
    const match = marked[i] ?? false;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += char;
    else segments.push({ text: char, match });
  });
  return segments;
}
