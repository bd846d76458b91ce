// A book's cover. Without an uploaded cover, a placeholder in a colour derived from the id
// shows the title, so no image request is needed.
const PALETTE = ["#8e3b2f", "#2f5d8e", "#3f7a4a", "#6b4a8e", "#8e6a2f", "#2f7a7a", "#7a2f5d", "#4a5563"];

export function BookCover({
  book,
  size = "small",
}: {
  book: { id: number; title: string; coverUrl: string | null };
  size?: "small" | "large";
}) {
  const className = size === "large" ? "cover cover-large" : "cover";
  if (book.coverUrl) {
    return (
      <span className={className}>
        <img src={book.coverUrl} alt="" loading="lazy" width={size === "large" ? 144 : 88} height={size === "large" ? 192 : 117} />
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
