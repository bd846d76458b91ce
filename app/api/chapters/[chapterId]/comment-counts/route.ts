import { getCommentCounts } from "@/lib/data/comments/public";
import { chapterOfRoute, publicJson } from "@/lib/http/comments-api";

// GET → { total, paragraphs: { "<index>": count } }: the chapter page's comment link and 段评
// bubbles. The same for everyone; a missing or non-public chapter is a 404.
export async function GET(_request: Request, ctx: RouteContext<"/api/chapters/[chapterId]/comment-counts">) {
  const chapter = await chapterOfRoute((await ctx.params).chapterId);
  if (!chapter) return publicJson({ error: "chapter not found" }, 404);
  return publicJson(await getCommentCounts(chapter.id));
}
