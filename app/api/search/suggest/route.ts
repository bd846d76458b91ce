import type { NextRequest } from "next/server";
import { getSearchSuggestions } from "@/lib/data/catalog";
import { parseSearchQuery } from "@/lib/search/normalize";
import { MAX_RAW_QUERY_CHARS } from "@/lib/validation/search";

// GET /api/search/suggest?q=… → { query, items: [{ id, title, author, href }] } (at most 8), for
// the search box's suggestion list. The same for everyone, so shared caches may keep it briefly.
export async function GET(request: NextRequest) {
  const raw = request.nextUrl.searchParams.get("q") ?? "";
  const query = parseSearchQuery(raw.slice(0, MAX_RAW_QUERY_CHARS));
  const suggestions = query.text ? await getSearchSuggestions(query.text) : [];
  return Response.json(
    { query: query.text, items: suggestions.map((s) => ({ ...s, href: `/book/${s.id}` })) },
    { headers: { "Cache-Control": "public, max-age=30, s-maxage=60" } },
  );
}
