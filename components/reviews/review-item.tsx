import type { ReactNode } from "react";
import type { ReviewView } from "@/lib/data/reviews/public";
import { formatDateTime, formatShortDate } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { ASPECTS } from "@/lib/validation/reviews";
import { Stars } from "./rating-summary";

/**
 * One review: who, the scores, when, its text as plain lines, how many found it helpful.
 * `newest`: the newest date of the list it is in (formatShortDate).
 */
export function ReviewItem({
  review,
  newest,
  headingLevel = 3,
  children,
}: {
  review: ReviewView;
  newest: Date | null;
  headingLevel?: 2 | 3;
  children?: ReactNode;
}) {
  const t = getT();
  const Heading = `h${headingLevel}` as const;
  const aspects = ASPECTS.flatMap((a) => {
    const score = review[a];
    return score === null ? [] : [`${t(`reviews.${a}`)} ${score}`];
  });
  return (
    <article id={`r${review.id}`} className="comment review" aria-labelledby={`r${review.id}-by`}>
      <header className="comment-head">
        <Heading id={`r${review.id}-by`} className="comment-user review-user">
          {review.user.name}
        </Heading>
        <span>
          <Stars score={review.overall} /> {t("reviews.outOfFive", { score: review.overall })}
        </span>
        <time dateTime={review.createdAt} title={formatDateTime(new Date(review.createdAt))}>
          {formatShortDate(new Date(review.createdAt), newest)}
        </time>
        {review.updatedAt !== review.createdAt ? <span>{t("reviews.edited")}</span> : null}
      </header>
      {aspects.length > 0 ? <p className="muted">{aspects.join(" · ")}</p> : null}
      {review.body.split("\n").map((line, i) => (line ? <p key={i}>{line}</p> : null))}
      {review.helpfulCount > 0 ? (
        <p className="muted">{t("reviews.helpfulCount", { count: review.helpfulCount })}</p>
      ) : null}
      {children}
    </article>
  );
}
