import NextAuth from "next-auth";
import { isSameOrigin } from "@/lib/auth/origin";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = NextAuth(authOptions) as (request: Request, context: Context) => Promise<Response>;

export { handler as GET };

export function POST(request: Request, context: Context): Promise<Response> | Response {
  if (!isSameOrigin(request)) return Response.json({ error: "cross-origin request refused" }, { status: 403 });
  return handler(request, context);
}
