import "server-only";
import { getCommentableChapter } from "@/lib/data/comments/public";
import { parseId } from "@/lib/validation/ids";

// What the public comment endpoints share: answers identical for every visitor, kept briefly by
// browsers and shared caches (a new comment shows within seconds; the server's own cache is
// expired at once), and the chapter they are about, when public.

export const PUBLIC_SHORT = { "Cache-Control": "public, max-age=10, s-maxage=10, stale-while-revalidate=30" };

export function publicJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: status === 200 ? PUBLIC_SHORT : { "Cache-Control": "no-store" } });
}

/** The public chapter a route's `[chapterId]` names, with its book's author; null: answer 404. */
export async function chapterOfRoute(raw: string): Promise<{ id: number; authorId: number } | null> {
  const chapterId = parseId(raw);
  const chapter = chapterId === null ? null : await getCommentableChapter(chapterId);
  return chapter ? { id: chapter.id, authorId: chapter.book.authorId } : null;
}
