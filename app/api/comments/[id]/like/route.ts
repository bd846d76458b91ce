import { likeComment, type LikeResult, unlikeComment } from "@/lib/data/comments/write";
import { db } from "@/lib/db";
import { json, writeEndpoint } from "@/lib/http/reader-api";

// POST → { liked: true, likeCount }, DELETE → { liked: false, likeCount }: the signed-in reader's
// like, idempotent.
export async function POST(request: Request, ctx: RouteContext<"/api/comments/[id]/like">) {
  const { id } = await ctx.params;
  return writeEndpoint<LikeResult>(request, (actor) => likeComment(db, actor, { commentId: id }), like, {
    body: false,
  });
}

export async function DELETE(request: Request, ctx: RouteContext<"/api/comments/[id]/like">) {
  const { id } = await ctx.params;
  return writeEndpoint<LikeResult>(request, (actor) => unlikeComment(db, actor, { commentId: id }), like, {
    body: false,
  });
}

const like = (result: LikeResult) => json({ liked: result.liked, likeCount: result.likeCount });
