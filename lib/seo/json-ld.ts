import type { Book, BreadcrumbList, Chapter, WebSite, WithContext } from "schema-dts";
import { chapterHref } from "@/lib/chapter-links";
import type { BookDetail } from "@/lib/data/queries/books";
import type { ChapterPage } from "@/lib/data/queries/chapters";
import type { ReviewSummary } from "@/lib/data/reviews/queries";
import { categoryName } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { siteLocale } from "@/lib/i18n/messages";
import { coverPath } from "./cover";
import { absoluteUrl } from "./metadata";
import { RANK_MIN_RATINGS, SCORE_MAX, SCORE_MIN } from "@/lib/validation/reviews";

// schema.org structured data for the public pages, typed with schema-dts. Every URL is absolute.

// The search box Google may show for the site: its results page is /search?q=.
export function websiteJsonLd(): WithContext<WebSite> {
  const t = getT();
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: t("site.name"),
    description: t("site.description"),
    url: absoluteUrl("/"),
    inLanguage: siteLocale,
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl("/search")}?q={search_term_string}` },
      // schema-dts has no type for Google's "required name=…" input annotation.
      ...({ "query-input": "required name=search_term_string" } as object),
    },
  };
}

type BookFields = Pick<
  BookDetail,
  | "id"
  | "title"
  | "intro"
  | "language"
  | "coverUrl"
  | "wordCount"
  | "updatedAt"
  | "lastPublishedAt"
  | "createdAt"
  | "author"
  | "category"
>;

function bookNode(book: Pick<BookFields, "id" | "title" | "author">) {
  return {
    "@type": "Book" as const,
    "@id": `${absoluteUrl(`/book/${book.id}`)}#book`,
    name: book.title,
    url: absoluteUrl(`/book/${book.id}`),
    author: { "@type": "Person" as const, name: book.author.name, url: absoluteUrl(`/author/${book.author.id}`) },
  };
}

/**
 * The book, with its readers' rating (AggregateRating) and its most helpful reviews (Review) once
 * it has RANK_MIN_RATINGS visible ratings: fewer would be a rating search engines show as a star
 * count on the strength of one or two readers.
 */
export function bookJsonLd(book: BookFields, reviews?: ReviewSummary | null): WithContext<Book> {
  const modified =
    book.lastPublishedAt && book.lastPublishedAt > book.updatedAt ? book.lastPublishedAt : book.updatedAt;
  return {
    "@context": "https://schema.org",
    ...bookNode(book),
    description: book.intro,
    genre: categoryName(book.category),
    inLanguage: book.language,
    wordCount: book.wordCount,
    image: absoluteUrl(coverPath(book)),
    dateCreated: book.createdAt.toISOString(),
    dateModified: modified.toISOString(),
    ...ratingNodes(reviews),
  };
}

function ratingNodes(reviews: ReviewSummary | null | undefined): Pick<Book, "aggregateRating" | "review"> {
  const overall = reviews?.rating.overall;
  if (!reviews || !overall?.average || overall.count < RANK_MIN_RATINGS) return {};
  const scale = { bestRating: SCORE_MAX, worstRating: SCORE_MIN };
  return {
    aggregateRating: {
      "@type": "AggregateRating",
      ratingValue: Math.round(overall.average * 100) / 100,
      ratingCount: overall.count,
      ...scale,
    },
    review: reviews.top.map((r) => ({
      "@type": "Review",
      author: { "@type": "Person", name: r.user.name },
      datePublished: r.createdAt,
      reviewRating: { "@type": "Rating", ratingValue: r.overall, ...scale },
      ...(r.body ? { reviewBody: r.body } : {}),
    })),
  };
}

export function chapterJsonLd(chapter: ChapterPage, page: number): WithContext<Chapter> {
  const { book } = chapter;
  return {
    "@context": "https://schema.org",
    "@type": "Chapter",
    name: chapter.title,
    url: absoluteUrl(chapterHref(book.id, chapter.id, page)),
    inLanguage: book.language,
    wordCount: chapter.wordCount,
    image: absoluteUrl(coverPath(book)),
    ...(chapter.publishedAt ? { datePublished: chapter.publishedAt.toISOString() } : {}),
    dateModified: chapter.updatedAt.toISOString(),
    author: { "@type": "Person", name: book.author.name, url: absoluteUrl(`/author/${book.author.id}`) },
    isPartOf: bookNode(book),
  };
}

/** The crumbs as shown: the last one (the page itself) may have no link. */
export function breadcrumbJsonLd(crumbs: { href?: string; label: string }[]): WithContext<BreadcrumbList> {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((c, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: c.label,
      ...(c.href ? { item: absoluteUrl(c.href) } : {}),
    })),
  };
}
