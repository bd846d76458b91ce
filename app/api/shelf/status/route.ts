import { isOnShelf } from "@/lib/data/signed-in";
import { json, parseIdQuery, readerEndpoint } from "@/lib/http/reader-api";
import { shelfInputSchema } from "@/lib/validation/reader";

// Whether a book is on the signed-in reader's shelf: GET /api/shelf/status?bookId=12
export function GET(request: Request) {
  return readerEndpoint(request, async (user) => {
    const query = parseIdQuery(request, "bookId", shelfInputSchema);
    if (!query.ok) return query.response;
    return json({ onShelf: await isOnShelf(user.id, query.data.bookId) });
  });
}
