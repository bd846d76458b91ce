import { reportReview } from "@/lib/data/reviews/write";
import { db } from "@/lib/db";
import { json, writeEndpoint } from "@/lib/http/reader-api";

// POST { reason: spam | abuse | spoiler | other } → { reported: true }: a signed-in reader reports
// a review, once; it goes to the admins' queue (/dashboard/reviews?reported=1).
export async function POST(request: Request, ctx: RouteContext<"/api/reviews/[id]/report">) {
  const { id } = await ctx.params;
  return writeEndpoint(
    request,
    (actor, body) =>
      reportReview(db, actor, { ...(typeof body === "object" && body !== null ? body : {}), reviewId: id }),
    () => json({ reported: true }),
  );
}
