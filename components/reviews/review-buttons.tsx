import { ActionForm } from "@/components/dashboard/action-form";
import { reportReviewAction, voteHelpfulAction } from "@/lib/actions/reviews";
import { getT } from "@/lib/i18n/messages";
import { REVIEW_REPORT_REASONS } from "@/lib/validation/reviews";

/**
 * "Helpful" and "report" under a review on the reviews page: plain forms (they work without
 * JavaScript, coming back to the review), identical for every visitor, so the page stays cached.
 */
export function ReviewButtons({ reviewId, bookId, user }: { reviewId: number; bookId: number; user: string }) {
  const t = getT();
  const ids = (
    <>
      <input type="hidden" name="reviewId" value={reviewId} />
      <input type="hidden" name="bookId" value={bookId} />
    </>
  );
  return (
    <div className="review-actions">
      <ActionForm action={voteHelpfulAction} className="inline-form" messageAfter>
        {ids}
        <button type="submit" className="button-small review-button" aria-label={t("reviews.helpfulNamed", { user })}>
          {t("reviews.helpful")}
        </button>
      </ActionForm>
      <details className="comment-report">
        <summary>{t("reviews.report")}</summary>
        <ActionForm action={reportReviewAction} messageAfter>
          {ids}
          <fieldset className="review-reasons">
            <legend>{t("reviews.reasonLabel")}</legend>
            {REVIEW_REPORT_REASONS.map((reason, i) => (
              <label key={reason}>
                <input type="radio" name="reason" value={reason} defaultChecked={i === 0} />{" "}
                {t(`reviews.reasons.${reason}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button-small" aria-label={t("reviews.reportNamed", { user })}>
            {t("reviews.report")}
          </button>
        </ActionForm>
      </details>
    </div>
  );
}
