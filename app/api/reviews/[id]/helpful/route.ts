import { unvoteHelpful, voteHelpful, type VoteResult } from "@/lib/data/reviews/write";
import { db } from "@/lib/db";
import { json, writeEndpoint } from "@/lib/http/reader-api";

// POST → { helpful: true, helpfulCount }, DELETE → { helpful: false, helpfulCount }: the signed-in
// reader's helpful vote on a review, idempotent; never on one's own (403). The reviews page's
// buttons post the same write through a form (lib/actions/reviews.ts).
export async function POST(request: Request, ctx: RouteContext<"/api/reviews/[id]/helpful">) {
  const { id } = await ctx.params;
  return writeEndpoint<VoteResult>(request, (actor) => voteHelpful(db, actor, { reviewId: id }), vote, {
    body: false,
  });
}

export async function DELETE(request: Request, ctx: RouteContext<"/api/reviews/[id]/helpful">) {
  const { id } = await ctx.params;
  return writeEndpoint<VoteResult>(request, (actor) => unvoteHelpful(db, actor, { reviewId: id }), vote, {
    body: false,
  });
}

const vote = (result: VoteResult) => json({ helpful: result.helpful, helpfulCount: result.helpfulCount });
