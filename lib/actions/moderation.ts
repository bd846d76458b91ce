"use server";

import { removeComment } from "@/lib/data/comments/moderation";
import { likeComment } from "@/lib/data/comments/write";
import { blockReader, muteBook, unblockReader, unmuteBook } from "@/lib/data/moderation/blocks";
import { liftSuspension, suspendCommenting } from "@/lib/data/moderation/suspension";
import { db } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import { commentRefSchema } from "@/lib/validation/comments";
import { blockSchema, muteSchema, suspendSchema, userRefForSuspension } from "@/lib/validation/moderation";
import { formAction, saved, type Actor } from "./client";

// The moderation forms: a reader blocks a reader or mutes a book's comments (from the comments
// page; undone from /account/blocks), likes a comment without JavaScript; an admin suspends an
// account's commenting (/admin/users) or deletes a comment from the queue (/dashboard/comments).
// The reading page's script does the reader's part through /api/me/blocks and /api/comments.

type Write = (db: Db, actor: Actor, input: unknown) => Promise<{ tags: string[] }>;

function readerAction(form: typeof blockSchema | typeof muteSchema, write: Write) {
  return formAction({
    role: "READER",
    scope: "comments",
    returnTo: "/account/blocks",
    form,
    run: (actor, input) => write(db, actor, input),
    done: () => saved("dashboard.done"),
  });
}

export const blockReaderAction = readerAction(blockSchema, blockReader);
export const unblockReaderAction = readerAction(blockSchema, unblockReader);
export const muteBookAction = readerAction(muteSchema, muteBook);
export const unmuteBookAction = readerAction(muteSchema, unmuteBook);

/** 赞 on the comments page without JavaScript: the like, then the page again. */
export const likeCommentAction = formAction({
  role: "READER",
  scope: "comments",
  returnTo: "/",
  form: commentRefSchema,
  run: (actor, input) => likeComment(db, actor, input),
  done: () => saved("dashboard.done"),
});

function adminAction(form: typeof suspendSchema | typeof userRefForSuspension, write: Write, returnTo: string) {
  return formAction({
    role: "ADMIN",
    scope: "admin",
    returnTo,
    form,
    run: (actor, input) => write(db, actor, input),
    done: () => saved("admin.saved"),
  });
}

export const suspendCommentingAction = adminAction(suspendSchema, suspendCommenting, "/admin/users");
export const liftSuspensionAction = adminAction(userRefForSuspension, liftSuspension, "/admin/users");

/** An admin deletes a comment (and its replies) from the queue, for good. */
export const removeCommentAction = formAction({
  role: "ADMIN",
  scope: "admin",
  returnTo: "/dashboard/comments",
  form: commentRefSchema,
  run: (actor, input) => removeComment(db, actor, input),
  done: () => saved("dashboard.done"),
});
