import "server-only";
import { isResetTokenUsable } from "@/lib/auth/password-reset";
import { db } from "@/lib/db";

// What the account pages read (sign-in, registration and password reset are served to visitors
// who are not signed in yet), through the site's database client.

/** Whether a password reset link's token still works. */
export const isResetLinkUsable = (token: string) => isResetTokenUsable(db, token);
