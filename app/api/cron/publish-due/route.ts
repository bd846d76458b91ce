import { revalidateTag } from "next/cache";
import { connection } from "next/server";
import { publishDueChapters } from "@/lib/data/authoring/schedule";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { CRON_SECRET_HEADER, isCronSecret } from "@/lib/scheduler/publish-due";

const headers = { "Cache-Control": "no-store" };

// Publishes the scheduled chapters whose time has come and expires the cached pages they
// change, so the next visitor sees them. Called every 30 s by each instance's own timer
// (lib/scheduler/publish-due.ts) with a secret derived from the session secret.
export async function POST(request: Request) {
  await connection();
  if (!isCronSecret(request.headers.get(CRON_SECRET_HEADER))) {
    return Response.json({ error: "forbidden" }, { status: 403, headers });
  }
  const result = await publishDueChapters(db, new Date());
  for (const tag of result.tags) revalidateTag(tag, { expire: 0 });
  if (result.chapterIds.length > 0) {
    logger.info({ chapterIds: result.chapterIds, bookIds: result.bookIds }, "published scheduled chapters");
  }
  return Response.json({ published: result.chapterIds.length }, { headers });
}
