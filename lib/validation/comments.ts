import { z } from "zod";
import { normalizeBody, normalizeTitle } from "@/lib/text/normalize";
import { requestIdSchema } from "./create-request";
import { emptyAs, formId } from "./form";
import { idSchema } from "./ids";
import { COMMENT_LIMIT, NEW_ACCOUNT_MS } from "./moderation";
import { textField } from "./text";

// Comments on chapters (本章说) and paragraphs (段评). Plain text only: a link is shown as text,
// never as a link or HTML. Messages are keys of `comments.errors`.

export const COMMENT_MAX = 2000;
/** UTF-8 bytes of a comment: binds before the character cap only for text of 4-byte characters. */
export const COMMENT_MAX_BYTES = 6000;
/** Comments per page of a thread list, and replies shown under a comment before "more replies". */
export const COMMENT_PAGE_SIZE = 20;
export const REPLIES_SHOWN = 3;
/** The most paragraphs a chapter can have: one per line of its largest body. */
export const PARAGRAPH_MAX = 100_000;
/**
 * Comments one account may post in COMMENT_WINDOW_MS; an account in its first day, fewer
 * (COMMENT_LIMIT in lib/validation/moderation.ts, with the limits of likes and reports). Every
 * write is also limited per client address and per account by the site: WRITE_MAX_PER_MINUTE.
 */
export const COMMENTS_PER_WINDOW = COMMENT_LIMIT.perWindow;
export const COMMENTS_PER_WINDOW_NEW_ACCOUNT = COMMENT_LIMIT.firstDay;
export const COMMENT_WINDOW_MS = COMMENT_LIMIT.windowMs;
export { NEW_ACCOUNT_MS };
export const COMMENT_SORTS = ["new", "top"] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

const K = (key: string) => `comments.errors.${key}`;
const id = formId(idSchema(K("invalid")));

/** One paragraph per line like a chapter, and each line cleaned like a title (no bidi overrides). */
export function normalizeComment(text: string): string {
  return normalizeBody(text)
    .split("\n")
    .map((line) => normalizeTitle(line))
    .filter((line) => line.length > 0)
    .join("\n");
}

const paragraph = formId(
  z
    .number({ error: K("invalid") })
    .int({ error: K("invalid") })
    .min(0, { error: K("invalid") })
    .max(PARAGRAPH_MAX, { error: K("invalid") }),
);

/**
 * A new comment: on the chapter, on one of its paragraphs (`paragraph`, 0-based over the whole
 * chapter), or a reply to a comment (`parentId`; it joins the parent's paragraph).
 */
export const commentCreateSchema = z
  .object({
    chapterId: id,
    // The chapter's book, when the caller names it (a page does): another book's is not found.
    bookId: id.optional(),
    // "0" is a paragraph; the form's empty choice is the chapter itself.
    paragraph: emptyAs(undefined, z.preprocess((v) => (v === "0" ? 0 : v), paragraph).optional()),
    parentId: emptyAs(undefined, id.optional()),
    body: textField({
      key: K,
      normalize: normalizeComment,
      max: COMMENT_MAX,
      maxBytes: COMMENT_MAX_BYTES,
      required: true,
    }),
    requestId: requestIdSchema.optional(),
  })
  .strict()
  .refine((v) => v.parentId === undefined || v.paragraph === undefined, {
    path: ["paragraph"],
    error: K("replyHasParagraph"),
  });

export const commentRefSchema = z.object({ commentId: id }).strict();

/** Why a reader reports a comment. */
export const REPORT_REASONS = ["spam", "abuse", "spoiler", "other"] as const;
export const commentReportSchema = z
  .object({ commentId: id, reason: z.enum(REPORT_REASONS, { error: K("invalid") }) })
  .strict();

/** A page of a thread list: newest or most liked first, after a cursor, of one paragraph or all. */
export const commentListSchema = z
  .object({
    sort: z.enum(COMMENT_SORTS).catch("new"),
    paragraph: z.coerce.number().int().min(0).max(PARAGRAPH_MAX).optional().catch(undefined),
    after: z.string().max(64).optional().catch(undefined),
  })
  .strip();

export type CommentCreateInput = z.input<typeof commentCreateSchema>;
export type CommentList = z.output<typeof commentListSchema>;
