"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { removeFromShelf } from "@/lib/data/reader";
import { db } from "@/lib/db";
import { shelfFormSchema } from "@/lib/validation/reader";
import { formFields } from "./form-state";

// The shelf page's remove button: a plain form, so it works without JavaScript. The user comes
// from the session only. No cache tag is revalidated: shelfCount shows only on cached lists that
// may lag by hours (see lib/data/reader.ts), and the shelf page itself is rendered per request.
export async function removeFromShelfAction(formData: FormData): Promise<void> {
  const user = await requireUser("/shelf");
  const parsed = shelfFormSchema.safeParse(formFields(formData));
  if (parsed.success) await removeFromShelf(db, user.id, parsed.data);
  redirect("/shelf");
}
