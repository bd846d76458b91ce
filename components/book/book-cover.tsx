import { COVER_SIZES, coverImageUrl } from "@/lib/covers/sizes";

// A book's cover. An uploaded cover is served as WebP renditions (lib/covers/sizes.ts) and the
// browser picks one from srcset by the displayed width (`sizes` mirrors .cover / .cover-large in
// globals.css). Without an uploaded cover, a placeholder in a colour derived from the id shows the
// title, so no image request is needed.
const PALETTE = ["#8e3b2f", "#2f5d8e", "#3f7a4a", "#6b4a8e", "#8e6a2f", "#2f7a7a", "#7a2f5d", "#4a5563"];

const LAYOUT = {
  small: { width: 88, height: 117, sizes: "5.5rem" },
  large: { width: 144, height: 192, sizes: "(max-width: 40rem) 6.5rem, 9rem" },
} as const;

// Page renditions only: the 600 px one is for social previews.
const PAGE_SIZES = COVER_SIZES.filter((s) => s.width <= 288);

function srcSetOf(coverUrl: string): string | null {
  const entries = PAGE_SIZES.map((s) => {
    const url = coverImageUrl(coverUrl, s.width);
    return url && `${url} ${s.width}w`;
  });
  return entries.every(Boolean) ? entries.join(", ") : null;
}

export function BookCover({
  book,
  size = "small",
}: {
  book: { id: number; title: string; coverUrl: string | null };
  size?: "small" | "large";
}) {
  const className = size === "large" ? "cover cover-large" : "cover";
  if (book.coverUrl) {
    const layout = LAYOUT[size];
    const srcSet = srcSetOf(book.coverUrl);
    // The large cover heads the book page: fetch it at once rather than lazily.
    const loading = size === "large" ? "eager" : "lazy";
    return (
      <span className={className}>
        <img
          src={coverImageUrl(book.coverUrl, layout.width) ?? book.coverUrl}
          srcSet={srcSet ?? undefined}
          sizes={srcSet ? layout.sizes : undefined}
          alt=""
          loading={loading}
          decoding="async"
          width={layout.width}
          height={layout.height}
        />
      </span>
    );
  }
  const color = PALETTE[book.id % PALETTE.length];
  return (
    <span className={className} style={{ background: `linear-gradient(160deg, ${color}, #1d1d1f)` }} aria-hidden="true">
      {book.title}
    </span>
  );
}
