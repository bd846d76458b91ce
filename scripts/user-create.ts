// `npm run user:create -- --email you@example.com --role admin [--name 管理员]`
// Creates an account (the first administrator, typically). The password is asked for with
// hidden input on a terminal, or read from standard input otherwise:
//   printf '%s\n' "$PASSWORD" | npm run user:create -- --email ops@example.com --role admin
import { parseArgs } from "node:util";
import { z } from "zod";
import { createUser } from "@/lib/auth/create-user";
import { createPrismaClient } from "@/lib/db/client";
import { openDatabase } from "./lib/database";
import { readNewPassword } from "./lib/password-input";

const argsSchema = z
  .object({
    email: z.string({ error: "--email is required" }),
    role: z.enum(["reader", "author", "admin"]).default("reader"),
    name: z.string().optional(),
  })
  .strict();

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
    strict: true,
  });
  const args = argsSchema.safeParse(values);
  if (!args.success) {
    console.error(
      `user:create: ${args.error.issues.map((i) => `${i.path.join(".") || "args"}: ${i.message}`).join("; ")}`,
    );
    console.error("usage: npm run user:create -- --email ADDRESS [--role reader|author|admin] [--name NAME]");
    return 2;
  }

  const password = await readNewPassword("user:create");
  if (password === null) return 2;

  const database = await openDatabase(() => {});
  const db = createPrismaClient(database.url);
  try {
    const result = await createUser(db, {
      email: args.data.email,
      name: args.data.name ?? args.data.email.split("@")[0] ?? "",
      password,
      role: args.data.role.toUpperCase() as "READER" | "AUTHOR" | "ADMIN",
    });
    if (!result.ok) {
      console.error(`user:create: ${result.errors.join("; ")}`);
      return 1;
    }
    console.log(`user:create: created ${result.user.role} ${result.user.email} (id ${result.user.id})`);
    return 0;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

process.exitCode = await main();
