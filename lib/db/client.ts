import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Fields no query returns unless it names them in its `select`: a password hash never leaves the
 * database by accident (a findUnique of a user, an include, a JSON response built from a row).
 */
const OMIT = { user: { passwordHash: true } } as const;

export type Db = PrismaClient<never, typeof OMIT>;

export function databaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL is not set. Start the site with `npm start` (which runs the embedded database) or set DATABASE_URL.",
    );
  }
  return env.DATABASE_URL;
}

// Pool settings: a bounded pool, a wait limit for a free connection, and a server-side
// statement timeout so a runaway query cannot hold a connection for ever.
export function createPrismaClient(url = databaseUrl()): Db {
  const adapter = new PrismaPg({
    connectionString: url,
    max: env.DB_POOL_MAX,
    connectionTimeoutMillis: env.DB_ACQUIRE_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: env.DB_STATEMENT_TIMEOUT_MS,
    application_name: "shuhai",
  });
  return new PrismaClient({ adapter, omit: OMIT });
}
