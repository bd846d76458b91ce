import { likeComment, unlikeComment } from "@/lib/data/comments/write";
import { db } from "@/lib/db";
import { json, writeEndpoint } from "@/lib/http/reader-api";

// POST → { liked: true }, DELETE → { liked: false }: the signed-in reader's like, idempotent.
export async function POST(request: Request, ctx: RouteContext<"/api/comments/[id]/like">) {
  const { id } = await ctx.params;
  return writeEndpoint<Liked>(request, (actor) => likeComment(db, actor, { commentId: id }), like, { body: false });
}

export async function DELETE(request: Request, ctx: RouteContext<"/api/comments/[id]/like">) {
  const { id } = await ctx.params;
  return writeEndpoint<Liked>(request, (actor) => unlikeComment(db, actor, { commentId: id }), like, { body: false });
}

type Liked = { liked: boolean; tags: string[] };
const like = (result: Liked) => json({ liked: result.liked });
