// Database chores. Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in .data/pg.
//   migrate                                  apply pending migrations
//   seed --demo [--books N] [--chapters N]   load the demo (or, with --books, the bench) catalog
//   reset [--demo]                           drop everything, migrate (and load the demo)
//   remove-demo                              take the demo catalog and its accounts away
// Demo data is never loaded without --demo: it comes with an admin account.
import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { ALL_TAG, closeStore, expireTags, store } from "@/lib/cache/redis-store.mjs";
import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { describeDemoLogins } from "@/prisma/seed";
import { removeDemo } from "@/prisma/seed/remove";
import { BUILD_HASH_FILE } from "./lib/build-hash";
import { loadSeedDemo, openDatabase, ROOT, type SeedOptions } from "./lib/database";

const USAGE =
  "usage: npm run db:migrate | db:seed -- --demo [--books N] [--chapters N] | db:reset [-- --demo] | db:remove-demo";
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { books: { type: "string" }, chapters: { type: "string" }, demo: { type: "boolean", default: false } },
});
const command = positionals[0];
if (command !== "migrate" && command !== "seed" && command !== "reset" && command !== "remove-demo") {
  console.error(USAGE);
  process.exit(2);
}
if (command === "seed" && !values.demo) {
  console.error(
    "db:seed loads the demo catalog, with a demo admin account: say so with `npm run db:seed -- --demo`.\n" +
      "To start a real site, create its first admin instead: npm run user:create -- --email you@example.com --role admin",
  );
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
  demoPassword: env.DEMO_PASSWORD,
  log: (m) => logger.info(m),
};

async function runMigrate(url: string) {
  const { applied } = await migrate(url, { log: (m) => logger.info(m) });
  logger.info(applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
}

async function runSeed(url: string) {
  const seedDemo = await loadSeedDemo();
  if (!seedDemo) throw new Error("prisma/seed/index.ts does not export seedDemo yet");
  const { demoPassword } = await seedDemo(url, seedOptions);
  logger.warn(describeDemoLogins(env.DEMO_PASSWORD ? "given in DEMO_PASSWORD" : demoPassword));
}

async function runRemoveDemo(url: string) {
  const result = await removeDemo(url);
  if (!result.removed) {
    logger.info("no demo catalog recorded in this database: nothing to remove");
    return;
  }
  // Pages rendered from the demo must go too: the next `npm start` rebuilds (the build prerenders
  // pages from the database), and with REDIS_URL every shared page cache entry expires now.
  await rm(path.join(ROOT, BUILD_HASH_FILE), { force: true });
  if (env.REDIS_URL) {
    await expireTags(store(env.REDIS_URL), [ALL_TAG]);
    closeStore(env.REDIS_URL);
  }
  logger.info(
    `removed the demo catalog: ${result.books} books and ${result.users} accounts. ` +
      "Restart the site so no instance keeps demo pages in memory.",
  );
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
  if (command === "seed" || (command === "reset" && values.demo)) await runSeed(database.url);
  if (command === "remove-demo") await runRemoveDemo(database.url);
} catch (error) {
  logger.error(error instanceof Error ? error.message : String(error));
  exitCode = 1;
} finally {
  await database.stop();
}
process.exit(exitCode);
