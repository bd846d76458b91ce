import { z } from "zod";
import type { SearchParams } from "./listing";

/**
 * Query parameters of `/search`: `q`, `category` (a slug), `status` and `page`. Like the listing
 * pages it never fails: anything invalid falls back to its default.
 */

export const SEARCH_STATUSES = ["all", "ongoing", "completed", "hiatus"] as const;
/** Result pages beyond this are clamped: nobody pages that deep through search results. */
export const MAX_SEARCH_PAGE = 50;
/** The raw `q` is cut to this before anything else (normalisation caps it further). */
export const MAX_RAW_QUERY_CHARS = 1000;

export const searchParamsSchema = z
  .object({
    q: z.string().max(MAX_RAW_QUERY_CHARS),
    category: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/)
      .nullable(),
    status: z.enum(SEARCH_STATUSES),
    page: z.number().int().min(1).max(MAX_SEARCH_PAGE),
  })
  .strict();

export type SearchPageParams = z.infer<typeof searchParamsSchema>;
export type SearchStatus = SearchPageParams["status"];

const searchQuerySchema = z.object({
  q: z
    .string()
    .transform((q) => q.slice(0, MAX_RAW_QUERY_CHARS))
    .catch(""),
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .nullable()
    .catch(null),
  status: z.enum(SEARCH_STATUSES).catch("all"),
  page: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().int().min(1))
    .transform((page) => Math.min(page, MAX_SEARCH_PAGE))
    .catch(1),
});

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads `/search` parameters from Next's `searchParams`; repeated keys use their first value. */
export function parseSearchParams(searchParams: SearchParams): SearchPageParams {
  return searchParamsSchema.parse(
    searchQuerySchema.parse({
      q: first(searchParams.q),
      category: first(searchParams.category) ?? null,
      status: first(searchParams.status),
      page: first(searchParams.page),
    }),
  );
}

/** The URL of a search page: `q` first, then non-default filters and page. */
export function searchHref(params: Partial<SearchPageParams> & { q: string }): string {
  const query = new URLSearchParams({ q: params.q });
  if (params.category) query.set("category", params.category);
  if (params.status && params.status !== "all") query.set("status", params.status);
  if (params.page && params.page > 1) query.set("page", String(params.page));
  return `/search?${query.toString()}`;
}
