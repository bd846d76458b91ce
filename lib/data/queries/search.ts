import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { escapeLike, type SearchQuery, type SearchTerm } from "@/lib/search/normalize";
import { pinyinQuery } from "@/lib/search/pinyin";
import type { SearchStatus } from "@/lib/validation/search";
import { bookCardSelect, type BookCard } from "./filters";

// Book search over "BookSearch", one trigger-maintained row per public book: its "document" and
// the GIN-indexed search_tokens("document") (prisma/migrations/20261128100000_search). Every value reaches SQL as a bind parameter.
//
// A book matches when every term matches: its tokens (CJK n-grams, short Latin prefixes) are all
// present and its text contains the term, or, for Latin terms of ≥4 characters, a word of the
// book is within one edit of it. Typo matches are looked for only when the exact matches do not
// fill the places asked for (they would rank below all of them anyway): common queries stay cheap. Ranking: exact title > title prefix > a title word starting
// with the query > title substring > author > tag > terms spread over fields > typo match; then
// views, then newest id.
//
// A query of Latin letters only also matches titles by their pinyin (lib/search/pinyin.ts): the
// query without spaces as a prefix of "Book"."titlePinyin" ("jianlai", "jian lai", "jianl") or of
// "titleInitials" ("jl"), each on its btree index. Those matches rank below every exact text
// match (an English title, author or tag with those letters) and above typo matches: tier 6.5 for
// the whole pinyin or initials, 6.6 for a prefix.

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
  if (term.tokens.length > 0) parts.push(Prisma.sql`search_tokens(s."document") @> ${textArray(term.tokens)}`);
  if (term.substring) parts.push(Prisma.sql`s."document" LIKE ${`%${escapeLike(term.text)}%`}`);
  return parts.length > 0 ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

// The same test without the token lookup where the substring test implies it: evaluated per row
// for ranking, where search_tokens() would be computed again.
function exactRowCondition(term: SearchTerm): Prisma.Sql {
  return term.substring ? Prisma.sql`s."document" LIKE ${`%${escapeLike(term.text)}%`}` : exactCondition(term);
}

function termCondition(term: SearchTerm, fuzzy: boolean): Prisma.Sql {
  const exact = exactCondition(term);
  if (!fuzzy || term.fuzzyTokens.length === 0) return Prisma.sql`(${exact})`;
  return Prisma.sql`((${exact}) OR search_tokens(s."document") && ${textArray(term.fuzzyTokens)})`;
}

// BookSearch holds public books only (the triggers mirror publicBookWhere), so only the
// query's own conditions are needed here.
function whereClause(query: SearchQuery, filters: SearchFilters, fuzzy: boolean): Prisma.Sql {
  const conditions = [...query.terms.map((term) => termCondition(term, fuzzy)), ...filterConditions(filters)];
  return Prisma.join(conditions, " AND ");
}

function filterConditions(filters: SearchFilters): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filters.categoryId !== undefined) conditions.push(Prisma.sql`s."categoryId" = ${filters.categoryId}`);
  if (filters.status && filters.status !== "all") {
    conditions.push(Prisma.sql`s."status" = ${STATUS[filters.status]}::"BookStatus"`);
  }
  return conditions;
}

// Public books whose title pinyin or initials start with the query: two index range scans, then
// the public (BookSearch) row of each by its key.
function pinyinSelect(pinyin: string, filters: SearchFilters): Prisma.Sql {
  const prefix = `${escapeLike(pinyin)}%`;
  const where = [Prisma.sql`TRUE`, ...filterConditions(filters)];
  return Prisma.sql`
    SELECT s."bookId" AS id, s."viewCount",
           CASE WHEN p."titlePinyin" = ${pinyin} OR p."titleInitials" = ${pinyin} THEN 6.5 ELSE 6.6 END AS tier
      FROM (SELECT b.id, b."titlePinyin", b."titleInitials" FROM "Book" b
             WHERE b."titlePinyin" COLLATE "C" LIKE ${prefix}
            UNION
            SELECT b.id, b."titlePinyin", b."titleInitials" FROM "Book" b
             WHERE b."titleInitials" COLLATE "C" LIKE ${prefix}) p
      JOIN "BookSearch" s ON s."bookId" = p.id
     WHERE ${Prisma.join(where, " AND ")}`;
}

// Text matches, and pinyin matches when the query is Latin letters: the best tier of each book.
function rankedSelect(query: SearchQuery, filters: SearchFilters, fuzzy: boolean): Prisma.Sql {
  const text = textSelect(query, filters, fuzzy);
  const pinyin = pinyinQuery(query.text);
  if (pinyin === null) return text;
  return Prisma.sql`
    SELECT u.id, u."viewCount", min(u.tier) AS tier
      FROM (${text} UNION ALL ${pinyinSelect(pinyin, filters)}) u
     GROUP BY u.id, u."viewCount"`;
}

function textSelect(query: SearchQuery, filters: SearchFilters, fuzzy: boolean): Prisma.Sql {
  const q = query.text;
  const allExact = fuzzy
    ? Prisma.join(
        query.terms.map((t) => Prisma.sql`(${exactRowCondition(t)})`),
        " AND ",
      )
    : Prisma.sql`TRUE`;
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
             WHERE ${whereClause(query, filters, fuzzy)}) m`;
}

const hasFuzzyTerms = (query: SearchQuery) => query.terms.some((t) => t.fuzzyTokens.length > 0);

type Ranked = { id: number; total: number };

async function rankedIds(
  db: Db,
  query: SearchQuery,
  filters: SearchFilters,
  fuzzy: boolean,
  limit: number,
  offset: number,
): Promise<Ranked[]> {
  return db.$queryRaw<Ranked[]>`
    SELECT r.id, count(*) OVER ()::int AS total
      FROM (${rankedSelect(query, filters, fuzzy)}) r
     ORDER BY r.tier, r."viewCount" DESC, r.id DESC
     LIMIT ${limit} OFFSET ${offset}`;
}

// Exact matches; when they do not fill `limit` places, exact and typo matches together.
async function rank(db: Db, query: SearchQuery, filters: SearchFilters, limit: number, page: number) {
  const offset = (page - 1) * limit;
  const exact = await rankedIds(db, query, filters, false, limit, offset);
  const exactTotal = exact[0]?.total ?? (page > 1 ? await countMatches(db, query, filters, false) : 0);
  if (exactTotal >= limit || !hasFuzzyTerms(query)) return { rows: exact, total: exactTotal };
  const all = await rankedIds(db, query, filters, true, limit, offset);
  return { rows: all, total: all[0]?.total ?? (page > 1 ? await countMatches(db, query, filters, true) : 0) };
}

/** One page of search results, best first. An empty query finds nothing (without a query). */
export async function querySearch(
  db: Db,
  query: SearchQuery,
  filters: SearchFilters = {},
  page = 1,
): Promise<SearchResults> {
  if (query.terms.length === 0) return { books: [], total: 0, pageCount: 1 };
  const { rows, total } = await rank(db, query, filters, SEARCH_PAGE_SIZE, page);
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

// A page past the end has no rows, hence no total: count apart only then.
async function countMatches(db: Db, query: SearchQuery, filters: SearchFilters, fuzzy: boolean): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (${rankedSelect(query, filters, fuzzy)}) r`;
  return row?.n ?? 0;
}

/** The first few matches for the suggestion list under the search box. */
export async function querySuggestions(db: Db, query: SearchQuery): Promise<Suggestion[]> {
  if (query.terms.length === 0) return [];
  const { rows } = await rank(db, query, {}, SUGGESTION_COUNT, 1);
  if (rows.length === 0) return [];
  const books = await db.book.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: { id: true, title: true, author: { select: { name: true } } },
  });
  const byId = new Map(books.map((b) => [b.id, { id: b.id, title: b.title, author: b.author.name }]));
  return rows.flatMap((r) => byId.get(r.id) ?? []);
}
