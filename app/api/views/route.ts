import { after, connection } from "next/server";
import { isSameOrigin } from "@/lib/auth/origin";
import { clientIp } from "@/lib/auth/rate-limit";
import { decodeSessionToken, SESSION_COOKIE } from "@/lib/auth/session-token";
import { viewRecorder } from "@/lib/data/views/record";
import { db } from "@/lib/db";
import { json, noContent, parseBody } from "@/lib/http/reader-api";
import { viewInputSchema } from "@/lib/validation/reader";

// A browser loaded a chapter page: { bookId, chapterId }, sent by the chapter page's reading
// progress island with navigator.sendBeacon. Anyone may send it, signed in or not; only this
// site's pages (same origin), and only a public chapter counts. 204 whether the view counted or
// was a repeat (lib/data/views/gate.ts), so a script learns nothing from replaying it.
//
// The reader a view is deduplicated and capped for is the signed-in account when the beacon
// carries a session that decrypts (only decrypted, no database read: a beacon is cheap), so one
// account counts a chapter once wherever it reads from; otherwise the client address, which only
// a trusted proxy can name (lib/http/forwarded.ts).

const BODY_MAX_BYTES = 1024;

async function readerOf(request: Request): Promise<string> {
  const cookie = (request.headers.get("cookie") ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SESSION_COOKIE}=`));
  const claims = await decodeSessionToken(cookie?.slice(SESSION_COOKIE.length + 1));
  return claims ? `account:${claims.userId}` : `address:${clientIp(request.headers.get("x-forwarded-for"))}`;
}

export async function POST(request: Request): Promise<Response> {
  await connection();
  if (!isSameOrigin(request)) return json({ error: "cross-origin request refused" }, 403);
  const body = await parseBody(request, viewInputSchema, BODY_MAX_BYTES);
  if (!body.ok) return body.response;
  const outcome = await viewRecorder(db).record(body.data, await readerOf(request));
  if (outcome.kind === "not-found") return json({ error: "chapter not found" }, 404);
  // Next waits for after() work when it stops, so the buffered views are written then too.
  if (outcome.kind === "counted" && outcome.flush) after(outcome.flush);
  return noContent();
}
