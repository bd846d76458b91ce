import { getCommentFilters } from "@/lib/data/signed-in";
import { json, readerEndpoint } from "@/lib/http/reader-api";

// GET → { users: [ids], books: [ids] }: the readers the signed-in reader blocks and the books whose
// comments they mute. Private (no-store): the reading page's script hides those comments, and a
// muted book's counts and bubbles, itself, so the public comment answers stay the same for all.
export async function GET(request: Request) {
  return readerEndpoint(request, async (user) => json(await getCommentFilters(user.id)));
}
