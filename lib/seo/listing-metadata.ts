import type { Metadata } from "next";
import { getT } from "@/lib/i18n/messages";
import { listingHref, parseListingParams, type SearchParams } from "@/lib/validation/listing";
import { pageMetadata } from "./metadata";

// Listing pages: the canonical URL carries only meaningful filters; odd or filtered URLs are
// noindex so crawlers index each list once.
export function listingMetadata({
  title,
  description,
  base,
  searchParams,
}: {
  title: string;
  description: string;
  base: string;
  searchParams: SearchParams;
}): Metadata {
  const { params, canonical } = parseListingParams(searchParams);
  const filtered = params.status !== "all" || params.length !== "all" || params.sort !== "updated";
  const fullTitle = params.page > 1 ? getT()("listing.pageTitle", { title, page: params.page }) : title;
  return pageMetadata({ title: fullTitle, description, path: listingHref(base, params), noindex: !canonical || filtered });
}
