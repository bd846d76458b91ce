import type { NextRequest } from "next/server";
import { getThread } from "@/lib/data/comments/public";
import { chapterOfRoute, publicJson } from "@/lib/http/comments-api";
import { parseId } from "@/lib/validation/ids";

// GET ?chapter=<chapterId>&after=<cursor> → { head, replies: { items, next } }: a comment and a
// page of its replies, oldest first. The same for everyone.
export async function GET(request: NextRequest, ctx: RouteContext<"/api/comments/[id]/replies">) {
  const commentId = parseId((await ctx.params).id);
  const chapter = await chapterOfRoute(request.nextUrl.searchParams.get("chapter") ?? "");
  const after = request.nextUrl.searchParams.get("after")?.slice(0, 64) ?? undefined;
  const thread = chapter && commentId !== null ? await getThread(chapter, commentId, after) : null;
  return thread ? publicJson(thread) : publicJson({ error: "comment not found" }, 404);
}
