import { messages, translate } from "@/lib/i18n/messages";
import { REVIEW_MAX, REVIEW_MAX_BYTES } from "@/lib/validation/reviews";

/**
 * Why a review form posted without JavaScript was refused, from the address it came back to:
 * only a key of the reviews' own messages is shown, never text from the address.
 */
export function RefusedMessage({ error, minutes }: { error: string | undefined; minutes: string | undefined }) {
  const name = error?.startsWith("reviews.errors.") ? error.slice("reviews.errors.".length) : null;
  if (!name || !Object.hasOwn(messages.reviews.errors, name)) return null;
  const wait = Math.min(Math.max(Number.parseInt(minutes ?? "", 10) || 1, 1), 60);
  const max = name === "tooManyBytes" ? REVIEW_MAX_BYTES : REVIEW_MAX;
  return (
    <p role="alert" className="form-message form-message-error">
      {translate(`reviews.errors.${name}`, { minutes: wait, max, position: 0 })}
    </p>
  );
}
