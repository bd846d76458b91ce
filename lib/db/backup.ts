import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { migrate, readMigrations } from "./migrate";

// A backup of the whole database in one file, made and read with PostgreSQL's COPY, so it needs
// no pg_dump (the embedded PostgreSQL ships none, and a pg_dump older than the server refuses to
// run). The archive is gzip over a sequence of frames (a type byte, a 4-byte length, a payload):
//
//   H  manifest (JSON): format, when, the server's version, the applied migrations with their
//      checksums, the tables with their columns
//   T  a table starts (JSON: its name)         D  a chunk of its rows, in COPY's text format
//   E  the table ends (JSON: name, rows)       S  the session secret, only when asked for
//   Z  the end (JSON: every table's row count): an archive without it was cut short
//
// COPY's text format, not its binary one: it is the same across PostgreSQL versions, and a
// restore into a newer server reads it. Rows are streamed through, so memory stays flat however
// large the database. The backup reads one snapshot (REPEATABLE READ READ ONLY), so the site can
// keep serving and writing while it runs.

export const BACKUP_FORMAT = "shuhai-backup/1";

export interface BackupManifest {
  format: string;
  createdAt: string;
  serverVersion: string;
  migrations: { name: string; checksum: string }[];
  tables: { name: string; columns: string[] }[];
}

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
  await client.connect();
  const gzip = createGzip();
  const piped = pipeline(gzip, out);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: version } = await client.query<{ server_version: string }>("SHOW server_version");
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
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

/** Writes a backup to `file`, readable by its owner only (it holds every account's password hash). */
export async function backupToFile(url: string, file: string, opts: { secret?: string } = {}): Promise<BackupSummary> {
  return writeBackup(url, createWriteStream(file, { mode: 0o600, flags: "wx" }), opts);
}

interface Frame {
  type: string;
  payload: Buffer;
}

/** The frames of an archive, read as they arrive; a torn frame or a bad type is an error. */
async function* readFrames(input: Readable): AsyncGenerator<Frame> {
  let buffer: Buffer = Buffer.alloc(0);
  const gunzip = createGunzip();
  input.on("error", (error) => gunzip.destroy(error));
  try {
    for await (const chunk of input.pipe(gunzip) as AsyncIterable<Buffer>) {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      while (buffer.length >= 5) {
        const length = buffer.readUInt32BE(1);
        if (buffer.length < 5 + length) break;
        const type = buffer.toString("latin1", 0, 1);
        if (!"HTDESZ".includes(type))
          throw new BackupError(`not a Shuhai backup, or a damaged one (frame type ${JSON.stringify(type)})`);
        yield { type, payload: buffer.subarray(5, 5 + length) };
        buffer = buffer.subarray(5 + length);
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "Z_DATA_ERROR" || code === "Z_BUF_ERROR") {
      throw new BackupError("the archive is not a gzip file, or it is damaged or cut short");
    }
    if (code === "ENOENT") throw new BackupError(`no such file: ${(error as { path?: string }).path ?? ""}`);
    throw error;
  }
  if (buffer.length > 0) throw new BackupError("the archive is cut short (it ends inside a frame)");
}

function parseJson<T>(frame: Frame): T {
  try {
    return JSON.parse(frame.payload.toString("utf8")) as T;
  } catch {
    throw new BackupError(`the archive is damaged (frame ${frame.type} is not JSON)`);
  }
}

export interface RestoreOptions {
  /** Replace the data of a database that already has accounts or books. */
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
 * Restores the archive `file` into the database at `url`, in one transaction: every table's rows
 * or none. The database must be empty (no accounts, no books) unless `force`; it is migrated to
 * the archive's level first, and to this code's level after.
 */
export async function restoreFromFile(url: string, file: string, opts: RestoreOptions = {}): Promise<RestoreSummary> {
  const log = opts.log ?? (() => {});
  const frames = readFrames(createReadStream(file));
  const first = await frames.next();
  if (first.done || first.value.type !== "H") throw new BackupError("not a Shuhai backup (no manifest at its start)");
  const manifest = parseJson<BackupManifest>(first.value);
  if (manifest.format !== BACKUP_FORMAT) {
    throw new BackupError(
      `this archive's format is ${JSON.stringify(manifest.format)}; this version of Shuhai reads ${BACKUP_FORMAT}`,
    );
  }
  await checkMigrations(manifest);

  const client = new pg.Client({ connectionString: url, application_name: "shuhai-restore" });
  await client.connect();
  try {
    const applied = await appliedMigrations(client);
    const archived = manifest.migrations.map((m) => m.name);
    if (applied.length === 0) {
      const last = archived[archived.length - 1]!;
      await migrate(url, { upTo: last, log });
    } else if (applied.map((m) => m.name).join() !== archived.join()) {
      throw new BackupError(
        `the database is at migration ${applied[applied.length - 1]?.name}, the archive at ${archived[archived.length - 1]}: ` +
          "restore into an empty database (it is migrated to the archive's level, then to this version's)",
      );
    }
    const { rows: used } = await client.query<{ used: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "User") OR EXISTS (SELECT 1 FROM "Book") AS used`,
    );
    if (used[0]?.used && !opts.force) {
      throw new BackupError("the database already has accounts or books: restore replaces them only with --force");
    }
    const tables = await tablesInOrder(client);
    const known = new Set(tables.map((t) => t.name));
    for (const t of manifest.tables) {
      if (!known.has(t.name)) throw new BackupError(`the archive has a table the database lacks: ${t.name}`);
    }

    await client.query("BEGIN");
    try {
      await client.query(`TRUNCATE ${tables.map((t) => quote(t.name)).join(", ")} RESTART IDENTITY CASCADE`);
      const { rows, secret } = await loadTables(client, manifest, frames);
      await resetSequences(
        client,
        tables.map((t) => t.name),
      );
      await client.query("COMMIT");
      const { applied: migrated } = await migrate(url, { log });
      return { manifest, rows, secret, migrated };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    await client.end();
  }
}

/** The archive's migrations must be this code's first migrations, byte for byte. */
async function checkMigrations(manifest: BackupManifest): Promise<void> {
  const local = await readMigrations();
  if (manifest.migrations.length === 0) throw new BackupError("the archive records no migrations");
  manifest.migrations.forEach((m, i) => {
    const mine = local[i];
    if (!mine || mine.name !== m.name) {
      throw new BackupError(
        `the archive was made by another version of Shuhai: its migration ${m.name} is not this version's` +
          (mine ? ` (${mine.name})` : " (this version has fewer migrations: upgrade Shuhai first)"),
      );
    }
    if (mine.checksum !== m.checksum)
      throw new BackupError(`the archive's migration ${m.name} differs from this version's`);
  });
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
    for await (const f of frames) {
      if (f.type === "T") {
        const { name } = parseJson<{ name: string }>(f);
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
        const end = parseJson<{ name: string; rows: number }>(f);
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
        const end = parseJson<{ rows: Record<string, number> }>(f);
        for (const t of manifest.tables) {
          if (end.rows[t.name] !== rows[t.name])
            throw new BackupError(`the archive is damaged: table ${t.name} is missing rows`);
        }
        return { rows, secret };
      } else {
        throw new BackupError(`the archive is damaged (unexpected frame ${f.type})`);
      }
    }
    throw new BackupError("the archive is cut short: it ends before its last table (nothing was restored)");
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
