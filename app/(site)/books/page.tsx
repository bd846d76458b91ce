import type { Metadata } from "next";
import { BookListing } from "@/components/book/book-listing";
import { getBookListing } from "@/lib/data/catalog";
import { getT } from "@/lib/i18n/messages";
import { listingMetadata } from "@/lib/seo/listing-metadata";
import { parseListingParams } from "@/lib/validation/listing";

export async function generateMetadata({ searchParams }: PageProps<"/books">): Promise<Metadata> {
  const t = getT();
  const query = await searchParams;
  return listingMetadata({
    title: t("listing.allBooks"),
    description: t("listing.booksDescription"),
    base: "/books",
    searchParams: query,
    listing: await getBookListing(parseListingParams(query).params),
  });
}

// Reads the request (its query or session), so the page renders whole per request, in document
// order, rather than as a prerendered shell whose hole would stream after the footer
// (components/layout/site-shell.tsx).
export const instant = false;

export default function BooksPage({ searchParams }: PageProps<"/books">) {
  const t = getT();
  return (
    <>
      <h1>{t("listing.allBooks")}</h1>
      <BookListing base="/books" searchParams={searchParams} />
    </>
  );
}
