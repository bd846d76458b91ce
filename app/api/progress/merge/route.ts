import { mergeProgress } from "@/lib/data/signed-in";
import { json, parseBody, readerEndpoint } from "@/lib/http/reader-api";
import { mergeInputSchema } from "@/lib/validation/reader";

// At sign-in: the positions this browser kept while signed out, { entries: [...] }. Answers the
// account's newest positions afterwards, for the browser to keep.
export function POST(request: Request) {
  return readerEndpoint(request, async (user) => {
    const body = await parseBody(request, mergeInputSchema);
    if (!body.ok) return body.response;
    return json({ positions: await mergeProgress(user.id, body.data.entries) });
  });
}
