import { z } from "zod";
import { routeIdSchema } from "./ids";

// The dashboard's cover forms (components/dashboard/cover-form.tsx), as posted: the book's id
// and, to upload, the chosen file. `.strict()`: any other field is refused, not ignored. The
// file itself is checked by the action and lib/covers (type sniffed from the bytes, size, pixels).

export const coverUploadFormSchema = z
  .object({ bookId: routeIdSchema, cover: z.union([z.instanceof(File), z.string()]).optional() })
  .strict();

export const coverRemoveFormSchema = z.object({ bookId: routeIdSchema }).strict();
