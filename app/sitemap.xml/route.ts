import { getSitemapIndex } from "@/lib/data/crawler";
import { sitemapIndexEntries } from "@/lib/seo/sitemap-files";
import { renderSitemapIndex, xmlResponse } from "@/lib/seo/sitemap-xml";

// The sitemap index: Next's generateSitemaps serves numbered files but writes no index, so both
// are route handlers here (files in app/sitemaps/[file]).
export async function GET() {
  return xmlResponse(renderSitemapIndex(sitemapIndexEntries(await getSitemapIndex())));
}
