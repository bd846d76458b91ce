import { addBookmark, listBookmarks, removeBookmark } from "@/lib/data/signed-in";
import { json, noContent, parseBody, parseIdQuery, readerEndpoint } from "@/lib/http/reader-api";
import {
  BOOKMARKS_PER_ACCOUNT,
  BOOKMARKS_PER_BOOK,
  bookmarkBookSchema,
  bookmarkInputSchema,
  bookmarkKeySchema,
} from "@/lib/validation/bookmarks";

// The signed-in reader's bookmarks (书签). GET ?bookId=12 lists a book's; POST
// { bookId, chapterId, paragraph, page, snippet } adds one (the same paragraph again changes
// nothing); DELETE { chapterId, paragraph } removes one. A full book or account is 409 with
// `code` and `max`, for the reader's script to say which.

export function GET(request: Request) {
  return readerEndpoint(request, async (user) => {
    const query = parseIdQuery(request, "bookId", bookmarkBookSchema);
    if (!query.ok) return query.response;
    return json({ bookmarks: await listBookmarks(user.id, query.data.bookId) });
  });
}

export function POST(request: Request) {
  return readerEndpoint(request, async (user) => {
    const body = await parseBody(request, bookmarkInputSchema);
    if (!body.ok) return body.response;
    const result = await addBookmark(user.id, body.data);
    if (result.ok) return json({ added: result.added, bookmark: result.bookmark }, result.added ? 201 : 200);
    if (result.reason === "NOT_FOUND") return json({ error: "chapter not found" }, 404);
    return result.reason === "BOOK_FULL"
      ? json({ error: "this book has the most bookmarks it keeps", code: "BOOK_FULL", max: BOOKMARKS_PER_BOOK }, 409)
      : json(
          { error: "the account has the most bookmarks it keeps", code: "ACCOUNT_FULL", max: BOOKMARKS_PER_ACCOUNT },
          409,
        );
  });
}

export function DELETE(request: Request) {
  return readerEndpoint(request, async (user) => {
    const body = await parseBody(request, bookmarkKeySchema);
    if (!body.ok) return body.response;
    await removeBookmark(user.id, body.data);
    return noContent();
  });
}
