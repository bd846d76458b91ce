import { mergeBookmarks } from "@/lib/data/signed-in";
import { json, parseBody, readerEndpoint } from "@/lib/http/reader-api";
import { bookmarkMergeSchema } from "@/lib/validation/bookmarks";

// The bookmarks a browser kept for one book, merged into the signed-in reader's account:
// { bookId, bookmarks: [{ chapterId, paragraph, page, snippet }] }. Answers the account's
// bookmarks in the book afterwards and how many were skipped (over a cap, or not public).
export function POST(request: Request) {
  return readerEndpoint(request, async (user) => {
    const body = await parseBody(request, bookmarkMergeSchema);
    if (!body.ok) return body.response;
    return json(await mergeBookmarks(user.id, body.data));
  });
}
