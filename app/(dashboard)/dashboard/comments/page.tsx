import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { hideCommentAction, restoreCommentAction } from "@/lib/actions/comments";
import { dashboardActor } from "@/lib/data/dashboard";
import { listCommentsToModerate } from "@/lib/data/signed-in";
import { formatDateTime } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { parseId } from "@/lib/validation/ids";

export function generateMetadata(): Metadata {
  return { title: getT()("comments.moderationTitle") };
}

// The newest comments on the author's books (an admin sees every book's), each with a button that
// hides it from the public pages or restores it. Rendered per request for the signed-in author.
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
