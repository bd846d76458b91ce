import { z } from "zod";
import { formId } from "./form";
import { idSchema } from "./ids";

// Inputs of the notices' forms and of the unsubscribe link.

/** "Mark all read": a button and nothing else. */
export const markNoticesReadForm = z.object({}).strict();

/** The account page's opt-in: a box ticked posts "on", unticked posts nothing. */
export const noticeEmailForm = z
  .object({ noticeEmail: z.literal("on").optional() })
  .strict()
  .transform((form) => ({ on: form.noticeEmail === "on" }));

/** The unsubscribe link's account and token (an HMAC, base64url). */
export const unsubscribeSchema = z
  .object({ u: formId(idSchema()), t: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) })
  .strict();
