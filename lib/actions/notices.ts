"use server";

import { redirect } from "next/navigation";
import { markAllNoticesRead, setNoticeEmail, unsubscribeNotices } from "@/lib/data/notices/notices";
import { db } from "@/lib/db";
import { markNoticesReadForm, noticeEmailForm, unsubscribeSchema } from "@/lib/validation/notices";
import { formAction, postAction, publicFormAction } from "./client";

// The notices page's "mark all read", the account page's e-mail opt-in, and the unsubscribe
// page's button (no sign-in: the link's token is the proof). Notices are private and rendered per
// request, so no cache tag changes.

export const markAllNoticesReadAction = postAction(
  formAction({
    role: "READER",
    returnTo: "/notices",
    form: markNoticesReadForm,
    run: async (actor) => {
      await markAllNoticesRead(db, actor.id);
      return { tags: [] };
    },
    done: () => redirect("/notices"),
  }),
  "/notices",
);

// A plain form: back to the account page, which says it is saved (and its box shows it).
export const setNoticeEmailAction = postAction(
  formAction({
    role: "READER",
    returnTo: "/account",
    form: noticeEmailForm,
    run: async (actor, input) => {
      await setNoticeEmail(db, actor.id, input.on);
      return { tags: [] };
    },
    done: () => redirect("/account?notices=saved#notice-email"),
  }),
  "/account#notice-email",
);

export const unsubscribeAction = postAction(
  publicFormAction({
    form: unsubscribeSchema,
    run: (input) => unsubscribeNotices(db, input.u, input.t),
    done: () => redirect("/unsubscribe?done=1"),
  }),
  // A refused link (changed by hand, or the account is gone) comes back to say so.
  "/unsubscribe?error=1",
);
