// The cover renditions the pages use, all 3:4 WebP. Shared by the processor, the route that
// serves them and the <img srcset> that asks for them, so the three never disagree.
//   88×117   lists and cards (.cover, 5.5rem)          176×234  the same at 2×
//   144×192  the book page (.cover-large, 9rem)        288×384  the same at 2×
//   600×800  Open Graph / social previews
export const COVER_SIZES = [
  { width: 88, height: 117 },
  { width: 144, height: 192 },
  { width: 176, height: 234 },
  { width: 288, height: 384 },
  { width: 600, height: 800 },
] as const;

export type CoverWidth = (typeof COVER_SIZES)[number]["width"];

export const COVER_WIDTHS: readonly CoverWidth[] = COVER_SIZES.map((s) => s.width);
export const OG_COVER_WIDTH: CoverWidth = 600;
export const COVER_CONTENT_TYPE = "image/webp";

export function isCoverWidth(width: number): width is CoverWidth {
  return (COVER_WIDTHS as readonly number[]).includes(width);
}

/** Book.coverUrl of an uploaded cover: `/covers/<bookId>/<version>`. */
export function coverBaseUrl(bookId: number, version: string): string {
  return `/covers/${bookId}/${version}`;
}

const UPLOADED = /^\/covers\/\d+\/[0-9a-f]+$/;

/** The URL of one rendition, or null when coverUrl is not one of ours (e.g. an external image). */
export function coverImageUrl(coverUrl: string, width: CoverWidth): string | null {
  return UPLOADED.test(coverUrl) ? `${coverUrl}/${width}.webp` : null;
}
