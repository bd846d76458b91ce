import { z } from "zod";

/**
 * Query parameters of the listing pages `/books` and `/category/[slug]`, the
 * `[kind]` of `/rank/[kind]`.
 *
 * A listing page must never fail on a bad query string: anything invalid falls
 * back to its default, and `canonical: false` tells the page to mark the URL
 * `noindex` (and point its canonical link at `listingHref`).
 */

export const LISTING_STATUSES = ["all", "ongoing", "completed", "hiatus"] as const;
export const LISTING_LENGTHS = ["all", "short", "medium", "long"] as const;
export const LISTING_SORTS = ["updated", "popular", "new", "words"] as const;
export const RANK_KINDS = ["popular", "week", "month", "shelved", "new", "completed", "rated"] as const;
/** The rankings the home page shows (the reads of the week and the month have their own pages). */
export const HOME_RANK_KINDS = ["popular", "shelved", "new", "completed", "rated"] as const;

/** A short book has fewer than this many characters (word count). */
export const SHORT_BOOK_MAX_WORDS_EXCLUSIVE = 300_000;
/** A long book has more than this many; medium is everything in between, inclusive. */
export const LONG_BOOK_MIN_WORDS_EXCLUSIVE = 1_000_000;
/** Listing pages beyond this are clamped to it: deep pages are for crawlers, not readers. */
export const MAX_LISTING_PAGE = 1000;

export const listingParamsSchema = z
  .object({
    status: z.enum(LISTING_STATUSES),
    length: z.enum(LISTING_LENGTHS),
    sort: z.enum(LISTING_SORTS),
    page: z.number().int().min(1).max(MAX_LISTING_PAGE),
  })
  .strict();

export type ListingParams = z.infer<typeof listingParamsSchema>;
export type ListingLength = ListingParams["length"];
export type RankKind = (typeof RANK_KINDS)[number];
export type SearchParams = Record<string, string | string[] | undefined>;

export const DEFAULT_LISTING_PARAMS: Readonly<ListingParams> = Object.freeze({
  status: "all",
  length: "all",
  sort: "updated",
  page: 1,
});

// Digits only, so "1e3", "0x10", " 2" and "1.5" are not pages.
const pageParamSchema = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number)
  .pipe(z.number().int().min(1))
  .transform((page) => Math.min(page, MAX_LISTING_PAGE));

const listingQuerySchema = z.object({
  status: z.enum(LISTING_STATUSES).catch(DEFAULT_LISTING_PARAMS.status),
  length: z.enum(LISTING_LENGTHS).catch(DEFAULT_LISTING_PARAMS.length),
  sort: z.enum(LISTING_SORTS).catch(DEFAULT_LISTING_PARAMS.sort),
  page: pageParamSchema.catch(DEFAULT_LISTING_PARAMS.page),
});

// Fixed order of keys in canonical URLs.
const LISTING_KEYS = ["status", "length", "sort", "page"] as const;

/**
 * Reads listing parameters from Next's `searchParams`. Repeated keys use their
 * first value. `canonical` is true only when the query string is exactly what
 * `listingHref` would produce: no unknown keys, no repeated keys, no explicit
 * defaults, no invalid or out-of-range values, no "page=01".
 */
export function parseListingParams(searchParams: SearchParams): {
  params: ListingParams;
  canonical: boolean;
} {
  const params = listingQuerySchema.parse({
    status: firstValue(searchParams.status),
    length: firstValue(searchParams.length),
    sort: firstValue(searchParams.sort),
    page: firstValue(searchParams.page),
  });
  const expected = canonicalEntries(params);
  const given = Object.entries(searchParams).filter(([, value]) => value !== undefined);
  const canonical =
    given.length === expected.length &&
    given.every(([key, value]) => typeof value === "string" && expected.some(([k, v]) => k === key && v === value));
  return { params, canonical };
}

/** The canonical URL of a listing: `base` (a path without a query) plus non-default params in fixed order. */
export function listingHref(base: string, params: ListingParams): string {
  const query = new URLSearchParams(canonicalEntries(params)).toString();
  return query ? `${base}?${query}` : base;
}

/**
 * Word-count bounds of a length filter, shaped as a Prisma `IntFilter`;
 * null for "all" (no filter).
 */
export function lengthWordCountRange(length: ListingLength): { gte?: number; lte?: number } | null {
  switch (length) {
    case "all":
      return null;
    case "short":
      return { lte: SHORT_BOOK_MAX_WORDS_EXCLUSIVE - 1 };
    case "medium":
      return {
        gte: SHORT_BOOK_MAX_WORDS_EXCLUSIVE,
        lte: LONG_BOOK_MIN_WORDS_EXCLUSIVE,
      };
    case "long":
      return { gte: LONG_BOOK_MIN_WORDS_EXCLUSIVE + 1 };
  }
}

const rankKindSchema = z.enum(RANK_KINDS);

/** The ranking shown by `/rank/[kind]`, or null for an unknown kind (→ `notFound()`). */
export function parseRankKind(kind: string): RankKind | null {
  const result = rankKindSchema.safeParse(kind);
  return result.success ? result.data : null;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function canonicalEntries(params: ListingParams): [string, string][] {
  return LISTING_KEYS.filter((key) => params[key] !== DEFAULT_LISTING_PARAMS[key]).map((key) => [
    key,
    String(params[key]),
  ]);
}
