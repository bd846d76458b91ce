import Link from "@/components/ui/link";
import { connection } from "next/server";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { ActionForm } from "@/components/dashboard/action-form";
import { blockReaderAction, likeCommentAction, muteBookAction, unmuteBookAction } from "@/lib/actions/moderation";
import { getCurrentUser } from "@/lib/auth/session";
import { getThread, getThreads, type CommentView, type ThreadView } from "@/lib/data/comments/public";
import { getCommentFilters } from "@/lib/data/signed-in";
import { formatDateTime, formatShortDate } from "@/lib/i18n/format";
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
  const [chapter, params, user] = await Promise.all([pending, searchParams, getCurrentUser()]);
  const t = getT();
  // The lists come from the shared cache, the same for everyone; a signed-in reader's blocks are
  // applied to them here, after it (this page renders per request anyway: its form's request id).
  const filters = user ? await getCommentFilters(user.id) : { users: [], books: [] };
  // Rendered per request, so dates can be short relative to the request's own year.
  const viewer: Viewer = { id: user?.id ?? null, blocked: new Set(filters.users), now: new Date() };
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
    const found = await getThread(who, threadId, first(params.after));
    const thread = found && !viewer.blocked.has(found.head.user.id) ? found : null;
    return (
      <>
        {crumbs}
        <section className="panel comments" aria-labelledby="comments-title">
          <h1 id="comments-title">{t("comments.thread")}</h1>
          {thread ? (
            <>
              <Comment comment={thread.head} base={base} viewer={viewer} />
              <ol className="comment-replies">
                {unblocked(thread.replies.items, viewer).map((r) => (
                  <li key={r.id}>
                    <Comment comment={r} base={base} viewer={viewer} />
                  </li>
                ))}
              </ol>
              {thread.replies.next ? (
                <Link href={`${base}?thread=${threadId}&after=${encodeURIComponent(thread.replies.next)}`}>
                  {t("comments.more")}
                </Link>
              ) : null}
              <RefusedMessage params={params} />
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
  const threads = unblocked(page.items, viewer);
  const muted = filters.books.includes(chapter.bookId);
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
        {user ? (
          <ActionForm action={muted ? unmuteBookAction : muteBookAction} className="inline-form comment-mute">
            <input type="hidden" name="bookId" value={chapter.bookId} />
            {muted ? <span className="muted">{t("moderation.mutedNotice")} </span> : null}
            <button type="submit" className="link-button" title={muted ? undefined : t("moderation.muteHint")}>
              {muted ? t("moderation.unmute") : t("moderation.mute")}
            </button>
            {" · "}
            <Link href="/account/blocks">{t("moderation.manage")}</Link>
          </ActionForm>
        ) : null}
        <RefusedMessage params={params} />
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
              className="chip"
              href={query({ sort: sort === "new" ? undefined : sort })}
              aria-current={sort === list.sort ? "true" : undefined}
            >
              {sort === "new" ? t("comments.sortNew") : t("comments.sortTop")}
            </Link>
          ))}
        </nav>
        {threads.length === 0 && list.after === undefined ? <p>{t("comments.none")}</p> : null}
        <ol className="comment-list">
          {threads.map((thread) => (
            <li key={thread.id}>
              <Thread thread={thread} base={base} viewer={viewer} />
            </li>
          ))}
        </ol>
        {page.next ? <Link href={query({ after: page.next })}>{t("comments.more")}</Link> : null}
      </section>
    </>
  );
}

/** Who is looking: a signed-in reader's id and the readers they block (none for a visitor). */
type Viewer = { id: number | null; blocked: Set<number>; now: Date };

/** The comments (and replies) whose writers the viewer does not block. */
function unblocked<T extends CommentView & { replies?: CommentView[] }>(items: T[], viewer: Viewer): T[] {
  if (viewer.blocked.size === 0) return items;
  return items
    .filter((c) => !viewer.blocked.has(c.user.id))
    .map((c) => (c.replies ? { ...c, replies: c.replies.filter((r) => !viewer.blocked.has(r.user.id)) } : c));
}

function Thread({ thread, base, viewer }: { thread: ThreadView; base: string; viewer: Viewer }) {
  const t = getT();
  return (
    <>
      <Comment comment={thread} base={base} viewer={viewer} />
      {thread.replies.length > 0 ? (
        <ol className="comment-replies">
          {thread.replies.map((r) => (
            <li key={r.id}>
              <Comment comment={r} base={base} viewer={viewer} />
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

/**
 * One comment: who, when, where in the chapter, its text as plain lines, its likes; for a
 * signed-in reader, 赞 and 屏蔽 as small forms (they work without JavaScript).
 */
function Comment({ comment, base, viewer }: { comment: CommentView; base: string; viewer: Viewer }) {
  const t = getT();
  return (
    <article id={`c${comment.id}`} className="comment">
      <header className="comment-head">
        <span className="comment-user">{comment.user.name}</span>
        {comment.byAuthor ? <span className="badge">{t("comments.byAuthor")}</span> : null}
        <time dateTime={comment.createdAt} title={formatDateTime(new Date(comment.createdAt))}>
          {formatShortDate(new Date(comment.createdAt), viewer.now)}
        </time>
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
      {viewer.id === null ? (
        comment.likeCount > 0 ? (
          <p className="muted">{t("comments.likes", { count: comment.likeCount })}</p>
        ) : null
      ) : (
        <div className="comment-actions">
          <ActionForm action={likeCommentAction} className="inline-form">
            <input type="hidden" name="commentId" value={comment.id} />
            <button
              type="submit"
              className="link-button comment-like"
              aria-label={t("moderation.likeNamed", { user: comment.user.name })}
            >
              {`${t("comments.like")} ${comment.likeCount > 0 ? comment.likeCount : ""}`.trim()}
            </button>
          </ActionForm>
          {comment.user.id !== viewer.id ? (
            <ActionForm action={blockReaderAction} className="inline-form">
              <input type="hidden" name="userId" value={comment.user.id} />
              <button
                type="submit"
                className="link-button comment-block"
                aria-label={t("moderation.blockNamed", { user: comment.user.name })}
              >
                {t("moderation.block")}
              </button>
            </ActionForm>
          ) : null}
        </div>
      )}
    </article>
  );
}

/**
 * Why a comment posted without JavaScript was refused: only a key of the comments' or the
 * moderation's own messages is shown, with the values it names when they look like theirs (a
 * number of minutes, a date), so an address cannot put other words in the site's mouth.
 */
function RefusedMessage({ params }: { params: Params }) {
  const [scope, name] =
    first(params.error)
      ?.match(/^(comments|moderation)\.errors\.(\w+)$/)
      ?.slice(1) ?? [];
  if (!scope || !name || !Object.hasOwn(messages[scope as "comments" | "moderation"].errors, name)) return null;
  const minutes = /^\d{1,4}$/.exec(first(params.minutes) ?? "")?.[0];
  const until = /^[\d\s/:.,\-年月日上下午AMPamp]{1,40}$/.exec(first(params.until) ?? "")?.[0];
  return (
    <p role="alert" className="form-message form-message-error">
      {translate(`${scope}.errors.${name}`, {
        max: COMMENT_MAX,
        position: 0,
        minutes: minutes ? Number(minutes) : 10,
        until: until ?? "…",
      })}
    </p>
  );
}
