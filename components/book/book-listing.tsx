import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getBookListing } from "@/lib/data/catalog";
import { getT } from "@/lib/i18n/messages";
import {
  LISTING_LENGTHS,
  LISTING_SORTS,
  LISTING_STATUSES,
  listingHref,
  parseListingParams,
  type ListingParams,
  type SearchParams,
} from "@/lib/validation/listing";
import { Pagination } from "@/components/ui/pagination";
import { BookCards } from "./book-cards";

/** The message of each book-status filter, for every list that filters by status. */
export const statusLabel = {
  all: "listing.all",
  ongoing: "listing.ongoing",
  completed: "listing.completed",
  hiatus: "listing.hiatus",
} as const;
const lengthLabel = {
  all: "listing.all",
  short: "listing.short",
  medium: "listing.medium",
  long: "listing.long",
} as const;
const sortLabel = {
  updated: "listing.sortUpdated",
  popular: "listing.sortPopular",
  new: "listing.sortNew",
  words: "listing.sortWords",
} as const;

// The filterable, paginated book list of /books and /category/[slug]. Filters are plain links,
// so the page works without JavaScript and every combination has one canonical URL.
export async function BookListing({
  base,
  searchParams,
  category,
}: {
  base: string;
  searchParams: Promise<SearchParams>;
  category?: { id: number; slug: string };
}) {
  const t = getT();
  const { params } = parseListingParams(await searchParams);
  const listing = await getBookListing(params, category);
  if (params.page > listing.pageCount) notFound();
  const href = (change: Partial<ListingParams>) => listingHref(base, { ...params, page: 1, ...change });
  return (
    <>
      <div className="filters panel">
        <FilterRow
          label={t("listing.status")}
          options={LISTING_STATUSES}
          current={params.status}
          href={(status) => href({ status })}
          text={(v) => t(statusLabel[v])}
        />
        <FilterRow
          label={t("listing.length")}
          options={LISTING_LENGTHS}
          current={params.length}
          href={(length) => href({ length })}
          text={(v) => t(lengthLabel[v])}
        />
        <FilterRow
          label={t("listing.sort")}
          options={LISTING_SORTS}
          current={params.sort}
          href={(sort) => href({ sort })}
          text={(v) => t(sortLabel[v])}
        />
        <p className="muted">{t("listing.results", { count: listing.total })}</p>
      </div>
      {listing.books.length === 0 ? <p>{t("listing.empty")}</p> : <BookCards books={listing.books} headingLevel={2} />}
      <Pagination
        page={params.page}
        pageCount={listing.pageCount}
        href={(page) => listingHref(base, { ...params, page })}
      />
    </>
  );
}

function FilterRow<V extends string>({
  label,
  options,
  current,
  href,
  text,
}: {
  label: string;
  options: readonly V[];
  current: V;
  href: (value: V) => string;
  text: (value: V) => string;
}) {
  return (
    <div className="filter-row" role="group" aria-label={label}>
      <span aria-hidden="true">{label}</span>
      {options.map((o) => (
        <Link key={o} href={href(o)} className="chip" aria-current={o === current ? "true" : undefined} rel="nofollow">
          {text(o)}
        </Link>
      ))}
    </div>
  );
}
