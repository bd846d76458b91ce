import type { Average, RatingSummary } from "@/lib/data/reviews/public";
import { getT } from "@/lib/i18n/messages";
import { ASPECTS } from "@/lib/validation/reviews";

/** An average on the 1–5 scale as shown: one decimal ("4.3"). */
export function formatScore(score: number): string {
  return score.toFixed(1);
}

/** Five stars, the score's filled (rounded); for the eye only, next to the score in words. */
export function Stars({ score }: { score: number }) {
  const full = Math.round(score);
  return (
    <span className="stars" aria-hidden="true">
      {"★".repeat(full)}
      {"☆".repeat(5 - full)}
    </span>
  );
}

/** A book's rating: the overall average and each scored aspect's, each with its number of ratings. */
export function RatingSummaryList({ rating }: { rating: RatingSummary }) {
  const t = getT();
  if (rating.overall.count === 0) return <p>{t("reviews.noRatings")}</p>;
  const rows: [string, Average][] = [
    [t("reviews.overall"), rating.overall],
    ...ASPECTS.filter((a) => rating[a].count > 0).map((a): [string, Average] => [t(`reviews.${a}`), rating[a]]),
  ];
  return (
    <dl className="rating-summary">
      {rows.map(([label, { average, count }]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            <Stars score={average ?? 0} /> {t("reviews.outOfFive", { score: formatScore(average ?? 0) })}{" "}
            <span className="muted">{t("reviews.ratedBy", { count })}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
