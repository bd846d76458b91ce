import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/client";
import { translate } from "@/lib/i18n/messages";
import { displayNameSchema, emailSchema, newPasswordSchema } from "@/lib/validation/auth";
import { zodFieldErrors } from "@/lib/validation/field-errors";
import { z } from "zod";
import { sessionUserSelect, type SessionUser } from "./credentials";
import { hashPassword } from "./password";

const operatorInputSchema = z
  .object({
    email: emailSchema,
    name: displayNameSchema,
    password: newPasswordSchema,
    role: z.enum(["READER", "AUTHOR", "ADMIN"]),
  })
  .strict();

/** An operator's errors, in the site's language: "field: message". */
function describeErrors(error: z.ZodError): string[] {
  return Object.entries(zodFieldErrors(error, "auth")).flatMap(([field, list]) =>
    list.map((e) => `${field}: ${translate(e.key, e.values)}`),
  );
}

/**
 * Creates an account with any role, for operators (scripts/user-create.ts): the same rules for
 * address, name and password as the register form. Returns readable errors instead of throwing.
 */
export async function createUser(
  db: Db,
  input: { email: string; name: string; password: string; role: Role },
): Promise<{ ok: true; user: SessionUser } | { ok: false; errors: string[] }> {
  const parsed = operatorInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: describeErrors(parsed.error) };
  const { email, name, password, role } = parsed.data;
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    return { ok: false, errors: [`email: ${translate("auth.errors.emailTaken")}`] };
  }
  const user = await db.user.create({
    data: { email, name, role, passwordHash: await hashPassword(password) },
    select: sessionUserSelect,
  });
  return { ok: true, user };
}

const setPasswordSchema = z.object({ email: emailSchema, password: newPasswordSchema }).strict();

/**
 * Sets an account's password, for operators (scripts/user-set-password.ts: the way back in for
 * someone who lost theirs, the site sending no e-mail): the register form's password rules, and
 * every session of the account ends at once (sessionVersion), as when its owner changes it.
 */
export async function setUserPassword(
  db: Db,
  input: { email: string; password: string },
): Promise<{ ok: true; user: SessionUser } | { ok: false; errors: string[] }> {
  const parsed = setPasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: describeErrors(parsed.error) };
  const { email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const updated = await db.user.updateManyAndReturn({
    where: { email },
    data: { passwordHash, sessionVersion: { increment: 1 } },
    select: sessionUserSelect,
  });
  const user = updated[0];
  return user ? { ok: true, user } : { ok: false, errors: [`email: no account has the address ${email}`] };
}
