import NextAuth from "next-auth";
import { isSameOrigin } from "@/lib/auth/origin";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = NextAuth(authOptions) as (request: Request, context: Context) => Promise<Response>;

export { handler as GET };

/** next-auth parses a JSON body itself and answers 500 when it is not JSON; this answers 400. */
async function malformedJson(request: Request): Promise<boolean> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) return false;
  try {
    await request.clone().json();
    return false;
  } catch {
    return true;
  }
}

export async function POST(request: Request, context: Context): Promise<Response> {
  if (!isSameOrigin(request)) return Response.json({ error: "cross-origin request refused" }, { status: 403 });
  if (await malformedJson(request)) return Response.json({ error: "the body is not valid JSON" }, { status: 400 });
  return handler(request, context);
}
