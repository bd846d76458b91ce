import { z } from "zod";
import { formId } from "./form";
import { idSchema } from "./ids";

// Inputs and limits of the community layer's moderation: blocks, mutes, suspensions, and the
// per-account rate limits of comments, likes and reports. Messages are keys of `comments.errors`
// (the forms these sit in) and `moderation.errors`.

/** An account younger than this is "new": its limits below are the `firstDay` ones. */
export const NEW_ACCOUNT_MS = 24 * 60 * 60 * 1000;
const TEN_MINUTES = 10 * 60 * 1000;

export const COMMENT_LIMIT = {
  perWindow: 20,
  firstDay: 5,
  windowMs: TEN_MINUTES,
  messageKey: "comments.errors.tooMany",
} as const;
export const LIKE_LIMIT = {
  perWindow: 60,
  firstDay: 20,
  windowMs: TEN_MINUTES,
  messageKey: "moderation.errors.tooManyLikes",
} as const;
export const REPORT_LIMIT = {
  perWindow: 10,
  firstDay: 3,
  windowMs: TEN_MINUTES,
  messageKey: "moderation.errors.tooManyReports",
} as const;

/** Readers one reader may block, books one reader may mute: the private list the reading page loads stays small. */
export const BLOCKS_MAX = 500;
export const MUTES_MAX = 500;

const id = formId(idSchema("comments.errors.invalid"));

export const blockSchema = z.object({ userId: id }).strict();
export const muteSchema = z.object({ bookId: id }).strict();

/** How long an admin suspends an account's commenting: days, or until lifted. */
export const SUSPENSION_DAYS = ["1", "7", "30", "365"] as const;
export const SUSPENSION_CHOICES = [...SUSPENSION_DAYS, "indefinite"] as const;
export const suspendSchema = z
  .object({
    userId: formId(idSchema("admin.errors.invalidId")),
    duration: z.enum(SUSPENSION_CHOICES, { error: "admin.errors.invalid" }),
  })
  .strict();
export const userRefForSuspension = z.object({ userId: formId(idSchema("admin.errors.invalidId")) }).strict();
