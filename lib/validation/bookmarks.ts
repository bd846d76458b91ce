import { z } from "zod";
import { BOOKMARKS_PER_BOOK, SNIPPET_MAX } from "@/components/chapter/bookmark-store";
import { idSchema } from "./ids";

// Inputs of the reader's bookmarks (书签, /api/bookmarks). A bookmark names a paragraph of a
// chapter (0-based over the whole chapter), the sub-page it was on and a snippet of its text.

/** Most bookmarks one book keeps for a reader, and one account in all (the browser keeps the same per book). */
export { BOOKMARKS_PER_ACCOUNT, BOOKMARKS_PER_BOOK, SNIPPET_MAX } from "@/components/chapter/bookmark-store";

const id = idSchema();
const paragraph = z.number().int().min(0).max(100_000);
const page = z.number().int().min(1).max(10_000);
const snippet = z.string().trim().min(1).max(SNIPPET_MAX);

export const bookmarkInputSchema = z.object({ bookId: id, chapterId: id, paragraph, page, snippet }).strict();
export const bookmarkKeySchema = z.object({ chapterId: id, paragraph }).strict();
export const bookmarkBookSchema = z.object({ bookId: id }).strict();
/** What a browser kept for one book while signed out (or before it synced), merged into the account. */
export const bookmarkMergeSchema = z
  .object({
    bookId: id,
    bookmarks: z.array(z.object({ chapterId: id, paragraph, page, snippet }).strict()).max(BOOKMARKS_PER_BOOK),
  })
  .strict();

export type BookmarkInput = z.infer<typeof bookmarkInputSchema>;
export type BookmarkKey = z.infer<typeof bookmarkKeySchema>;
export type BookmarkMerge = z.infer<typeof bookmarkMergeSchema>;
