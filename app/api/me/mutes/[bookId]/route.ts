import { muteBook, unmuteBook } from "@/lib/data/moderation/blocks";
import { db } from "@/lib/db";
import { noContent, writeEndpoint } from "@/lib/http/reader-api";

// PUT → 204: the signed-in reader mutes this book's comments; DELETE → 204: unmutes. Idempotent.
export async function PUT(request: Request, ctx: RouteContext<"/api/me/mutes/[bookId]">) {
  const { bookId } = await ctx.params;
  return writeEndpoint(request, (actor) => muteBook(db, actor, { bookId }), noContent, { body: false });
}

export async function DELETE(request: Request, ctx: RouteContext<"/api/me/mutes/[bookId]">) {
  const { bookId } = await ctx.params;
  return writeEndpoint(request, (actor) => unmuteBook(db, actor, { bookId }), noContent, { body: false });
}
