"use server";

import { redirect } from "next/navigation";
import { removeFromShelf } from "@/lib/data/reader";
import { db } from "@/lib/db";
import { shelfFormSchema } from "@/lib/validation/reader";
import { formAction, postAction } from "./client";

// The shelf page's remove button: a plain form, so it works without JavaScript, and back to the
// shelf. The reader comes from the session only. No cache tag is expired: shelfCount shows only on
// cached lists that may lag by hours (see lib/data/reader.ts); the shelf page is rendered per request.
export const removeFromShelfAction = postAction(
  formAction({
    role: "READER",
    returnTo: "/shelf",
    form: shelfFormSchema,
    run: async (actor, input) => {
      await removeFromShelf(db, actor.id, input);
      return { tags: [] };
    },
    done: () => redirect("/shelf"),
  }),
  "/shelf",
);
