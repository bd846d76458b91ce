import Link from "@/components/ui/link";
import { getCategories, getSearchResults } from "@/lib/data/catalog";
import { categoryName, formatWordCount, wordUnit } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { highlight } from "@/lib/search/highlight";
import { parseSearchQuery } from "@/lib/search/normalize";
import type { SearchParams } from "@/lib/validation/listing";
import { parseSearchParams, SEARCH_STATUSES, searchHref, type SearchPageParams } from "@/lib/validation/search";
import { Pagination } from "@/components/ui/pagination";
import { statusLabel } from "@/components/book/book-listing";
import { SearchBox } from "./search-box";

const INTRO_CHARS = 120;

// The body of /search: the query form, filters, ranked results with the matched parts marked,
// pagination, and the empty (no query) and no-result states.
export async function SearchResults({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const t = getT();
  const params = parseSearchParams(await searchParams);
  const query = parseSearchQuery(params.q);
  const categories = await getCategories();
  const category = categories.find((c) => c.slug === params.category);

  if (!query.text) {
    return (
      <>
        <h1>{t("search.title")}</h1>
        <SearchBox variant="page" />
        <p className="muted">{t("search.emptyHelp")}</p>
        <p>
          <Link href="/books">{t("search.browse")}</Link>
        </p>
      </>
    );
  }

  const filters = { categoryId: category?.id, status: params.status };
  const results = await getSearchResults(query.text, filters, params.page);
  const current: SearchPageParams = { ...params, q: query.text, category: category?.slug ?? null };
  const href = (change: Partial<SearchPageParams>) => searchHref({ ...current, page: 1, ...change });
  const terms = query.terms.map((term) => term.text);
  return (
    <>
      <h1>{t("search.resultsFor", { query: query.text })}</h1>
      <SearchBox key={params.q} variant="page" defaultValue={params.q} />
      <div className="filters panel">
        <div className="filter-row" role="group" aria-label={t("search.category")}>
          <span aria-hidden="true">{t("search.category")}</span>
          <FilterLink href={href({ category: null })} current={!category} text={t("listing.all")} />
          {categories.map((c) => (
            <FilterLink
              key={c.slug}
              href={href({ category: c.slug })}
              current={c.slug === category?.slug}
              text={categoryName(c)}
            />
          ))}
        </div>
        <div className="filter-row" role="group" aria-label={t("listing.status")}>
          <span aria-hidden="true">{t("listing.status")}</span>
          {SEARCH_STATUSES.map((s) => (
            <FilterLink key={s} href={href({ status: s })} current={s === params.status} text={t(statusLabel[s])} />
          ))}
        </div>
        <p className="muted" role="status">
          {t("search.results", { count: results.total })}
        </p>
      </div>
      {results.books.length === 0 ? (
        <div className="search-empty">
          <p>{t("search.noResults", { query: query.text })}</p>
          <p className="muted">{t("search.noResultsHelp")}</p>
          <p>
            <Link href="/books">{t("search.browse")}</Link>
          </p>
        </div>
      ) : (
        <ol className="search-results">
          {results.books.map((b) => (
            <li key={b.id} className="search-result">
              <h2>
                <Link href={`/book/${b.id}`}>
                  <Marked text={b.title} terms={terms} />
                </Link>
              </h2>
              <p className="muted">
                <Link href={`/author/${b.author.id}`}>
                  <Marked text={b.author.name} terms={terms} />
                </Link>{" "}
                · {categoryName(b.category)} · {t(`status.${b.status}`)} ·{" "}
                {t("book.wordsShort", { count: formatWordCount(b.wordCount), unit: wordUnit(b.language) })}
              </p>
              {b.tags.length > 0 ? (
                <p className="search-tags">
                  <span className="visually-hidden">{t("search.tags")}: </span>
                  {b.tags.map((tag) => (
                    <span key={tag.slug} className="chip">
                      <Marked text={tag.name} terms={terms} />
                    </span>
                  ))}
                </p>
              ) : null}
              {b.intro ? (
                <p className="intro">{b.intro.length > INTRO_CHARS ? `${b.intro.slice(0, INTRO_CHARS)}…` : b.intro}</p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pagination page={params.page} pageCount={results.pageCount} href={(page) => searchHref({ ...current, page })} />
    </>
  );
}

function Marked({ text, terms }: { text: string; terms: string[] }) {
  return highlight(text, terms).map((segment, i) =>
    segment.match ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
  );
}

function FilterLink({ href, current, text }: { href: string; current: boolean; text: string }) {
  return (
    <Link href={href} className="chip" aria-current={current ? "true" : undefined} rel="nofollow">
      {text}
    </Link>
  );
}
