import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { escapeLike, type SearchQuery, type SearchTerm } from "@/lib/search/normalize";
import type { SearchStatus } from "@/lib/validation/search";
import { bookCardSelect, type BookCard } from "./filters";

// Book search over "BookSearch", one trigger-maintained row per public book (its "document" and
// "tokens": prisma/migrations/20261128100000_search). Every value reaches SQL as a bind parameter.
//
// A book matches when every term matches: its tokens (CJK n-grams, short Latin prefixes) are all
// present and its text contains the term, or, for Latin terms of ≥4 characters, a word of the
// book is within one edit of it. Ranking: exact title > title prefix > a title word starting
// with the query > title substring > author > tag > terms spread over fields > typo match; then
// views, then newest id.

export const SEARCH_PAGE_SIZE = 20;
export const SUGGESTION_COUNT = 8;

export type SearchFilters = { categoryId?: number; status?: SearchStatus };
export type SearchHit = BookCard & { intro: string; tags: { slug: string; name: string }[] };
export type SearchResults = { books: SearchHit[]; total: number; pageCount: number };
export type Suggestion = { id: number; title: string; author: string };

const STATUS: Record<Exclude<SearchStatus, "all">, string> = {
  ongoing: "ONGOING",
  completed: "COMPLETED",
  hiatus: "HIATUS",
};

function textArray(values: string[]): Prisma.Sql {
  return Prisma.sql`ARRAY[${Prisma.join(values)}]::text[]`;
}

function exactCondition(term: SearchTerm): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (term.tokens.length > 0) parts.push(Prisma.sql`s."tokens" @> ${textArray(term.tokens)}`);
  if (term.substring) parts.push(Prisma.sql`s."document" LIKE ${`%${escapeLike(term.text)}%`}`);
  return parts.length > 0 ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

function termCondition(term: SearchTerm): Prisma.Sql {
  const exact = exactCondition(term);
  if (term.fuzzyTokens.length === 0) return Prisma.sql`(${exact})`;
  return Prisma.sql`((${exact}) OR s."tokens" && ${textArray(term.fuzzyTokens)})`;
}

// BookSearch holds public books only (the triggers mirror publicBookWhere), so only the
// query's own conditions are needed here.
function whereClause(query: SearchQuery, filters: SearchFilters): Prisma.Sql {
  const conditions = query.terms.map(termCondition);
  if (filters.categoryId !== undefined) conditions.push(Prisma.sql`s."categoryId" = ${filters.categoryId}`);
  if (filters.status && filters.status !== "all") {
    conditions.push(Prisma.sql`s."status" = ${STATUS[filters.status]}::"BookStatus"`);
  }
  return Prisma.join(conditions, " AND ");
}

function rankedSelect(query: SearchQuery, filters: SearchFilters): Prisma.Sql {
  const q = query.text;
  const allExact = Prisma.join(
    query.terms.map((t) => Prisma.sql`(${exactCondition(t)})`),
    " AND ",
  );
  return Prisma.sql`
    SELECT m.id, m."viewCount",
           CASE
             WHEN m.title = ${q} THEN 0
             WHEN starts_with(m.title, ${q}) THEN 1
             WHEN strpos(' ' || m.title, ${` ${q}`}) > 0 THEN 2
             WHEN strpos(m.title, ${q}) > 0 THEN 3
             WHEN strpos(m.author, ${q}) > 0 THEN 4
             WHEN strpos(m.tags, ${q}) > 0 THEN 5
             WHEN m."allExact" THEN 6
             ELSE 7
           END AS tier
      FROM (SELECT s."bookId" AS id, s."viewCount",
                   split_part(s."document", '|', 1) AS title,
                   split_part(s."document", '|', 2) AS author,
                   substr(s."document",
                          char_length(split_part(s."document", '|', 1))
                          + char_length(split_part(s."document", '|', 2)) + 3) AS tags,
                   (${allExact}) AS "allExact"
              FROM "BookSearch" s
             WHERE ${whereClause(query, filters)}) m`;
}

/** One page of search results, best first. An empty query finds nothing (without a query). */
export async function querySearch(
  db: Db,
  query: SearchQuery,
  filters: SearchFilters = {},
  page = 1,
): Promise<SearchResults> {
  if (query.terms.length === 0) return { books: [], total: 0, pageCount: 1 };
  const rows = await db.$queryRaw<{ id: number; total: number }[]>`
    SELECT r.id, count(*) OVER ()::int AS total
      FROM (${rankedSelect(query, filters)}) r
     ORDER BY r.tier, r."viewCount" DESC, r.id DESC
     LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${(page - 1) * SEARCH_PAGE_SIZE}`;
  // A page past the end has no rows, hence no total: count apart only then.
  const total = rows[0]?.total ?? (page > 1 ? await countMatches(db, query, filters) : 0);
  const ids = rows.map((r) => r.id);
  const books =
    ids.length === 0
      ? []
      : await db.book.findMany({
          where: { id: { in: ids } },
          select: {
            ...bookCardSelect,
            intro: true,
            tags: { select: { tag: { select: { slug: true, name: true } } }, orderBy: { tag: { name: "asc" } } },
          },
        });
  const byId = new Map(books.map((b) => [b.id, { ...b, tags: b.tags.map((t) => t.tag) }]));
  return {
    books: ids.flatMap((id) => byId.get(id) ?? []),
    total,
    pageCount: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
  };
}

async function countMatches(db: Db, query: SearchQuery, filters: SearchFilters): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "BookSearch" s WHERE ${whereClause(query, filters)}`;
  return row?.n ?? 0;
}

/** The first few matches for the suggestion list under the search box. */
export async function querySuggestions(db: Db, query: SearchQuery): Promise<Suggestion[]> {
  if (query.terms.length === 0) return [];
  return db.$queryRaw<Suggestion[]>`
    SELECT bk.id, bk.title, u.name AS author
      FROM (${rankedSelect(query, {})}) r
      JOIN "Book" bk ON bk.id = r.id
      JOIN "User" u ON u.id = bk."authorId"
     ORDER BY r.tier, r."viewCount" DESC, r.id DESC
     LIMIT ${SUGGESTION_COUNT}`;
}
