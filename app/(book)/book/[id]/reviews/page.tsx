import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { RatingSummaryList } from "@/components/reviews/rating-summary";
import { RefusedMessage } from "@/components/reviews/refused-message";
import { ReviewButtons } from "@/components/reviews/review-buttons";
import { ReviewItem } from "@/components/reviews/review-item";
import { Pagination } from "@/components/ui/pagination";
import { loadBook, sampleBookParams } from "@/lib/data/book-route";
import { getReviewPage } from "@/lib/data/reviews/public";
import { newestDate } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { parseId } from "@/lib/validation/ids";
import { REVIEW_SORTS, reviewListSchema, type ReviewList } from "@/lib/validation/reviews";

type Props = PageProps<"/book/[id]/reviews">;
type Params = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateStaticParams() {
  return [await sampleBookParams()];
}

// Not indexed: the book page carries the most helpful reviews and the rating (with JSON-LD), and
// the sorted and paged lists here would be many near-duplicate pages of it. Links are followed.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const book = await loadBook(params);
  return { title: getT()("reviews.pageTitle", { title: book.title }), robots: { index: false, follow: true } };
}

// Reads the request (its query or session), so the page renders whole per request, in document
// order, rather than as a prerendered shell whose hole would stream after the footer
// (components/layout/site-shell.tsx).
export const instant = false;

// A book's reviews without JavaScript: most helpful or newest first, a page at a time, each with
// its helpful and report buttons. The reads are cached per book, sort and page.
export default function ReviewsPage({ params, searchParams }: Props) {
  return <ReviewsView bookId={params.then((p) => parseId(p.id))} searchParams={searchParams} />;
}

async function ReviewsView({
  bookId: pending,
  searchParams,
}: {
  bookId: Promise<number | null>;
  searchParams: Promise<Params>;
}) {
  const [bookId, params] = await Promise.all([pending, searchParams]);
  const list = reviewListSchema.parse({ sort: first(params.sort), page: first(params.page) });
  const data = bookId === null ? null : await getReviewPage(bookId, list);
  if (!data) notFound();
  const t = getT();
  const base = `/book/${data.book.id}/reviews`;
  const newest = newestDate(data.items.map((r) => r.createdAt));
  const href = (over: Partial<ReviewList>) => {
    const { sort, page } = { ...list, ...over };
    const q = new URLSearchParams();
    if (sort !== "helpful") q.set("sort", sort);
    if (page > 1) q.set("page", String(page));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <>
      <Breadcrumb items={[{ href: `/book/${data.book.id}`, label: data.book.title }, { label: t("reviews.title") }]} />
      <section className="panel" aria-labelledby="reviews-title">
        <div className="panel-head">
          <h1 id="reviews-title">{t("reviews.pageTitle", { title: data.book.title })}</h1>
          <Link href={`/book/${data.book.id}/review`}>{t("reviews.write")}</Link>
        </div>
        <RefusedMessage error={first(params.error)} minutes={first(params.minutes)} />
        {first(params.done) === "1" ? (
          <p role="status" className="form-message form-message-success">
            {t("reviews.thanks")}
          </p>
        ) : null}
        <RatingSummaryList rating={data.rating} />
        <nav aria-label={t("reviews.sortLabel")} className="filter-row">
          {REVIEW_SORTS.map((sort) => (
            <Link key={sort} href={href({ sort, page: 1 })} aria-current={sort === list.sort ? "true" : undefined}>
              {sort === "helpful" ? t("reviews.sortHelpful") : t("reviews.sortNew")}
            </Link>
          ))}
        </nav>
        {data.items.length === 0 ? <p>{t("reviews.none")}</p> : null}
        <ol className="comment-list">
          {data.items.map((review) => (
            <li key={review.id}>
              <ReviewItem review={review} newest={newest} headingLevel={2}>
                <ReviewButtons reviewId={review.id} bookId={data.book.id} user={review.user.name} />
              </ReviewItem>
            </li>
          ))}
        </ol>
        <Pagination page={list.page} pageCount={data.pageCount} href={(page) => href({ page })} />
        <p>
          <Link href={`/book/${data.book.id}`}>{t("reviews.backToBook")}</Link>
        </p>
      </section>
    </>
  );
}
