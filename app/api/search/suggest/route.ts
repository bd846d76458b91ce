import type { NextRequest } from "next/server";
import { getSearchSuggestions } from "@/lib/data/catalog";
import { convertText } from "@/lib/i18n/script-convert";
import { SCRIPT_VARIANTS } from "@/lib/i18n/script-variants";
import { parseSearchQuery } from "@/lib/search/normalize";
import { MAX_RAW_QUERY_CHARS } from "@/lib/validation/search";

// GET /api/search/suggest?q=…[&script=hant|hans] → { query, items: [{ id, title, author, href }] }
// (at most 8), for the search box's suggestion list. `script`: titles and pen names converted for
// a reader on a 繁體 / 简体 page (the page itself is converted on its way out; these come later,
// as JSON). The same for everyone, so shared caches may keep it briefly.
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const script = params.get("script");
  const variant = script === null ? null : SCRIPT_VARIANTS.find((v) => v.key === script);
  if (variant === undefined) {
    const known = SCRIPT_VARIANTS.map((v) => v.key).join(" or ");
    return Response.json({ error: `script must be ${known}` }, { status: 400 });
  }
  const raw = params.get("q") ?? "";
  const query = parseSearchQuery(raw.slice(0, MAX_RAW_QUERY_CHARS));
  const suggestions = query.text ? await getSearchSuggestions(query.text) : [];
  const shown = (text: string) => (variant ? convertText(text, variant) : text);
  return Response.json(
    {
      query: query.text,
      items: suggestions.map((s) => ({ ...s, title: shown(s.title), author: shown(s.author), href: `/book/${s.id}` })),
    },
    { headers: { "Cache-Control": "public, max-age=30, s-maxage=60" } },
  );
}
