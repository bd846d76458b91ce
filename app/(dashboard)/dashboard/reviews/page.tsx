import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/dashboard/action-form";
import { Stars } from "@/components/reviews/rating-summary";
import { hideReviewAction, removeReviewAction, restoreReviewAction } from "@/lib/actions/reviews";
import { isAdmin } from "@/lib/data/authoring/actor";
import { dashboardActor } from "@/lib/data/dashboard";
import { listReviewsToModerate } from "@/lib/data/signed-in";
import { formatDateTime } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { parseId } from "@/lib/validation/ids";

export function generateMetadata(): Metadata {
  return { title: getT()("reviews.moderationTitle") };
}

// The admins' review queue, beside the comments' page: the newest reviews of every book (or only
// the reported ones), each with buttons to hide it from the public pages and the book's rating,
// restore it, or delete it. Admins only (lib/data/reviews/moderation.ts says why not authors).
export default async function ReviewModerationPage({ searchParams }: PageProps<"/dashboard/reviews">) {
  const t = getT();
  const actor = await dashboardActor("/dashboard/reviews");
  if (!isAdmin(actor)) notFound();
  const params = await searchParams;
  const before = parseId(params.before) ?? undefined;
  const reported = params.reported === "1";
  const { items, next } = await listReviewsToModerate(actor, before, { reported });
  return (
    <section className="dashboard">
      <h1>{t("reviews.moderationTitle")}</h1>
      <p className="muted">{t("reviews.moderationIntro")}</p>
      <nav className="filter-row" aria-label={t("reviews.moderationTitle")}>
        <Link href="/dashboard/reviews" aria-current={reported ? undefined : "true"}>
          {t("reviews.everything")}
        </Link>
        <Link href="/dashboard/reviews?reported=1" aria-current={reported ? "true" : undefined}>
          {t("reviews.reportedOnly")}
        </Link>
      </nav>
      {items.length === 0 ? <p>{t("reviews.nothingToModerate")}</p> : null}
      <ol className="comment-list">
        {items.map((r) => (
          <li key={r.id}>
            <article className="comment" aria-labelledby={`moderate-${r.id}`}>
              <header className="comment-head" id={`moderate-${r.id}`}>
                <span className="comment-user">{r.user.name}</span>
                <span>
                  <Stars score={r.overall} /> {t("reviews.outOfFive", { score: r.overall })}
                </span>
                <time dateTime={r.createdAt.toISOString()}>{formatDateTime(r.createdAt)}</time>
                <Link href={`/book/${r.book.id}/reviews`}>{r.book.title}</Link>
                {r.hiddenAt ? <span className="badge">{t("reviews.hiddenMark")}</span> : null}
                {r.reportCount > 0 ? (
                  <span className="badge">{t("reviews.reportCount", { count: r.reportCount })}</span>
                ) : null}
              </header>
              {r.body.split("\n").map((line, i) => (line ? <p key={i}>{line}</p> : null))}
              <ActionForm action={r.hiddenAt ? restoreReviewAction : hideReviewAction} className="inline-form">
                <input type="hidden" name="reviewId" value={r.id} />
                <button
                  type="submit"
                  className="button-small"
                  aria-label={t(r.hiddenAt ? "reviews.restoreNamed" : "reviews.hideNamed", { user: r.user.name })}
                >
                  {r.hiddenAt ? t("reviews.restore") : t("reviews.hide")}
                </button>
              </ActionForm>
              <ActionForm action={removeReviewAction} className="inline-form">
                <input type="hidden" name="reviewId" value={r.id} />
                <button
                  type="submit"
                  className="button-small button-secondary"
                  aria-label={t("reviews.removeNamed", { user: r.user.name })}
                >
                  {t("reviews.remove")}
                </button>
              </ActionForm>
            </article>
          </li>
        ))}
      </ol>
      {next ? (
        <Link href={`/dashboard/reviews?${reported ? "reported=1&" : ""}before=${next}`}>{t("reviews.older")}</Link>
      ) : null}
    </section>
  );
}
