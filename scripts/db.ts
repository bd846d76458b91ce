// Database chores. Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in .data/pg.
//   migrate                                  apply pending migrations
//   seed --demo [--books N] [--chapters N]   load the demo (or, with --books, the bench) catalog
//   reset [--demo]                           drop everything, migrate (and load the demo)
//   remove-demo                              take the demo catalog and its accounts away
//   backup [--out FILE] [--with-secret]      write the whole database to one archive file
//   restore FILE [--force] [--with-secret]   load an archive into an empty (or, forced, any) database
// Demo data is never loaded without --demo: it comes with an admin account.
import { chmod, mkdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { ALL_TAG, closeStore, expireTags, store } from "@/lib/cache/redis-store.mjs";
import { backupToFile, inspectBackup, restoreFromFile } from "@/lib/db/backup";
import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { describeDemoLogins } from "@/prisma/seed";
import { removeDemo } from "@/prisma/seed/remove";
import { BUILD_HASH_FILE } from "./lib/build-hash";
import { loadSeedDemo, ROOT, runWithDatabase, type SeedOptions } from "./lib/database";
import { existingSessionSecret } from "./lib/secret";

const USAGE =
  "usage: npm run db:migrate | db:seed -- --demo [--books N] [--chapters N] | db:reset [-- --demo] | db:remove-demo\n" +
  "       npm run db:backup [-- --out FILE] [--with-secret] | db:restore -- FILE [--force] [--with-secret]";
const COMMANDS = ["migrate", "seed", "reset", "remove-demo", "backup", "restore"] as const;
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    books: { type: "string" },
    chapters: { type: "string" },
    demo: { type: "boolean", default: false },
    out: { type: "string" },
    force: { type: "boolean", default: false },
    "with-secret": { type: "boolean", default: false },
  },
});
const command = positionals[0] as (typeof COMMANDS)[number];
if (!COMMANDS.includes(command) || (command === "restore" && !positionals[1])) {
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

/**
 * After the data changed under the site: the next `npm start` rebuilds (the build prerenders pages
 * from the database), and with REDIS_URL every shared page cache entry expires now.
 */
async function expirePageCaches() {
  await rm(path.join(ROOT, BUILD_HASH_FILE), { force: true });
  if (env.REDIS_URL) {
    await expireTags(store(env.REDIS_URL), [ALL_TAG]);
    closeStore(env.REDIS_URL);
  }
}

async function runRemoveDemo(url: string) {
  const result = await removeDemo(url);
  if (!result.removed) {
    logger.info("no demo catalog recorded in this database: nothing to remove");
    return;
  }
  await expirePageCaches();
  logger.info(
    `removed the demo catalog: ${result.books} books and ${result.users} accounts. ` +
      "Restart the site so no instance keeps demo pages in memory.",
  );
}

const DATA_DIR = path.join(ROOT, ".data");
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const totalRows = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);

async function runBackup(url: string) {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const file = path.resolve(values.out ?? path.join(ROOT, "backups", `shuhai-${stamp}.backup`));
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let secret: string | undefined;
  if (values["with-secret"]) {
    secret = await existingSessionSecret(env.NEXTAUTH_SECRET, DATA_DIR);
    if (!secret) throw new Error("--with-secret: NEXTAUTH_SECRET is not set and .data/secret holds no secret");
  }
  const started = Date.now();
  const { rows, manifest } = await backupToFile(url, file, { secret });
  const { size } = await stat(file);
  logger.info(
    `backed up ${totalRows(rows).toLocaleString("en")} rows of ${manifest.tables.length} tables ` +
      `(Shuhai ${manifest.appVersion}, migration ${manifest.migrations.at(-1)?.name}) to ${file}: ` +
      `${megabytes(size)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (secret) {
    logger.warn("the archive holds the session secret: whoever has it can sign in as anyone. Keep it like a password.");
  }
}

async function runRestore(url: string) {
  const file = path.resolve(positionals[1]!);
  const started = Date.now();
  const { rows, secret, migrated, manifest } = await restoreFromFile(url, file, {
    force: values.force,
    log: (m) => logger.info(m),
  });
  logger.info(
    `restored ${totalRows(rows).toLocaleString("en")} rows of ${manifest.tables.length} tables from ${file} ` +
      `(made ${manifest.createdAt}) in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      (migrated.length ? `, then applied ${migrated.length} newer migration(s)` : ""),
  );
  if (values["with-secret"]) {
    if (!secret) logger.warn("the archive holds no session secret (it was made without --with-secret)");
    else if (env.NEXTAUTH_SECRET) logger.warn("NEXTAUTH_SECRET is set and wins over the restored .data/secret");
    else {
      await mkdir(DATA_DIR, { recursive: true });
      await writeFile(path.join(DATA_DIR, "secret"), `${secret}\n`, { mode: 0o600 });
      await chmod(path.join(DATA_DIR, "secret"), 0o600);
      logger.info("restored the session secret into .data/secret: existing sessions stay signed in");
    }
  }
  await expirePageCaches();
  logger.info("Restart the site so no instance keeps pages of the old data in memory.");
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

// A restore reads the archive's manifest before it starts a database: a missing, foreign or
// too new archive changes nothing, not even by creating an embedded database.
if (command === "restore") {
  await inspectBackup(path.resolve(positionals[1]!)).catch((error: unknown) => {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}

await runWithDatabase(async (url) => {
  if (command === "backup") await runBackup(url);
  else if (command === "restore") await runRestore(url);
  else {
    if (command === "reset") await resetSchema(url);
    await runMigrate(url);
    if (command === "seed" || (command === "reset" && values.demo)) await runSeed(url);
    if (command === "remove-demo") await runRemoveDemo(url);
  }
});
