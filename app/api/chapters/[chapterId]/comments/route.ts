import type { NextRequest } from "next/server";
import { getThreads } from "@/lib/data/comments/public";
import { postComment } from "@/lib/data/comments/write";
import { db } from "@/lib/db";
import { chapterOfRoute, publicJson } from "@/lib/http/comments-api";
import { json, writeEndpoint } from "@/lib/http/reader-api";
import { commentListSchema } from "@/lib/validation/comments";

// GET ?sort=new|top&paragraph=<index>&after=<cursor> → { items, next }: a page of the chapter's
// comments (of one paragraph), each with its first replies. The same for everyone.
// POST { body, paragraph?, parentId?, requestId? } → 201 { commentId }: a signed-in reader comments.
export async function GET(request: NextRequest, ctx: RouteContext<"/api/chapters/[chapterId]/comments">) {
  const chapter = await chapterOfRoute((await ctx.params).chapterId);
  if (!chapter) return publicJson({ error: "chapter not found" }, 404);
  const list = commentListSchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  return publicJson(await getThreads(chapter, list));
}

export async function POST(request: Request, ctx: RouteContext<"/api/chapters/[chapterId]/comments">) {
  const { chapterId } = await ctx.params;
  return writeEndpoint(
    request,
    (actor, body) => postComment(db, actor, withChapter(body, chapterId)),
    (result) => json({ commentId: result.commentId }, 201),
  );
}

/** The body's fields with the address's chapter; a body that is not an object is refused as it is. */
function withChapter(body: unknown, chapterId: string): unknown {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? { ...body, chapterId } : body;
}
