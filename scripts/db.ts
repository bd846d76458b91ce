// Database chores: `tsx scripts/db.ts migrate | seed [--books N] [--chapters N] | reset`.
// Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in .data/pg.
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { logger } from "@/lib/log";
import { loadSeedDemo, openDatabase, type SeedOptions } from "./lib/database";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { books: { type: "string" }, chapters: { type: "string" } },
});
const command = positionals[0];
if (command !== "migrate" && command !== "seed" && command !== "reset") {
  console.error("usage: tsx scripts/db.ts migrate | seed [--books N] [--chapters N] | reset");
  process.exit(2);
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got "${value}"`);
    process.exit(2);
  }
  return n;
}
const seedOptions: SeedOptions = {
  books: positiveInt("books", values.books),
  chaptersPerBook: positiveInt("chapters", values.chapters),
  log: (m) => logger.info(m),
};

async function runMigrate(url: string) {
  const { applied } = await migrate(url, { log: (m) => logger.info(m) });
  logger.info(applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
}

async function runSeed(url: string) {
  const seedDemo = await loadSeedDemo();
  if (!seedDemo) throw new Error("prisma/seed/index.ts does not export seedDemo yet");
  await seedDemo(url, seedOptions);
  logger.info("seeded the demo catalog");
}

async function resetSchema(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE");
    await client.query("CREATE SCHEMA public");
  } finally {
    await client.end();
  }
  logger.info("dropped and recreated schema public");
}

const database = await openDatabase((m) => logger.debug(m));
let exitCode = 0;
try {
  if (command === "reset") await resetSchema(database.url);
  await runMigrate(database.url);
  if (command === "seed" || command === "reset") await runSeed(database.url);
} catch (error) {
  logger.error(error instanceof Error ? error.message : String(error));
  exitCode = 1;
} finally {
  await database.stop();
}
process.exit(exitCode);
