import { z } from "zod";
import { formId } from "./form";
import { idSchema } from "./ids";

// Inputs of the reader's shelf, progress and view endpoints. Ids and pages are positive integers;
// `at` is the browser's clock (ms since the epoch) when the page was read.

/** Most positions one merge at sign-in takes; the newest win when the browser sends more. */
export const MERGE_MAX = 200;

const id = idSchema();
const page = z.number().int().min(1).max(10_000);
// 2001-09-09 .. 2286: rules out seconds sent where milliseconds are expected.
const at = z.number().int().min(1_000_000_000_000).max(9_999_999_999_999);

export const shelfInputSchema = z.object({ bookId: id }).strict();

export const progressInputSchema = z.object({ bookId: id, chapterId: id, page, at }).strict();

/** A chapter page loaded in a browser (POST /api/views). */
export const viewInputSchema = z.object({ bookId: id, chapterId: id }).strict();

/** The books a browser kept on its shelf while signed out (components/book/local-shelf.ts). */
export const shelfMergeSchema = z.object({ bookIds: z.array(id).max(200) }).strict(); // LOCAL_SHELF_MAX

export const mergeInputSchema = z.object({ entries: z.array(progressInputSchema).max(MERGE_MAX * 5) }).strict();

export const historyPageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

export type ShelfInput = z.infer<typeof shelfInputSchema>;
export type ProgressInput = z.infer<typeof progressInputSchema>;
export type MergeInput = z.infer<typeof mergeInputSchema>;
export type ViewInput = z.infer<typeof viewInputSchema>;

/** The shelf's remove form: { bookId } as form text. */
export const shelfFormSchema = z.object({ bookId: formId(id) }).strict();
