import { connection } from "next/server";
import { serveCoverImage } from "@/lib/covers/serve";
import { db } from "@/lib/db";

// Uploaded cover renditions, straight from PostgreSQL so every instance serves them. Read per
// request rather than kept in Next's data cache: the immutable Cache-Control lets browsers and
// the CDN do the caching without holding image bytes in each instance's memory.
export async function GET(request: Request, { params }: RouteContext<"/covers/[bookId]/[version]/[file]">) {
  await connection();
  return serveCoverImage(db, await params, request.headers.get("if-none-match"));
}
