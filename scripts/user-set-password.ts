// `npm run user:set-password -- --email reader@example.com`
// Sets an account's password and signs it out everywhere: the way back in for someone who lost
// theirs (the site sends no e-mail). The password is asked for with hidden input on a terminal,
// or read from standard input otherwise:
//   printf '%s\n' "$PASSWORD" | npm run user:set-password -- --email ops@example.com
import { parseArgs } from "node:util";
import { setUserPassword } from "@/lib/auth/create-user";
import { createPrismaClient } from "@/lib/db/client";
import { openDatabase } from "./lib/database";
import { readNewPassword } from "./lib/password-input";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: "string" } }, strict: true });
  if (!values.email) {
    console.error("usage: npm run user:set-password -- --email ADDRESS");
    return 2;
  }
  const password = await readNewPassword("user:set-password");
  if (password === null) return 2;

  const database = await openDatabase(() => {});
  const db = createPrismaClient(database.url);
  try {
    const result = await setUserPassword(db, { email: values.email, password });
    if (!result.ok) {
      console.error(`user:set-password: ${result.errors.join("; ")}`);
      return 1;
    }
    console.log(`user:set-password: new password for ${result.user.email}; its sessions have ended`);
    return 0;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

process.exitCode = await main();
