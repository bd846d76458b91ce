// The bookshelf endpoints as the browser calls them (app/api/shelf): shared by the book page's
// React button (shelf-button.tsx) and the reading page's script (lib/reader/client).

/** Whether the signed-in reader has the book on their shelf; null when it cannot be told. */
export async function fetchOnShelf(bookId: number, signal?: AbortSignal): Promise<boolean | null> {
  const response = await fetch(`/api/shelf/status?bookId=${bookId}`, { signal, cache: "no-store" });
  if (!response.ok) return null;
  const { onShelf } = (await response.json()) as { onShelf?: unknown };
  return typeof onShelf === "boolean" ? onShelf : null;
}

/** Puts the book on the shelf or takes it off; throws when the server refused. */
export async function setOnShelf(bookId: number, on: boolean): Promise<void> {
  const response = await fetch("/api/shelf", {
    method: on ? "POST" : "DELETE",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ bookId }),
  });
  if (!response.ok) throw new Error(`shelf ${response.status}`);
}
