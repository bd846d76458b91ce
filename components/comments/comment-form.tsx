"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { useActionState } from "react";
import { FormMessage } from "@/components/auth/form-field";
import { RequestIdField, useRequestId } from "@/components/dashboard/request-id";
import { describedBy, HintAndErrors } from "@/components/ui/field-parts";
import { postCommentAction } from "@/lib/actions/comments";
import { initialFormState } from "@/lib/actions/form-state";
import { COMMENT_MAX } from "@/lib/validation/comments";

type Props = {
  bookId: number;
  chapterId: number;
  /** A comment on this paragraph (0-based), or on the chapter. */
  paragraph?: number;
  /** A reply to this comment. */
  parentId?: number;
  /** The idempotency key the page rendered. */
  requestId: string;
};

/**
 * The comments page's form: a new comment on the chapter or a paragraph, or a reply. A plain form
 * posted to a server action, so it works without JavaScript; a visitor who is not signed in is sent
 * to sign in and comes back to this page.
 */
export function CommentForm({ bookId, chapterId, paragraph, parentId, requestId }: Props) {
  const t = useTranslations("comments");
  const [state, action, pending] = useActionState(postCommentAction, initialFormState);
  const key = useRequestId(requestId, state);
  const errors = state.fieldErrors ?? {};
  const id = parentId ? `comment-reply-${parentId}` : "comment-body";
  const hint = t("bodyHint", { max: COMMENT_MAX });
  return (
    <form action={action} className="comment-form" noValidate>
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="bookId" value={bookId} />
      <input type="hidden" name="chapterId" value={chapterId} />
      {paragraph !== undefined ? <input type="hidden" name="paragraph" value={paragraph} /> : null}
      {parentId !== undefined ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <RequestIdField value={key} />
      <div className="form-field">
        <label htmlFor={id}>{parentId ? t("writeReply") : t("write")}</label>
        <textarea
          id={id}
          name="body"
          rows={parentId ? 2 : 3}
          maxLength={COMMENT_MAX}
          required
          defaultValue={state.status === "error" ? state.values?.body : undefined}
          aria-invalid={errors.body?.length ? true : undefined}
          aria-describedby={describedBy(id, hint, errors.body)}
        />
        <HintAndErrors id={id} hint={hint} errors={[...(errors.body ?? []), ...(errors.paragraph ?? [])]} />
      </div>
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
