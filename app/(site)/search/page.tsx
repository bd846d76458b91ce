import type { Metadata } from "next";
import { SearchResults } from "@/components/search/search-results";
import { getT } from "@/lib/i18n/messages";

// Search result pages are never indexed (robots.txt disallows /search as well); links on them
// may still be followed.
export function generateMetadata(): Metadata {
  const t = getT();
  return { title: t("search.title"), robots: { index: false, follow: true } };
}

// Reads the request (its query or session), so the page renders whole per request, in document
// order, rather than as a prerendered shell whose hole would stream after the footer
// (components/layout/site-shell.tsx).
export const instant = false;

export default function SearchPage({ searchParams }: PageProps<"/search">) {
  return <SearchResults searchParams={searchParams} />;
}
