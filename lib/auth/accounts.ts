import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AuthErrorKey, changePasswordSchema, registerSchema } from "@/lib/validation/auth";
import { sessionUserSelect, type SessionUser } from "./credentials";
import { hashPassword, verifyPassword } from "./password";

export type AccountResult =
  { ok: true; user: SessionUser } | { ok: false; field: "email" | "currentPassword"; error: AuthErrorKey };

/**
 * Creates a reader account from parsed register input. The role is always READER: nothing a
 * visitor sends can choose it. A taken address (in any letter case: addresses are stored
 * lower-cased) is a field error, also when two sign-ups race.
 */
export async function registerAccount(db: Db, input: z.output<typeof registerSchema>): Promise<AccountResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { email: input.email, name: input.name, passwordHash, role: "READER" },
      select: sessionUserSelect,
    });
    return { ok: true, user };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, field: "email", error: "emailTaken" };
    }
    throw error;
  }
}

/**
 * Changes the signed-in user's password after checking the current one, and bumps
 * sessionVersion so every other session of the account stops working at once. Returns the
 * user with the new version, for re-issuing the caller's own session.
 */
export async function changePassword(
  db: Db,
  userId: number,
  input: Pick<z.output<typeof changePasswordSchema>, "currentPassword" | "newPassword">,
): Promise<AccountResult> {
  const current = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, disabledAt: true } });
  if (!current || current.disabledAt || !(await verifyPassword(current.passwordHash, input.currentPassword))) {
    return { ok: false, field: "currentPassword", error: "currentPasswordWrong" };
  }
  const user = await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.newPassword), sessionVersion: { increment: 1 } },
    select: sessionUserSelect,
  });
  return { ok: true, user };
}

/** Ends every session of a user ("sign out everywhere", disabling an account). */
export async function invalidateSessions(db: Db, userId: number): Promise<SessionUser> {
  return db.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: sessionUserSelect,
  });
}

/**
 * A reader becomes an author when they create their first book: call this in the same
 * transaction as the book's insert. Authors and admins keep their role. True when promoted.
 */
export async function becomeAuthor(db: Pick<Db, "user">, userId: number): Promise<boolean> {
  const promoted = await db.user.updateMany({ where: { id: userId, role: "READER" }, data: { role: "AUTHOR" } });
  return promoted.count > 0;
}
