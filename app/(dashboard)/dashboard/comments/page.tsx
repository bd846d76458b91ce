import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { hideCommentAction, replyFromDashboardAction, restoreCommentAction } from "@/lib/actions/comments";
import { removeCommentAction } from "@/lib/actions/moderation";
import { dashboardActor } from "@/lib/data/dashboard";
import { listCommentsToModerate } from "@/lib/data/signed-in";
import { formatDateTime } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { COMMENT_MAX } from "@/lib/validation/comments";
import { newRequestId } from "@/lib/validation/create-request";
import { parseId } from "@/lib/validation/ids";

export function generateMetadata(): Metadata {
  return { title: getT()("comments.moderationTitle") };
}

// The newest comments on the author's books (an admin sees every book's), each with a button that
// hides it from the public pages or restores it, and a reply form (the author's reply is marked
// 作者 like any of theirs); an admin may also delete one for good. Rendered per request.
export default async function CommentModerationPage({ searchParams }: PageProps<"/dashboard/comments">) {
  const t = getT();
  const actor = await dashboardActor("/dashboard/comments");
  const params = await searchParams;
  const before = parseId(params.before) ?? undefined;
  const reported = params.reported === "1";
  const { items, next } = await listCommentsToModerate(actor, before, { reported });
  return (
    <section className="dashboard">
      <h1>{t("comments.moderationTitle")}</h1>
      <p className="muted">{t("comments.moderationIntro")}</p>
      <nav className="filter-row" aria-label={t("comments.moderationTitle")}>
        <Link href="/dashboard/comments" aria-current={reported ? undefined : "true"}>
          {t("comments.everything")}
        </Link>
        <Link href="/dashboard/comments?reported=1" aria-current={reported ? "true" : undefined}>
          {t("comments.reportedOnly")}
        </Link>
      </nav>
      {items.length === 0 ? <p>{t("comments.nothingToModerate")}</p> : null}
      <ol className="comment-list">
        {items.map((c) => (
          <li key={c.id}>
            <article className="comment" aria-labelledby={`moderate-${c.id}`}>
              <header className="comment-head" id={`moderate-${c.id}`}>
                <span className="comment-user">{c.user.name}</span>
                <time dateTime={c.createdAt.toISOString()}>{formatDateTime(c.createdAt)}</time>
                <Link
                  href={`/book/${c.chapter.bookId}/${c.chapter.id}/comments${c.parentId ? `?thread=${c.parentId}` : ""}`}
                >
                  {c.chapter.book.title} · {c.chapter.title}
                  {c.paragraph !== null ? ` · ${t("comments.paragraphOf", { n: c.paragraph + 1 })}` : ""}
                </Link>
                {c.hiddenAt ? <span className="badge">{t("comments.hiddenMark")}</span> : null}
                {c.reportCount > 0 ? (
                  <span className="badge">{t("comments.reportCount", { count: c.reportCount })}</span>
                ) : null}
              </header>
              {c.body.split("\n").map((line, i) => (
                <p key={i}>{line}</p>
              ))}
              <div className="row-steps">
                <ActionForm action={c.hiddenAt ? restoreCommentAction : hideCommentAction} className="inline-form">
                  <input type="hidden" name="commentId" value={c.id} />
                  <button
                    type="submit"
                    className="button-small"
                    aria-label={t(c.hiddenAt ? "comments.restoreNamed" : "comments.hideNamed", { user: c.user.name })}
                  >
                    {c.hiddenAt ? t("comments.restore") : t("comments.hide")}
                  </button>
                </ActionForm>
                {actor.role === "ADMIN" ? (
                  <ConfirmAction
                    label={t("moderation.remove")}
                    name={t("moderation.removeNamed", { user: c.user.name })}
                    question={t("moderation.removeConfirm")}
                  >
                    <ActionForm action={removeCommentAction} className="inline-form">
                      <input type="hidden" name="commentId" value={c.id} />
                      <button type="submit" className="button-danger">
                        {t("moderation.removeConfirmButton")}
                      </button>
                    </ActionForm>
                  </ConfirmAction>
                ) : null}
              </div>
              {c.hiddenAt ? null : (
                <details className="comment-reply-box">
                  <summary>{t("comments.reply")}</summary>
                  <ActionForm action={replyFromDashboardAction} className="comment-form" requestId={newRequestId()}>
                    <input type="hidden" name="chapterId" value={c.chapter.id} />
                    <input type="hidden" name="bookId" value={c.chapter.bookId} />
                    <input type="hidden" name="parentId" value={c.id} />
                    <div className="form-field">
                      <label htmlFor={`reply-${c.id}`}>{t("comments.writeReply")}</label>
                      <textarea id={`reply-${c.id}`} name="body" rows={2} maxLength={COMMENT_MAX} required />
                    </div>
                    <button type="submit">{t("comments.submit")}</button>
                  </ActionForm>
                </details>
              )}
            </article>
          </li>
        ))}
      </ol>
      {next ? (
        <Link href={`/dashboard/comments?${reported ? "reported=1&" : ""}before=${next}`}>{t("comments.older")}</Link>
      ) : null}
    </section>
  );
}
