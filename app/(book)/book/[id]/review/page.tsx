import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { RefusedMessage } from "@/components/reviews/refused-message";
import { ReviewForm } from "@/components/reviews/review-form";
import { deleteReviewAction } from "@/lib/actions/reviews";
import { requireUser } from "@/lib/auth/session";
import { loadBook, sampleBookParams } from "@/lib/data/book-route";
import { getMyReview } from "@/lib/data/signed-in";
import { getT } from "@/lib/i18n/messages";

type Props = PageProps<"/book/[id]/review">;
type Params = Record<string, string | string[] | undefined>;
type Book = Awaited<ReturnType<typeof loadBook>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateStaticParams() {
  return [await sampleBookParams()];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const book = await loadBook(params);
  return { title: getT()("reviews.formTitle", { title: book.title }), robots: { index: false, follow: false } };
}

// Reads the request (its query or session), so the page renders whole per request, in document
// order, rather than as a prerendered shell whose hole would stream after the footer
// (components/layout/site-shell.tsx).
export const instant = false;

// The signed-in reader's review of the book: written the first time, edited after, or deleted.
// The form reads the session, so the page renders per request (`instant = false` above); a
// signed-out visitor is sent to sign in and back here.
export default async function ReviewPage({ params, searchParams }: Props) {
  const book = await loadBook(params);
  const t = getT();
  return (
    <>
      <Breadcrumb items={[{ href: `/book/${book.id}`, label: book.title }, { label: t("reviews.title") }]} />
      <section className="panel" aria-labelledby="review-title">
        <h1 id="review-title">{t("reviews.formTitle", { title: book.title })}</h1>
        <ReviewEditor book={book} searchParams={searchParams} />
        <p>
          <Link href={`/book/${book.id}/reviews`}>{t("reviews.title")}</Link>
          {" · "}
          <Link href={`/book/${book.id}`}>{t("reviews.backToBook")}</Link>
        </p>
      </section>
    </>
  );
}

async function ReviewEditor({ book, searchParams }: { book: Book; searchParams: Promise<Params> }) {
  const t = getT();
  const [user, params] = await Promise.all([requireUser(`/book/${book.id}/review`), searchParams]);
  if (user.id === book.author.id) {
    return <p role="alert">{t("reviews.errors.ownBook")}</p>;
  }
  const mine = await getMyReview(user.id, book.id);
  return (
    <>
      <p className="muted">{t("reviews.formIntro")}</p>
      {mine?.hidden ? <p role="status">{t("reviews.hiddenNotice")}</p> : null}
      <RefusedMessage error={first(params.error)} minutes={first(params.minutes)} />
      <ReviewForm bookId={book.id} current={mine} />
      {mine ? (
        <ActionForm action={deleteReviewAction} className="inline-form">
          <input type="hidden" name="bookId" value={book.id} />
          <button type="submit" className="button-secondary">
            {t("reviews.delete")}
          </button>
        </ActionForm>
      ) : null}
    </>
  );
}
