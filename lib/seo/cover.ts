// Book covers for link previews and structured data. Books without an uploaded cover get a
// generated SVG (app/(book)/book/[id]/cover.svg): light, and it renders CJK titles with the
// viewer's own fonts, where a PNG rendered here would need a bundled CJK font.

import { coverImageUrl, OG_COVER_WIDTH } from "@/lib/covers/sizes";

export const COVER_WIDTH = 600;
export const COVER_HEIGHT = 800;

// The same colours as the on-page placeholder (components/book/book-cover.tsx).
const PALETTE = ["#8e3b2f", "#2f5d8e", "#3f7a4a", "#6b4a8e", "#8e6a2f", "#2f7a7a", "#7a2f5d", "#4a5563"];

/** The 600×800 rendition of an uploaded cover (Book.coverUrl is its base, not an image), else the generated SVG. */
export function coverPath(book: { id: number; coverUrl: string | null }): string {
  return (book.coverUrl && coverImageUrl(book.coverUrl, OG_COVER_WIDTH)) ?? `/book/${book.id}/cover.svg`;
}

export function coverImage(book: { id: number; title: string; coverUrl: string | null }) {
  return { url: coverPath(book), alt: book.title, width: COVER_WIDTH, height: COVER_HEIGHT };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Splits a title into lines of at most `perLine` characters (code points), at most `maxLines`.
function wrap(text: string, perLine: number, maxLines: number): string[] {
  const chars = Array.from(text);
  const lines: string[] = [];
  for (let i = 0; i < chars.length && lines.length < maxLines; i += perLine)
    lines.push(chars.slice(i, i + perLine).join(""));
  if (chars.length > perLine * maxLines)
    lines[maxLines - 1] = `${Array.from(lines[maxLines - 1] ?? "")
      .slice(0, perLine - 1)
      .join("")}…`;
  return lines;
}

export function renderCoverSvg(book: { id: number; title: string; author: string; siteName: string }): string {
  const color = PALETTE[book.id % PALETTE.length] ?? "#4a5563";
  // Latin titles are about twice as many characters for the same width.
  const latin = /^[\p{Script=Latin}\p{P}\p{N}\s]*$/u.test(book.title);
  const lines = wrap(book.title, latin ? 16 : 8, 4);
  const size = latin ? 44 : 64;
  const top = 260 - ((lines.length - 1) * size * 1.3) / 2;
  const text = lines
    .map(
      (line, i) =>
        `<text x="300" y="${Math.round(top + i * size * 1.3)}" font-size="${size}">${escapeXml(line)}</text>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${COVER_WIDTH}" height="${COVER_HEIGHT}" viewBox="0 0 ${COVER_WIDTH} ${COVER_HEIGHT}" role="img" aria-label="${escapeXml(book.title)}">
<defs><linearGradient id="g" x1="0" y1="0" x2="0.6" y2="1"><stop offset="0" stop-color="${color}"/><stop offset="1" stop-color="#1d1d1f"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>
<rect x="24" y="24" width="552" height="752" fill="none" stroke="#ffffff" stroke-opacity="0.35" stroke-width="2"/>
<g fill="#ffffff" font-family="'Noto Serif CJK SC','Source Han Serif SC','Songti SC',serif" font-weight="700" text-anchor="middle">${text}</g>
<text x="300" y="620" fill="#ffffff" fill-opacity="0.85" font-family="sans-serif" font-size="30" text-anchor="middle">${escapeXml(book.author)}</text>
<text x="300" y="730" fill="#ffffff" fill-opacity="0.6" font-family="sans-serif" font-size="24" text-anchor="middle">${escapeXml(book.siteName)}</text>
</svg>
`;
}
