import { recordProgress } from "@/lib/data/signed-in";
import { json, parseBody, readerEndpoint } from "@/lib/http/reader-api";
import { progressInputSchema } from "@/lib/validation/reader";

// The signed-in reader reached { bookId, chapterId, page } at `at` (ms). A stale position is
// accepted and ignored (applied: false).
export function POST(request: Request) {
  return readerEndpoint(request, async (user) => {
    const body = await parseBody(request, progressInputSchema);
    if (!body.ok) return body.response;
    const result = await recordProgress(user.id, body.data);
    return result.ok ? json({ applied: result.applied }) : json({ error: "chapter not found" }, 404);
  });
}
