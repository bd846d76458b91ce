import "server-only";
import { z } from "zod";
import { getCoverImage } from "@/lib/data/covers";
import type { Db } from "@/lib/db/client";
import { routeIdSchema } from "@/lib/validation/ids";
import { isCoverWidth } from "./sizes";

// The response for GET /covers/<bookId>/<version>/<width>.webp. A rendition's URL names its
// version, so its bytes never change: browsers and CDNs may keep it for a year without asking
// again. A URL for another version (a replaced or removed cover) is a 404, never another image.

const IMMUTABLE = "public, max-age=31536000, immutable";
// Short, so a CDN absorbs repeated misses without pinning them.
const MISS = "public, max-age=60";

const paramsSchema = z
  .object({
    bookId: routeIdSchema,
    version: z.string().regex(/^[0-9a-f]{12}$/),
    file: z
      .string()
      .regex(/^\d{2,4}\.webp$/)
      .transform((file) => Number.parseInt(file, 10))
      .refine(isCoverWidth),
  })
  .strict();

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": MISS },
  });
}

export async function serveCoverImage(
  db: Db,
  params: { bookId: string; version: string; file: string },
  ifNoneMatch: string | null,
): Promise<Response> {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) return notFound();
  const { bookId, version, file: width } = parsed.data;

  const image = await getCoverImage(db, bookId, width);
  if (!image || image.version !== version) return notFound();

  const etag = `"${image.sha256}"`;
  const headers = { ETag: etag, "Cache-Control": IMMUTABLE };
  if (ifNoneMatch?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(image.bytes, {
    headers: {
      ...headers,
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
