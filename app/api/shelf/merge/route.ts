import { addToShelf } from "@/lib/data/signed-in";
import { json, parseBody, readerEndpoint } from "@/lib/http/reader-api";
import { shelfMergeSchema } from "@/lib/validation/reader";

// At sign-in, the books a browser kept on its shelf while signed out join the account's shelf
// (components/chapter/progress-merge.tsx). Books that are not public (any more) are skipped.
// Answers the ids now on the account's shelf, for the browser to forget.
export function POST(request: Request) {
  return readerEndpoint(request, async (user) => {
    const body = await parseBody(request, shelfMergeSchema);
    if (!body.ok) return body.response;
    const merged: number[] = [];
    for (const bookId of new Set(body.data.bookIds)) {
      const result = await addToShelf(user.id, { bookId });
      if (result.ok) merged.push(bookId);
    }
    return json({ merged });
  });
}
