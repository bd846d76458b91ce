import { deleteComment } from "@/lib/data/comments/write";
import { db } from "@/lib/db";
import { noContent, writeEndpoint } from "@/lib/http/reader-api";

// DELETE → 204: the writer deletes their comment (and its replies).
export async function DELETE(request: Request, ctx: RouteContext<"/api/comments/[id]">) {
  const { id } = await ctx.params;
  return writeEndpoint(request, (actor) => deleteComment(db, actor, { commentId: id }), noContent, { body: false });
}
