import { blockReader, unblockReader } from "@/lib/data/moderation/blocks";
import { db } from "@/lib/db";
import { noContent, writeEndpoint } from "@/lib/http/reader-api";

// PUT → 204: the signed-in reader blocks this reader; DELETE → 204: unblocks. Idempotent.
export async function PUT(request: Request, ctx: RouteContext<"/api/me/blocks/[userId]">) {
  const { userId } = await ctx.params;
  return writeEndpoint(request, (actor) => blockReader(db, actor, { userId }), noContent, { body: false });
}

export async function DELETE(request: Request, ctx: RouteContext<"/api/me/blocks/[userId]">) {
  const { userId } = await ctx.params;
  return writeEndpoint(request, (actor) => unblockReader(db, actor, { userId }), noContent, { body: false });
}
