import { z } from "zod";
import { IMPORT_ENCODINGS, MAX_CUSTOM_PATTERN_LENGTH } from "@/lib/text/import";
import { requestIdSchema } from "./create-request";
import { idSchema, routeIdSchema } from "./ids";

// The TXT import form of the dashboard, as posted (lib/actions/import.ts): its text fields (the
// file is read on its own). "preview" parses the file with the options; "import" confirms the
// preview whose key it sends back.

export const importFieldsSchema = z
  .object({
    intent: z.enum(["preview", "import"]),
    uploadId: z.string().max(64).optional(),
    encoding: z.enum(["auto", ...IMPORT_ENCODINGS]),
    preface: z.enum(["intro", "prologue"]),
    customPattern: z.string().max(MAX_CUSTOM_PATTERN_LENGTH).optional(),
    confirmKey: z.string().max(200).optional(),
    status: z.enum(["DRAFT", "PUBLISHED"]).optional(),
    bookId: routeIdSchema.optional(),
    title: z.string().max(1000).optional(),
    categoryId: z.string().max(12).optional(),
    language: z.string().max(16).optional(),
    // The confirm's idempotency key (lib/validation/create-request.ts); the preview ignores it.
    requestId: requestIdSchema.optional(),
  })
  .strict();

export type ImportFields = z.infer<typeof importFieldsSchema>;

/** The whole form: its fields and the chosen file (read and checked by the action). */
export const importFormSchema = importFieldsSchema.extend({ file: z.unknown().optional() }).strict();
export type ImportForm = z.output<typeof importFormSchema>;

/** What the data layer's importNovel takes besides the parsed file: a new book or an existing one, and the options. */
export const importOptionsSchema = z
  .object({
    bookId: idSchema().optional(),
    newBook: z
      .object({ title: z.unknown(), categoryId: z.unknown(), language: z.unknown().optional() })
      .strict()
      .optional(),
    status: z.enum(["DRAFT", "PUBLISHED"]),
    preface: z.enum(["intro", "prologue"]),
    customPattern: z.string().max(500).nullish(),
  })
  .strict()
  .refine((v) => (v.bookId === undefined) !== (v.newBook === undefined), { path: ["bookId"] });
