import { getLatestUpdates } from "@/lib/data/catalog";
import { renderSiteFeed } from "@/lib/seo/feeds";
import { xmlResponse } from "@/lib/seo/sitemap-xml";

// Site-wide Atom feed: the latest chapter of each of the most recently updated books.
export async function GET() {
  return xmlResponse(renderSiteFeed(await getLatestUpdates(30)), "application/atom+xml");
}
