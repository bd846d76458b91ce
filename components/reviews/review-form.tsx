"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { useActionState } from "react";
import { FormMessage } from "@/components/auth/form-field";
import { describedBy, HintAndErrors } from "@/components/ui/field-parts";
import { initialFormState } from "@/lib/actions/form-state";
import { saveReviewAction } from "@/lib/actions/reviews";
import { ASPECTS, REVIEW_MAX, SCORE_MAX, SCORE_MIN } from "@/lib/validation/reviews";

type Scores = Record<"overall" | (typeof ASPECTS)[number], number | null>;
type Props = {
  bookId: number;
  /** The reader's review as it is, to edit; null for a first review. */
  current: (Scores & { body: string }) | null;
};

const SCORES = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);

/**
 * The reader's review of a book: the overall score (required), the aspects (each may be left
 * unscored) and the text. A plain form posted to a server action, so it works without JavaScript.
 */
export function ReviewForm({ bookId, current }: Props) {
  const t = useTranslations("reviews");
  const [state, action, pending] = useActionState(saveReviewAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  const posted = state.status === "error" ? state.values : undefined;
  const valueOf = (name: keyof Scores) => posted?.[name] ?? (current?.[name] ? String(current[name]) : "");
  const hint = t("bodyHint", { max: REVIEW_MAX });

  const scoreField = (name: keyof Scores, legend: string, optional: boolean) => {
    const value = valueOf(name);
    const id = `review-${name}`;
    return (
      <fieldset key={name} className="score-field" aria-describedby={describedBy(id, null, errors[name])}>
        <legend>{legend}</legend>
        {optional ? (
          <label>
            <input type="radio" name={name} value="" defaultChecked={value === ""} /> {t("noScore")}
          </label>
        ) : null}
        {SCORES.map((n) => (
          <label key={n}>
            <input type="radio" name={name} value={n} defaultChecked={value === String(n)} required={!optional} />{" "}
            {t("stars", { n })}
          </label>
        ))}
        <HintAndErrors id={id} errors={errors[name]} />
      </fieldset>
    );
  };

  return (
    <form action={action} className="review-form" noValidate>
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="bookId" value={bookId} />
      {scoreField("overall", t("overallLegend"), false)}
      {ASPECTS.map((a) => scoreField(a, t("aspectLegend", { aspect: t(a) }), true))}
      <div className="form-field">
        <label htmlFor="review-body">{t("bodyLabel")}</label>
        <textarea
          id="review-body"
          name="body"
          rows={6}
          maxLength={REVIEW_MAX}
          defaultValue={posted?.body ?? current?.body ?? ""}
          aria-invalid={errors.body?.length ? true : undefined}
          aria-describedby={describedBy("review-body", hint, errors.body)}
        />
        <HintAndErrors id="review-body" hint={hint} errors={errors.body} />
      </div>
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
