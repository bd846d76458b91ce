import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { logger } from "@/lib/log";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { env } from "@/lib/env";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const EMBEDDED_DATA_DIR = env.SHUHAI_DATA_DIR
  ? path.resolve(env.SHUHAI_DATA_DIR)
  : path.join(ROOT, ".data", "pg");

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

type Log = (m: string) => void;

// DATABASE_URL when set, otherwise the embedded PostgreSQL in .data/pg (started here).
export async function openDatabase(log: Log): Promise<Database> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dataDir: EMBEDDED_DATA_DIR,
    port: env.EMBEDDED_DB_PORT,
    log,
  });
  return { url: server.url, embedded: true, stop: server.stop };
}

/**
 * A script's whole run against the database: opened, the work done, stopped again, and the
 * process ends with 0, or 1 after the error's message.
 */
export async function runWithDatabase(work: (url: string) => Promise<void>): Promise<never> {
  const database = await openDatabase((m) => logger.debug(m));
  let exitCode = 0;
  try {
    await work(database.url);
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    exitCode = 1;
  } finally {
    await database.stop();
  }
  process.exit(exitCode);
}

/** True for a database nobody has used yet: no accounts and no books. */
export async function isUnused(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ used: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "User") OR EXISTS (SELECT 1 FROM "Book") AS used`,
    );
    return rows[0]?.used === false;
  } finally {
    await client.end();
  }
}

export interface SeedOptions {
  books?: number;
  chaptersPerBook?: number;
  demoPassword?: string;
  log?: Log;
}
type SeedDemo = (url: string, opts?: SeedOptions) => Promise<{ demoPassword: string }>;

const SEED_MODULE = path.join(ROOT, "prisma", "seed", "index.ts");

// The seed module is optional at run time: without it the site starts with an empty catalog.
export async function loadSeedDemo(): Promise<SeedDemo | undefined> {
  if (!existsSync(SEED_MODULE)) return undefined;
  const mod = (await import(pathToFileURL(SEED_MODULE).href)) as { seedDemo?: SeedDemo };
  return mod.seedDemo;
}
