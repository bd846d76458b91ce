import { ChapterLink } from "@/components/book/chapter-link";
import type { Metadata } from "next";
import { Panel } from "@/components/ui/panel";
import Link from "@/components/ui/link";
import { BookCover } from "@/components/book/book-cover";
import { BookList } from "@/components/book/book-list";
import { ContinueReading } from "@/components/book/continue-reading";
import { ShelfButton } from "@/components/book/shelf-button";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { RatingSummaryList } from "@/components/reviews/rating-summary";
import { ReviewItem } from "@/components/reviews/review-item";
import { loadBook, sampleBookParams } from "@/lib/data/book-route";
import { getRecommendations } from "@/lib/data/catalog";
import { getReviewSummary } from "@/lib/data/reviews/public";
import { categoryName, formatDateTime, newestDate, wordUnit } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { JsonLd } from "@/components/seo/json-ld";
import { coverImage } from "@/lib/seo/cover";
import { bookFeedLink } from "@/lib/seo/feeds";
import { bookJsonLd } from "@/lib/seo/json-ld";
import { pageMetadata } from "@/lib/seo/metadata";

export async function generateStaticParams() {
  const { id } = await sampleBookParams();
  return [{ id }];
}

export async function generateMetadata({ params }: PageProps<"/book/[id]">): Promise<Metadata> {
  const book = await loadBook(params);
  const t = getT();
  return pageMetadata({
    title: `${book.title} - ${book.author.name}`,
    description: t("book.metaDescription", {
      title: book.title,
      author: book.author.name,
      category: categoryName(book.category),
      intro: book.intro,
    }),
    path: `/book/${book.id}`,
    type: "book",
    absoluteTitle: true,
    image: coverImage(book),
    feeds: [bookFeedLink(book)],
  });
}

export default async function BookPage({ params }: PageProps<"/book/[id]">) {
  const book = await loadBook(params);
  const [recommendations, reviews] = await Promise.all([getRecommendations(book), getReviewSummary(book.id)]);
  const newestReview = newestDate(reviews?.top.map((r) => r.createdAt) ?? []);
  const similar = recommendations.popular.slice(0, 6);
  const t = getT();
  const category = categoryName(book.category);
  return (
    <>
      <JsonLd data={bookJsonLd(book, reviews)} />
      <Breadcrumb items={[{ href: `/category/${book.category.slug}`, label: category }, { label: book.title }]} />
      <article className="panel" aria-labelledby="book-title">
        <div className="book-head">
          <BookCover book={book} size="large" />
          <div className="book-meta">
            <h1 id="book-title">{book.title}</h1>
            <dl>
              <dt>{t("book.author")}</dt>
              <dd>
                <Link href={`/author/${book.author.id}`}>{book.author.name}</Link>
              </dd>
              <dt>{t("book.category")}</dt>
              <dd>
                <Link href={`/category/${book.category.slug}`}>{category}</Link>
              </dd>
              <dt>{t("book.status")}</dt>
              <dd>{t(`status.${book.status}`)}</dd>
              <dt>{t("book.wordCount", { unit: wordUnit(book.language) })}</dt>
              <dd>{t("book.words", { count: book.wordCount, unit: wordUnit(book.language) })}</dd>
              <dt>{t("book.chapterCount")}</dt>
              <dd>{t("book.chapters", { count: book.chapterCount })}</dd>
              <dt>{t("book.lastUpdate")}</dt>
              <dd>
                <time dateTime={book.lastPublishedAt?.toISOString()}>{formatDateTime(book.lastPublishedAt)}</time>
              </dd>
              {book.lastChapterId ? (
                <>
                  <dt>{t("book.latestChapter")}</dt>
                  <dd>
                    <ChapterLink bookId={book.id} chapterId={book.lastChapterId}>
                      {book.lastChapterTitle}
                    </ChapterLink>
                  </dd>
                </>
              ) : null}
              {book.tags.length > 0 ? (
                <>
                  <dt>{t("book.tags")}</dt>
                  <dd className="tag-list">
                    {book.tags.map((tag) => (
                      <Link key={tag.slug} className="chip" href={`/tag/${tag.slug}`}>
                        {tag.name}
                      </Link>
                    ))}
                  </dd>
                </>
              ) : null}
            </dl>
            <div className="actions">
              {book.firstChapter ? (
                <ChapterLink className="button" bookId={book.id} chapterId={book.firstChapter.id}>
                  {t("book.startReading")}
                </ChapterLink>
              ) : null}
              <ContinueReading bookId={book.id} />
              <ShelfButton bookId={book.id} title={book.title} />
              <Link className="button button-secondary" href={`/book/${book.id}/toc`}>
                {t("book.toc")}
              </Link>
              {book.downloadsEnabled ? (
                // A plain link: the download page is per request, never prefetched; crawlers need not follow it.
                <a className="button button-secondary" href={`/book/${book.id}/download`} rel="nofollow">
                  {t("book.download")}
                </a>
              ) : null}
            </div>
          </div>
        </div>
        <section aria-labelledby="intro" className="intro-text">
          <h2 id="intro">{t("book.intro")}</h2>
          {book.intro.split("\n").map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      </article>
      <section className="panel" aria-labelledby="latest-chapters">
        <div className="panel-head">
          <h2 id="latest-chapters">{t("book.latestChapters")}</h2>
          <Link href={`/book/${book.id}/toc`}>{t("book.fullToc")}</Link>
        </div>
        <ul className="chapter-grid">
          {book.latestChapters.map((c) => (
            <li key={c.id}>
              <ChapterLink bookId={book.id} chapterId={c.id}>
                {c.title}
              </ChapterLink>
            </li>
          ))}
        </ul>
      </section>
      {/* Its links are not prefetched: every view of a cached book page would cost a request. */}
      {reviews ? (
        <section className="panel" id="reviews" aria-labelledby="reviews-title">
          <div className="panel-head">
            <h2 id="reviews-title">{t("reviews.rating")}</h2>
            <Link href={`/book/${book.id}/review`} prefetch={false}>
              {t("reviews.write")}
            </Link>
          </div>
          {reviews.rating.overall.count > 0 ? (
            <>
              <RatingSummaryList rating={reviews.rating} />
              <ol className="comment-list">
                {reviews.top.map((review) => (
                  <li key={review.id}>
                    <ReviewItem review={review} newest={newestReview} />
                  </li>
                ))}
              </ol>
              <p>
                <Link href={`/book/${book.id}/reviews`} prefetch={false}>
                  {t("reviews.all", { count: reviews.rating.overall.count })}
                </Link>
              </p>
            </>
          ) : (
            <p>{t("reviews.none")}</p>
          )}
        </section>
      ) : null}
      {similar.length > 0 ? (
        <Panel id="similar" title={t("book.similar")}>
          <BookList books={similar} />
        </Panel>
      ) : null}
    </>
  );
}
