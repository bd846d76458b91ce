import { z } from "zod";
import { formId } from "./form";
import { idSchema } from "./ids";

// The dashboard's cover forms (components/dashboard/cover-form.tsx), as posted: the book's id
// and, to upload, the chosen file. `.strict()`: any other field is refused, not ignored. The
// file itself is checked by the action and lib/covers (type sniffed from the bytes, size, pixels).
// A malformed id is a book that does not exist.

const bookId = formId(idSchema("covers.errors.NOT_FOUND"));

export const coverUploadFormSchema = z
  .object({ bookId, cover: z.union([z.instanceof(File), z.string()]).optional() })
  .strict();

export const coverRemoveFormSchema = z.object({ bookId }).strict();
