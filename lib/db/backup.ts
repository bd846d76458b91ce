import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { z } from "zod";
import packageJson from "@/package.json";
import {
  BACKUP_FORMAT_VERSION,
  backupEndSchema,
  backupFormatSchema,
  backupManifestSchema,
  backupTableEndSchema,
  backupTableStartSchema,
  type BackupManifest,
} from "@/lib/validation/backup";
import { migrate, migrateWithin, readMigrations, type LocalMigration } from "./migrate";

// A backup of the whole database in one file, made and read with PostgreSQL's COPY, so it needs
// no pg_dump (the embedded PostgreSQL ships none, and a pg_dump older than the server refuses to
// run). The archive is gzip over a sequence of frames (a type byte, a 4-byte length, a payload):
//
//   H  manifest (JSON, lib/validation/backup.ts): format, the app's version, when, the server's
//      version, the applied migrations with their checksums, the tables with their columns
//   T  a table starts (JSON: its name)         D  a chunk of its rows, in COPY's text format
//   E  the table ends (JSON: name, rows)       S  the session secret, only when asked for
//   Z  the end (JSON: every table's row count): an archive without it was cut short
//
// The row counts come at the end, not in the manifest: counting first would read every table
// twice. gzip's CRC over the whole archive is checked before a restore commits.
//
// COPY's text format, not its binary one: it is the same across PostgreSQL versions, and a
// restore into a newer server reads it. Rows are streamed through, so memory stays flat however
// large the database. The backup reads one snapshot (REPEATABLE READ READ ONLY), so the site can
// keep serving and writing while it runs.

export const BACKUP_FORMAT = `shuhai-backup/${BACKUP_FORMAT_VERSION}`;
export type { BackupManifest };

export interface BackupSummary {
  manifest: BackupManifest;
  rows: Record<string, number>;
  withSecret: boolean;
}

export class BackupError extends Error {
  override name = "BackupError";
}

const MIGRATIONS_TABLE = "_prisma_migrations";
const NEWLINE = 0x0a;
const FRAME_TYPES = "HTDESZ";
// COPY hands out rows in chunks of about 64 kB and the manifest is a few kB: a larger length is
// damage (or another file), and reading on would only fill memory.
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

function frame(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}
const json = (type: string, value: unknown) => frame(type, Buffer.from(JSON.stringify(value), "utf8"));

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, "drain");
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The site's tables, parents before the tables that refer to them. */
async function tablesInOrder(client: pg.Client): Promise<{ name: string; columns: string[] }[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1 ORDER BY tablename`,
    [MIGRATIONS_TABLE],
  );
  const { rows: refs } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const unquote = (name: string) => name.replace(/^"(.*)"$/, "$1").replace(/""/g, '"');
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const ref of refs) {
    const child = unquote(ref.child);
    const parent = unquote(ref.parent);
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name)) return;
    if (path.has(name)) throw new BackupError(`the tables' foreign keys form a cycle at ${name}`);
    path.add(name);
    for (const parent of [...(parents.get(name) ?? [])].sort()) visit(parent, path);
    path.delete(name);
    ordered.push(name);
  };
  for (const { name } of tables) visit(name, new Set());
  const result = [];
  for (const name of ordered) {
    const { rows } = await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      [name],
    );
    result.push({ name, columns: rows.map((r) => r.column_name) });
  }
  return result;
}

async function appliedMigrations(client: pg.Client): Promise<{ name: string; checksum: string }[]> {
  const exists = await client.query(`SELECT to_regclass($1) AS t`, [`public.${MIGRATIONS_TABLE}`]);
  if (!exists.rows[0]?.t) return [];
  const { rows } = await client.query<{ name: string; checksum: string }>(
    `SELECT migration_name AS name, checksum FROM ${quote(MIGRATIONS_TABLE)}
      WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name`,
  );
  return rows;
}

/** Writes the database at `url` to `out` (gzip is applied here). */
export async function writeBackup(url: string, out: Writable, opts: { secret?: string } = {}): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: url, application_name: "shuhai-backup" });
  const gzip = createGzip();
  const piped = pipeline(gzip, out);
  try {
    await client.connect();
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: version } = await client.query<{ server_version: string }>("SHOW server_version");
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      appVersion: packageJson.version,
      createdAt: new Date().toISOString(),
      serverVersion: version[0]?.server_version ?? "",
      migrations: await appliedMigrations(client),
      tables: await tablesInOrder(client),
    };
    if (manifest.migrations.length === 0)
      throw new BackupError("the database has no migrations applied: nothing to back up");
    await write(gzip, json("H", manifest));
    const rows: Record<string, number> = {};
    for (const table of manifest.tables) {
      await write(gzip, json("T", { name: table.name }));
      const columns = table.columns.map(quote).join(", ");
      const stream: Readable = client.query(copyTo(`COPY ${quote(table.name)} (${columns}) TO STDOUT`));
      let count = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        // In COPY's text format a row ends with a newline, and a newline inside a value is escaped.
        for (const byte of chunk) if (byte === NEWLINE) count++;
        await write(gzip, frame("D", chunk));
      }
      rows[table.name] = count;
      await write(gzip, json("E", { name: table.name, rows: count }));
    }
    if (opts.secret) await write(gzip, frame("S", Buffer.from(opts.secret, "utf8")));
    await write(gzip, json("Z", { rows }));
    await client.query("COMMIT");
    gzip.end();
    await piped;
    return { manifest, rows, withSecret: Boolean(opts.secret) };
  } catch (error) {
    gzip.destroy(error as Error);
    await piped.catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Writes a backup to `file`, readable by its owner only (it holds every account's password hash).
 * It is written as `<file>.partial` and renamed once complete and on disk, so a backup that fails
 * or is killed never leaves a file by the name an operator (or a cleanup job) takes for a backup.
 */
export async function backupToFile(url: string, file: string, opts: { secret?: string } = {}): Promise<BackupSummary> {
  if (existsSync(file)) throw new BackupError(`${file} already exists`);
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { mode: 0o600, flags: "wx" });
  await once(out, "open");
  try {
    const summary = await writeBackup(url, out, opts);
    await fsync(partial);
    await rename(partial, file);
    await fsync(path.dirname(file));
    return summary;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function fsync(file: string): Promise<void> {
  const handle = await open(file, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

interface Frame {
  type: string;
  payload: Buffer;
}

/** The frames of an archive, read as they arrive; a torn frame or a bad type is an error. */
async function* readFrames(file: string): AsyncGenerator<Frame> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on("error", (error) => gunzip.destroy(error));
  let buffer: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of input.pipe(gunzip) as AsyncIterable<Buffer>) {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      while (buffer.length >= 5) {
        const type = buffer.toString("latin1", 0, 1);
        const length = buffer.readUInt32BE(1);
        if (!FRAME_TYPES.includes(type) || length > MAX_FRAME_BYTES)
          throw new BackupError("not a Shuhai backup, or a damaged one (a frame has a bad type or length)");
        if (buffer.length < 5 + length) break;
        yield { type, payload: buffer.subarray(5, 5 + length) };
        buffer = buffer.subarray(5 + length);
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "Z_BUF_ERROR") throw new BackupError("the archive is cut short (copied or written only in part?)");
    if (code === "Z_DATA_ERROR") throw new BackupError("the archive is not a gzip file, or it is damaged");
    if (code === "ENOENT") throw new BackupError(`no such file: ${file}`);
    if (code === "EISDIR") throw new BackupError(`${file} is a folder, not an archive`);
    if (code === "EACCES") throw new BackupError(`cannot read ${file} (permission denied)`);
    throw error;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  if (buffer.length > 0) throw new BackupError("the archive is cut short (it ends inside a frame)");
}

function parseJson<S extends z.ZodType>(frame: Frame, schema: S): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(frame.payload.toString("utf8"));
  } catch {
    throw new BackupError(`the archive is damaged (frame ${frame.type} is not JSON)`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BackupError(`the archive is damaged (frame ${frame.type} is not what it should be)`);
  return parsed.data;
}

/** The manifest, checked: a format this code reads, and migrations this code has. */
async function readManifest(
  frames: AsyncGenerator<Frame>,
): Promise<{ manifest: BackupManifest; migrations: LocalMigration[] }> {
  const first = await frames.next();
  if (first.done || first.value.type !== "H") throw new BackupError("not a Shuhai backup (no manifest at its start)");
  const { format } = parseJson(first.value, backupManifestSchema.pick({ format: true }));
  const version = Number(backupFormatSchema.parse(format).split("/")[1]);
  if (version !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      version > BACKUP_FORMAT_VERSION
        ? `the archive was made by a newer Shuhai (format ${format}; this version reads ${BACKUP_FORMAT}): upgrade Shuhai first`
        : `the archive's format ${format} is older than this version of Shuhai reads (${BACKUP_FORMAT})`,
    );
  }
  const manifest = parseJson(first.value, backupManifestSchema);
  return { manifest, migrations: await archivedMigrations(manifest) };
}

/** Checks the archive at `file` without touching any database: its manifest, format and migrations. */
export async function inspectBackup(file: string): Promise<BackupManifest> {
  const frames = readFrames(file);
  try {
    return (await readManifest(frames)).manifest;
  } finally {
    await frames.return(undefined);
  }
}

/** The archive's migrations must be this code's first migrations, byte for byte: those are returned. */
async function archivedMigrations(manifest: BackupManifest): Promise<LocalMigration[]> {
  const local = await readMigrations();
  return manifest.migrations.map((m, i) => {
    const mine = local[i];
    if (!mine || mine.name !== m.name) {
      throw new BackupError(
        `the archive was made by another version of Shuhai: its migration ${m.name} is not this version's` +
          (mine ? ` (${mine.name})` : " (this version has fewer migrations: upgrade Shuhai first)"),
      );
    }
    if (mine.checksum !== m.checksum)
      throw new BackupError(
        `the archive's migration ${m.name} differs from this version's (another version of Shuhai)`,
      );
    return mine;
  });
}

export interface RestoreOptions {
  /** Replace the data (and, at another migration level, the schema) of a database already in use. */
  force?: boolean;
  log?: (message: string) => void;
}

export interface RestoreSummary {
  manifest: BackupManifest;
  rows: Record<string, number>;
  /** The session secret, when the archive holds one. */
  secret: string | null;
  /** Migrations newer than the archive, applied after the restore. */
  migrated: string[];
}

/**
 * Restores the archive `file` into the database at `url`, in one transaction: the schema at the
 * archive's migration level, every table's rows, the sequences, or nothing at all. The database
 * must be empty (no accounts, no books) unless `force`; afterwards it is migrated to this code's level.
 */
export async function restoreFromFile(url: string, file: string, opts: RestoreOptions = {}): Promise<RestoreSummary> {
  const log = opts.log ?? (() => {});
  const frames = readFrames(file);
  try {
    const { manifest, migrations } = await readManifest(frames);
    const client = new pg.Client({ connectionString: url, application_name: "shuhai-restore" });
    await client.connect();
    let loaded: { rows: Record<string, number>; secret: string | null };
    try {
      await client.query("BEGIN");
      try {
        const tables = await prepareSchema(client, migrations, opts.force ?? false, log);
        const known = new Set(tables.map((t) => t.name));
        for (const t of manifest.tables) {
          if (!known.has(t.name)) throw new BackupError(`the archive has a table the database lacks: ${t.name}`);
        }
        await client.query(`TRUNCATE ${tables.map((t) => quote(t.name)).join(", ")} RESTART IDENTITY CASCADE`);
        loaded = await loadTables(client, manifest, frames);
        await resetSequences(
          client,
          tables.map((t) => t.name),
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw explain(error);
      }
    } finally {
      await client.end();
    }
    const { applied: migrated } = await migrate(url, { log });
    return { manifest, ...loaded, migrated };
  } finally {
    await frames.return(undefined);
  }
}

/** A failure inside the restore's transaction, with PostgreSQL's note of where (e.g. `COPY Book, line 3`). */
function explain(error: unknown): Error {
  if (!(error instanceof Error)) return new BackupError(`nothing was restored: ${String(error)}`);
  const where = (error as { where?: string }).where;
  return new BackupError(`nothing was restored: ${error.message}${where ? ` (${where.split("\n")[0]})` : ""}`, {
    cause: error,
  });
}

/**
 * Brings the database to the archive's migration level inside the restore's transaction and
 * returns its tables. A database without migrations is migrated; one at another level is refused,
 * or with `force` its schema is dropped and made again. A used one is refused unless `force`.
 */
async function prepareSchema(
  client: pg.Client,
  archived: LocalMigration[],
  force: boolean,
  log: (message: string) => void,
): Promise<{ name: string; columns: string[] }[]> {
  const applied = (await appliedMigrations(client)).map((m) => m.name);
  const wanted = archived.map((m) => m.name);
  if (applied.length > 0 && applied.join() !== wanted.join()) {
    if (!force) {
      throw new BackupError(
        `the database is at migration ${applied.at(-1)}, the archive at ${wanted.at(-1)}: ` +
          "restore into a new, empty database, or add --force to replace this one's schema and data",
      );
    }
    log(`the database is at migration ${applied.at(-1)}: dropping its schema to restore the archive's`);
    await client.query("DROP SCHEMA public CASCADE");
    await client.query("CREATE SCHEMA public");
  }
  if (applied.length === 0 || applied.join() !== wanted.join()) {
    log(`migrating the database to the archive's level (${wanted.at(-1)})`);
    await migrateWithin(client, archived);
  }
  const { rows: used } = await client.query<{ used: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "User") OR EXISTS (SELECT 1 FROM "Book") AS used`,
  );
  if (used[0]?.used && !force) {
    throw new BackupError("the database already has accounts or books: restore replaces them only with --force");
  }
  return tablesInOrder(client);
}

async function loadTables(
  client: pg.Client,
  manifest: BackupManifest,
  frames: AsyncGenerator<Frame>,
): Promise<{ rows: Record<string, number>; secret: string | null }> {
  const rows: Record<string, number> = {};
  let secret: string | null = null;
  let copy: Writable | null = null;
  let table: { name: string; count: number } | null = null;
  try {
    return await readTables();
  } catch (error) {
    // A COPY cut off mid-way is abandoned (CopyFail), so the connection can roll back.
    // (TypeScript cannot see readTables assign `copy`.)
    const abandoned = copy as Writable | null;
    if (abandoned) {
      abandoned.destroy(error as Error);
      await once(abandoned, "close").catch(() => {});
    }
    throw error;
  }

  async function readTables(): Promise<{ rows: Record<string, number>; secret: string | null }> {
    let ended = false;
    // Read to the archive's very end, past its last frame: only then has gzip checked its CRC.
    for await (const f of frames) {
      if (ended) throw new BackupError(`the archive is damaged (frame ${f.type} after its end)`);
      if (f.type === "T") {
        if (copy) throw new BackupError("the archive is damaged (a table starts inside another)");
        const { name } = parseJson(f, backupTableStartSchema);
        const columns = manifest.tables.find((t) => t.name === name)?.columns;
        if (!columns) throw new BackupError(`the archive is damaged (table ${name} is not in its manifest)`);
        // The search index and other trigger-kept tables are restored as they were, not rebuilt.
        await client.query(`ALTER TABLE ${quote(name)} DISABLE TRIGGER USER`);
        copy = client.query(copyFrom(`COPY ${quote(name)} (${columns.map(quote).join(", ")}) FROM STDIN`));
        table = { name, count: 0 };
      } else if (f.type === "D") {
        if (!copy || !table) throw new BackupError("the archive is damaged (rows outside a table)");
        for (const byte of f.payload) if (byte === NEWLINE) table.count++;
        await write(copy, f.payload);
      } else if (f.type === "E") {
        if (!copy || !table) throw new BackupError("the archive is damaged (a table ends that never began)");
        const end = parseJson(f, backupTableEndSchema);
        copy.end();
        await once(copy, "finish");
        await client.query(`ALTER TABLE ${quote(table.name)} ENABLE TRIGGER USER`);
        if (end.name !== table.name || end.rows !== table.count) {
          throw new BackupError(
            `the archive is damaged: table ${table.name} should have ${end.rows} rows, it has ${table.count}`,
          );
        }
        rows[table.name] = table.count;
        copy = null;
        table = null;
      } else if (f.type === "S") {
        secret = f.payload.toString("utf8");
      } else if (f.type === "Z") {
        const end = parseJson(f, backupEndSchema);
        for (const t of manifest.tables) {
          if (end.rows[t.name] !== rows[t.name])
            throw new BackupError(`the archive is damaged: table ${t.name} is missing rows`);
        }
        ended = true;
      } else {
        throw new BackupError(`the archive is damaged (unexpected frame ${f.type})`);
      }
    }
    if (!ended) throw new BackupError("the archive is cut short: it ends before its last table (nothing was restored)");
    return { rows, secret };
  }
}

/** Every id sequence continues after the largest id restored. */
async function resetSequences(client: pg.Client, tables: string[]): Promise<void> {
  for (const table of tables) {
    const { rows } = await client.query<{ column_name: string; seq: string | null }>(
      `SELECT column_name, pg_get_serial_sequence($1, column_name) AS seq
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $2`,
      [quote(table), table],
    );
    for (const { column_name, seq } of rows) {
      if (!seq) continue;
      await client.query(
        `SELECT setval($1, COALESCE((SELECT max(${quote(column_name)}) FROM ${quote(table)}), 1),
                (SELECT max(${quote(column_name)}) IS NOT NULL FROM ${quote(table)}))`,
        [seq],
      );
    }
  }
}
