import { addToShelf, getShelf, removeFromShelf } from "@/lib/data/signed-in";
import { json, parseBody, readerEndpoint } from "@/lib/http/reader-api";
import { shelfInputSchema } from "@/lib/validation/reader";

// The signed-in reader's bookshelf. POST and DELETE take { bookId } and are idempotent.

export function GET(request: Request) {
  return readerEndpoint(request, async (user) => {
    const shelf = await getShelf(user.id);
    return json({ books: shelf });
  });
}

export function POST(request: Request) {
  return readerEndpoint(request, async (user) => {
    const body = await parseBody(request, shelfInputSchema);
    if (!body.ok) return body.response;
    const result = await addToShelf(user.id, body.data);
    return result.ok ? json({ onShelf: true, changed: result.changed }) : json({ error: "book not found" }, 404);
  });
}

export function DELETE(request: Request) {
  return readerEndpoint(request, async (user) => {
    const body = await parseBody(request, shelfInputSchema);
    if (!body.ok) return body.response;
    const result = await removeFromShelf(user.id, body.data);
    return result.ok ? json({ onShelf: false, changed: result.changed }) : json({ error: "book not found" }, 404);
  });
}
