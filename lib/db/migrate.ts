import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { backfillTitlePinyin, TITLE_PINYIN_MIGRATION } from "./pinyin-backfill";

// Applies prisma/migrations/*/migration.sql and records each in `_prisma_migrations` exactly as
// `prisma migrate deploy` does, so either tool can take over a database the other migrated.
// (The Prisma CLI cannot download its schema engine offline; README "How it is built".)

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

// The key Prisma Migrate itself locks on, so this migrator and `prisma migrate deploy` also
// exclude each other.
const ADVISORY_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrateOptions {
  log?: (msg: string) => void;
  /** Defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
}

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<LocalMigration[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await fs.readFile(path.join(dir, name, "migration.sql"));
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
      };
    }),
  );
}

export async function migrate(url: string, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const migrations = await readMigrations(opts.migrationsDir);
  const client = new pg.Client({ connectionString: url, application_name: "shuhai-migrate" });
  await client.connect();
  try {
    // Session-level lock: a second starter waits here, then finds nothing left to apply.
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at
           FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const live = rows.filter((r) => r.rolled_back_at === null);
      checkApplied(live, migrations, log);

      const done = new Set(live.map((r) => r.migration_name));
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        await applyOne(client, migration);
        log(`applied migration ${migration.name}`);
        applied.push(migration.name);
      }
      // Data no SQL can compute: title pinyin (one index probe when there is nothing to do), once
      // the columns exist (a migrations directory of an older version has not got them).
      if (migrations.some((m) => m.name === TITLE_PINYIN_MIGRATION)) {
        const filled = await backfillTitlePinyin(client);
        if (filled > 0) log(`computed title pinyin for ${filled} books`);
      }
      return { applied };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

function checkApplied(live: AppliedRow[], local: LocalMigration[], log: (msg: string) => void) {
  const failed = live.find((r) => r.finished_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and was not rolled back. Fix the database by hand, then mark it rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}') or run \`prisma migrate resolve\`.`,
    );
  }
  const byName = new Map(local.map((m) => [m.name, m]));
  for (const row of live) {
    const migration = byName.get(row.migration_name);
    if (!migration) {
      log(`warning: migration ${row.migration_name} is applied in the database but missing locally`);
      continue;
    }
    if (migration.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was modified after it was applied (checksum ${row.checksum} in the database, ${migration.checksum} on disk). Restore the original file and add a new migration instead.`,
      );
    }
  }
}

/**
 * Applies `migrations` to a database that has none yet, inside the caller's open transaction: a
 * restore (lib/db/backup.ts) migrates an empty database and loads it in one, so a bad archive
 * leaves it exactly as it was. Waits for any migrator at work, as `migrate` does.
 */
export async function migrateWithin(client: pg.Client, migrations: LocalMigration[]): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [ADVISORY_LOCK_KEY]);
  await client.query(CREATE_MIGRATIONS_TABLE);
  for (const migration of migrations) await runAndRecord(client, migration, randomUUID());
}

async function runAndRecord(client: pg.Client, migration: LocalMigration, id: string) {
  await client.query(migration.sql);
  await client.query(
    `INSERT INTO "_prisma_migrations"
       (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
     VALUES ($1, $2, clock_timestamp(), $3, NULL, now(), 1)`,
    [id, migration.checksum, migration.name],
  );
}

async function applyOne(client: pg.Client, migration: LocalMigration) {
  const id = randomUUID();
  try {
    await client.query("BEGIN");
    await runAndRecord(client, migration, id);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    const message = error instanceof Error ? error.message : String(error);
    // The transaction left the schema untouched, so the attempt is recorded as rolled back:
    // the next run retries it once the file is fixed.
    await client.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, NULL, $3, $4, now(), now(), 0)`,
      [id, migration.checksum, migration.name, message],
    );
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`, {
      cause: error,
    });
  }
}
