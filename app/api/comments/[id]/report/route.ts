import { reportComment } from "@/lib/data/comments/write";
import { db } from "@/lib/db";
import { json, writeEndpoint } from "@/lib/http/reader-api";

// POST { reason: spam | abuse | spoiler | other } → { reported: true }: a signed-in reader reports
// a comment, once; it goes to the admins' queue (/dashboard/comments?reported=1).
export async function POST(request: Request, ctx: RouteContext<"/api/comments/[id]/report">) {
  const { id } = await ctx.params;
  return writeEndpoint(
    request,
    (actor, body) =>
      reportComment(db, actor, { ...(typeof body === "object" && body !== null ? body : {}), commentId: id }),
    () => json({ reported: true }),
  );
}
