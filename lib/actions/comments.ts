"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { hideComment, restoreComment } from "@/lib/data/comments/moderation";
import { postComment } from "@/lib/data/comments/write";
import { db } from "@/lib/db";
import { commentCreateSchema, commentRefSchema } from "@/lib/validation/comments";
import type { FormObject } from "@/lib/validation/form";
import { parseId } from "@/lib/validation/ids";
import { formAction, saved } from "./client";
import { textValues } from "./form-state";

// The comments page's form (app/(book)/book/[id]/[chapterId]/comments), which works without
// JavaScript; the reading page's script posts the same write as JSON (app/api/chapters/…/comments).

/** The comments page a form is on, from the ids it carries. */
function commentsPage(fields: FormObject): string {
  const bookId = parseId(fields.bookId);
  const chapterId = parseId(fields.chapterId);
  return bookId && chapterId ? `/book/${bookId}/${chapterId}/comments` : "/";
}

export const postCommentAction = formAction({
  role: "READER",
  scope: "comments",
  returnTo: commentsPage,
  form: commentCreateSchema,
  values: (fields) => textValues(fields, ["body"]),
  // Posted without JavaScript, the comments page (rendered in parts) cannot show a returned state:
  // back to it, with the reason's message key in the address (the page shows only known keys).
  refused: async (error, fields) => {
    if ((await headers()).has("next-action")) return;
    const key = Object.values(error.fieldErrors)[0]?.[0]?.key ?? error.messageKey;
    const thread = parseId(fields.parentId);
    const query = new URLSearchParams(thread ? { thread: String(thread) } : {});
    query.set("error", key);
    // The values its message names: in how many minutes to retry, until when a suspension lasts.
    for (const name of ["minutes", "until"] as const) {
      if (error.params[name] !== undefined) query.set(name, String(error.params[name]));
    }
    redirect(`${commentsPage(fields)}?${query}`);
  },
  run: (actor, input) => postComment(db, actor, input),
  // The new comment on the page it was written on (newest first: at the top of the list).
  done: (result) =>
    redirect(result.bookId ? `/book/${result.bookId}/${result.chapterId}/comments#c${result.commentId}` : "/"),
});

/** The author answers a comment from the dashboard's list (marked 作者 like any reply of theirs). */
export const replyFromDashboardAction = formAction({
  role: "AUTHOR",
  scope: "comments",
  returnTo: "/dashboard/comments",
  form: commentCreateSchema,
  values: (fields) => textValues(fields, ["body"]),
  run: (actor, input) => postComment(db, actor, input),
  done: () => saved("dashboard.done"),
});

/** A moderation button of the dashboard's comments page: the book's author, or an admin. */
function moderationAction(write: typeof hideComment) {
  return formAction({
    role: "AUTHOR",
    scope: "comments",
    returnTo: "/dashboard/comments",
    form: commentRefSchema,
    run: (actor, input) => write(db, actor, input),
    done: () => saved("dashboard.done"),
  });
}

/** An author hides a comment on their own book (an admin on any); it leaves the public pages at once. */
export const hideCommentAction = moderationAction(hideComment);
export const restoreCommentAction = moderationAction(restoreComment);
