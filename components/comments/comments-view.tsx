import Link from "next/link";
import { connection } from "next/server";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { getThread, getThreads, type CommentView, type ThreadView } from "@/lib/data/comments/public";
import { formatDateTime } from "@/lib/i18n/format";
import { getT, messages, translate } from "@/lib/i18n/messages";
import { COMMENT_MAX, commentListSchema } from "@/lib/validation/comments";
import { newRequestId } from "@/lib/validation/create-request";
import { parseId } from "@/lib/validation/ids";
import { CommentForm } from "./comment-form";

type Chapter = { id: number; bookId: number; title: string; book: { authorId: number; title: string } };
type Params = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function CommentsView({
  chapter: pending,
  searchParams,
}: {
  chapter: Promise<Chapter>;
  searchParams: Promise<Params>;
}) {
  await connection();
  const [chapter, params] = await Promise.all([pending, searchParams]);
  const t = getT();
  const base = `/book/${chapter.bookId}/${chapter.id}/comments`;
  const who = { id: chapter.id, authorId: chapter.book.authorId };
  const threadId = parseId(first(params.thread));
  const list = commentListSchema.parse({
    sort: first(params.sort),
    paragraph: first(params.paragraph),
    after: first(params.after),
  });
  const crumbs = (
    <Breadcrumb
      items={[
        { href: `/book/${chapter.bookId}`, label: chapter.book.title },
        { href: `/book/${chapter.bookId}/${chapter.id}`, label: chapter.title },
        { label: t("comments.title") },
      ]}
    />
  );

  if (threadId !== null) {
    const thread = await getThread(who, threadId, first(params.after));
    return (
      <>
        {crumbs}
        <section className="panel comments" aria-labelledby="comments-title">
          <h1 id="comments-title">{t("comments.thread")}</h1>
          {thread ? (
            <>
              <Comment comment={thread.head} base={base} />
              <ol className="comment-replies">
                {thread.replies.items.map((r) => (
                  <li key={r.id}>
                    <Comment comment={r} base={base} />
                  </li>
                ))}
              </ol>
              {thread.replies.next ? (
                <Link href={`${base}?thread=${threadId}&after=${encodeURIComponent(thread.replies.next)}`}>
                  {t("comments.more")}
                </Link>
              ) : null}
              <RefusedMessage raw={first(params.error)} />
              <CommentForm
                bookId={chapter.bookId}
                chapterId={chapter.id}
                parentId={threadId}
                requestId={newRequestId()}
              />
            </>
          ) : (
            <p>{t("comments.errors.notFound")}</p>
          )}
          <p>
            <Link href={base}>{t("comments.allComments")}</Link>
          </p>
        </section>
      </>
    );
  }

  const page = await getThreads(who, list);
  const query = (over: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    const merged = {
      sort: list.sort === "new" ? undefined : list.sort,
      paragraph: list.paragraph?.toString(),
      ...over,
    };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined) q.set(k, v);
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <>
      {crumbs}
      <section className="panel comments" aria-labelledby="comments-title">
        <h1 id="comments-title">
          {list.paragraph === undefined
            ? t("comments.title")
            : `${t("comments.paragraphTitle")} · ${t("comments.paragraphOf", { n: list.paragraph + 1 })}`}
        </h1>
        <p className="muted">
          <Link href={`/book/${chapter.bookId}/${chapter.id}`}>{t("comments.backToChapter")}</Link>
          {list.paragraph !== undefined ? (
            <>
              {" · "}
              <Link href={query({ paragraph: undefined })}>{t("comments.allComments")}</Link>
            </>
          ) : null}
        </p>
        <RefusedMessage raw={first(params.error)} />
        <CommentForm
          bookId={chapter.bookId}
          chapterId={chapter.id}
          paragraph={list.paragraph}
          requestId={newRequestId()}
        />
        <nav aria-label={t("comments.sortLabel")} className="filter-row">
          {(["new", "top"] as const).map((sort) => (
            <Link
              key={sort}
              href={query({ sort: sort === "new" ? undefined : sort })}
              aria-current={sort === list.sort ? "true" : undefined}
            >
              {sort === "new" ? t("comments.sortNew") : t("comments.sortTop")}
            </Link>
          ))}
        </nav>
        {page.items.length === 0 && list.after === undefined ? <p>{t("comments.none")}</p> : null}
        <ol className="comment-list">
          {page.items.map((thread) => (
            <li key={thread.id}>
              <Thread thread={thread} base={base} />
            </li>
          ))}
        </ol>
        {page.next ? <Link href={query({ after: page.next })}>{t("comments.more")}</Link> : null}
      </section>
    </>
  );
}

function Thread({ thread, base }: { thread: ThreadView; base: string }) {
  const t = getT();
  return (
    <>
      <Comment comment={thread} base={base} />
      {thread.replies.length > 0 ? (
        <ol className="comment-replies">
          {thread.replies.map((r) => (
            <li key={r.id}>
              <Comment comment={r} base={base} />
            </li>
          ))}
        </ol>
      ) : null}
      <p className="comment-more">
        <Link href={`${base}?thread=${thread.id}`}>
          {thread.replyCount > thread.replies.length
            ? t("comments.moreReplies", { count: thread.replyCount })
            : t("comments.reply")}
        </Link>
      </p>
    </>
  );
}

/** One comment: who, when, where in the chapter, its text as plain lines, its likes. */
function Comment({ comment, base }: { comment: CommentView; base: string }) {
  const t = getT();
  return (
    <article id={`c${comment.id}`} className="comment">
      <header className="comment-head">
        <span className="comment-user">{comment.user.name}</span>
        {comment.byAuthor ? <span className="badge">{t("comments.byAuthor")}</span> : null}
        <time dateTime={comment.createdAt}>{formatDateTime(new Date(comment.createdAt))}</time>
        {comment.paragraph !== null ? (
          comment.orphaned ? (
            <span className="muted">{t("comments.paragraphGone")}</span>
          ) : (
            <Link href={`${base}?paragraph=${comment.paragraph}`}>
              {t("comments.paragraphOf", { n: comment.paragraph + 1 })}
            </Link>
          )
        ) : null}
      </header>
      {comment.body.split("\n").map((line, i) => (
        <p key={i}>{line}</p>
      ))}
      {comment.likeCount > 0 ? <p className="muted">{t("comments.likes", { count: comment.likeCount })}</p> : null}
    </article>
  );
}

/** Why a comment posted without JavaScript was refused: only a key of the comments' own messages is shown. */
function RefusedMessage({ raw }: { raw: string | undefined }) {
  const name = raw?.startsWith("comments.errors.") ? raw.slice("comments.errors.".length) : null;
  if (!name || !Object.hasOwn(messages.comments.errors, name)) return null;
  return (
    <p role="alert" className="form-message form-message-error">
      {translate(`comments.errors.${name}`, { max: COMMENT_MAX, position: 0 })}
    </p>
  );
}
