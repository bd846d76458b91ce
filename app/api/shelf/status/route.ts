import { isOnShelf } from "@/lib/data/signed-in";
import { json, readerEndpoint } from "@/lib/http/reader-api";
import { z } from "zod";
import { shelfInputSchema } from "@/lib/validation/reader";

// Whether a book is on the signed-in reader's shelf: GET /api/shelf/status?bookId=12
export function GET(request: Request) {
  return readerEndpoint(request, async (user) => {
    const raw = new URL(request.url).searchParams.get("bookId");
    const parsed = shelfInputSchema.safeParse({ bookId: raw && /^\d{1,10}$/.test(raw) ? Number(raw) : raw });
    if (!parsed.success) return json({ error: "invalid input", issues: z.flattenError(parsed.error).fieldErrors }, 400);
    return json({ onShelf: await isOnShelf(user.id, parsed.data.bookId) });
  });
}
