import { after, connection } from "next/server";
import { isSameOrigin } from "@/lib/auth/origin";
import { clientIp } from "@/lib/auth/rate-limit";
import { viewRecorder } from "@/lib/data/views/record";
import { db } from "@/lib/db";
import { json, noContent, parseBody } from "@/lib/http/reader-api";
import { viewInputSchema } from "@/lib/validation/reader";

// A browser loaded a chapter page: { bookId, chapterId }, sent by the chapter page's reading
// progress island with navigator.sendBeacon. Anyone may send it, signed in or not; only this
// site's pages (same origin), and only a public chapter counts. 204 whether the view counted or
// was a repeat (lib/data/views/gate.ts), so a script learns nothing from replaying it.

const BODY_MAX_BYTES = 1024;

export async function POST(request: Request): Promise<Response> {
  await connection();
  if (!isSameOrigin(request)) return json({ error: "cross-origin request refused" }, 403);
  const body = await parseBody(request, viewInputSchema, BODY_MAX_BYTES);
  if (!body.ok) return body.response;
  const outcome = await viewRecorder(db).record(body.data, clientIp(request.headers.get("x-forwarded-for")));
  if (outcome.kind === "not-found") return json({ error: "chapter not found" }, 404);
  // Next waits for after() work when it stops, so the buffered views are written then too.
  if (outcome.kind === "counted" && outcome.flush) after(outcome.flush);
  return noContent();
}
