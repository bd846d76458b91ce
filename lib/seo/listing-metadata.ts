import type { Metadata } from "next";
import { getT } from "@/lib/i18n/messages";
import { listingHref, parseListingParams, type SearchParams } from "@/lib/validation/listing";
import { pageMetadata } from "./metadata";

// Listing pages: the canonical URL carries only meaningful filters; odd or filtered URLs are
// noindex so crawlers index each list once, and so are thin ones (no books, a page past the end).
export function listingMetadata({
  title,
  description,
  base,
  searchParams,
  listing,
}: {
  title: string;
  description: string;
  base: string;
  searchParams: SearchParams;
  /** What the list holds at these parameters, from the same cached read as the page. */
  listing?: { total: number; pageCount: number };
}): Metadata {
  const { params, canonical } = parseListingParams(searchParams);
  const filtered = params.status !== "all" || params.length !== "all" || params.sort !== "updated";
  const thin = listing !== undefined && (listing.total === 0 || params.page > listing.pageCount);
  const fullTitle = params.page > 1 ? getT()("listing.pageTitle", { title, page: params.page }) : title;
  return pageMetadata({
    title: fullTitle,
    description,
    path: listingHref(base, params),
    noindex: !canonical || filtered || thin,
  });
}
