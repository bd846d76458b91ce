import { connection } from "next/server";
import { isDomainError } from "@/lib/data/errors";
import { unsubscribeNotices } from "@/lib/data/notices/notices";
import { db } from "@/lib/db";
import { unsubscribeSchema } from "@/lib/validation/notices";

const headers = { "Cache-Control": "no-store" };

// RFC 8058 one-click unsubscribe: a mail client posts `List-Unsubscribe=One-Click` to the URL of
// the digest's List-Unsubscribe header. The account and its token are in the URL; no sign-in, no
// cookie, so no same-origin check (the token is the proof).
// A mail client without RFC 8058 opens the header's link in a browser: the page with the button
// (a GET never changes anything; mail scanners open links).
export function GET(request: Request) {
  const url = new URL(request.url);
  const page = new URL("/unsubscribe", url);
  for (const name of ["u", "t"]) page.searchParams.set(name, url.searchParams.get(name) ?? "");
  return new Response(null, { status: 303, headers: { ...headers, Location: `${page.pathname}${page.search}` } });
}

export async function POST(request: Request) {
  await connection();
  const url = new URL(request.url);
  const parsed = unsubscribeSchema.safeParse({ u: url.searchParams.get("u"), t: url.searchParams.get("t") });
  if (!parsed.success) return Response.json({ error: "invalid link" }, { status: 400, headers });
  try {
    await unsubscribeNotices(db, parsed.data.u, parsed.data.t);
  } catch (error) {
    if (isDomainError(error)) return Response.json({ error: "invalid link" }, { status: 404, headers });
    throw error;
  }
  return Response.json({ unsubscribed: true }, { headers });
}
