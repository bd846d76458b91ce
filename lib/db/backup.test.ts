import { randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { querySearch } from "@/lib/data/queries/search";
import { parseSearchQuery } from "@/lib/search/normalize";
import { createTestDatabase, queryRows as query, type TestDatabase } from "@/lib/test/database";
import {
  addChapter,
  addPublishedChapters,
  createBook,
  createCategory,
  createTag,
  createUser,
  createVolume,
} from "@/lib/test/fixtures";
import { BackupError, backupToFile, inspectBackup, restoreFromFile, writeBackup } from "./backup";
import { migrate, MIGRATIONS_DIR, readMigrations } from "./migrate";

// A backup taken with the site's own COPY-based archive (npm run db:backup) and restored into
// another database (npm run db:restore) gives back every table exactly: rows, bytes of a cover,
// Chinese text, trashed and scheduled chapters, the search index, and id sequences that continue.
// A bad archive, or one the database cannot take, changes nothing.

let source: TestDatabase;
let dir: string;
const targets: TestDatabase[] = [];

/** A database with no tables at all, as a new server's would be. */
async function emptyDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase({ template: null });
  targets.push(t);
  return t;
}

/** Every table's row count and a digest of its rows in a stable order. */
async function contents(url: string): Promise<Record<string, string>> {
  const tables = await query<{ name: string }>(
    url,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await query<{ n: string; digest: string | null }>(
      url,
      `SELECT count(*)::text AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM "${name}" t`,
    );
    out[name] = `${row!.n}:${row!.digest}`;
  }
  return out;
}

const hasTables = async (url: string) =>
  (await query<{ t: string | null }>(url, `SELECT to_regclass('public."Book"')::text AS t`))[0]!.t !== null;

const archive = (name: string) => path.join(dir, name);

/** The archive's frames, uncompressed (lib/db/backup.ts describes them). */
function frames(bytes: Buffer): { type: string; payload: Buffer }[] {
  const raw = gunzipSync(bytes);
  const out = [];
  for (let at = 0; at < raw.length;) {
    const length = raw.readUInt32BE(at + 1);
    out.push({ type: raw.toString("latin1", at, at + 1), payload: raw.subarray(at + 5, at + 5 + length) });
    at += 5 + length;
  }
  return out;
}

/** Frames back into an archive's uncompressed bytes. */
function framed(list: { type: string; payload: Buffer }[]): Buffer {
  return Buffer.concat(
    list.map(({ type, payload }) => {
      const head = Buffer.alloc(5);
      head.write(type, 0, "latin1");
      head.writeUInt32BE(payload.length, 1);
      return Buffer.concat([head, payload]);
    }),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "shuhai-backup-"));
  source = await createTestDatabase();
  const db = source.db;
  const author = await createUser(db, { name: "作者\u{1F468}\u200D\u{1F469}\u200D\u{1F467}" });
  await createUser(db, { role: "READER", disabledAt: new Date("2026-01-01T00:00:00Z") });
  const category = await createCategory(db);
  const tag = await createTag(db, { name: "玄幻" });
  const book = await createBook(db, { authorId: author.id, categoryId: category.id, title: "剑来·备份" });
  await db.bookTag.create({ data: { bookId: book.id, tagId: tag.id } });
  const volume = await createVolume(db, book.id, "第一卷 \t «引子»");
  await addPublishedChapters(db, book.id, 3);
  await addChapter(db, book.id, { title: "回收站", deletedAt: new Date(), volumeId: volume.id });
  const scheduled = await addChapter(db, book.id, { title: "定时", status: "DRAFT" });
  await db.chapter.update({ where: { id: scheduled.id }, data: { publishAt: new Date("2030-01-01T00:00:00Z") } });
  await addChapter(db, book.id, {
    title: "反斜杠 \\ 与换行 \u{20BB7}\u{1F600}\u0301\u200B",
    body: "第一段\n第二段\\n不是换行\r\n\t制表 \u{2A6D6} \uFEFF",
  });
  const bytes = randomBytes(4096);
  bytes[0] = 0; // a cover's bytes may hold anything, NUL included
  await db.coverImage.create({
    data: { bookId: book.id, width: 300, height: 400, version: "v1", contentType: "image/webp", bytes, sha256: "ab" },
  });
}, 60_000);

afterAll(async () => {
  for (const t of targets) await t.drop();
  await source?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("db:backup and db:restore", () => {
  it("give back every table exactly, in an empty database, with sequences that continue", async () => {
    const file = archive("full.shuhai");
    const made = await backupToFile(source.url, file, { secret: "s3cret-for-sessions" });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["full.shuhai"]);
    expect(made.rows.Book).toBe(1);
    expect(made.rows.CoverImage).toBe(1);
    expect(made.manifest.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect((await inspectBackup(file)).migrations).toEqual(made.manifest.migrations);

    const target = await emptyDatabase();
    const restored = await restoreFromFile(target.url, file);
    expect(restored.secret).toBe("s3cret-for-sessions");
    expect(restored.rows).toEqual(made.rows);
    expect(restored.migrated).toEqual([]);
    expect(await contents(target.url)).toEqual(await contents(source.url));

    // Every id sequence hands out an id after the restored ones.
    const sequences = await query<{ table: string; behind: boolean }>(
      target.url,
      `SELECT c.table_name AS table,
              (xpath('/row/m/text()', query_to_xml(format('SELECT max(%I) AS m FROM %I', c.column_name, c.table_name), false, true, '')))[1]::text::bigint
                >= nextval(pg_get_serial_sequence(format('%I', c.table_name), c.column_name)) AS behind
         FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND pg_get_serial_sequence(format('%I', c.table_name), c.column_name) IS NOT NULL`,
    );
    expect(sequences.length).toBeGreaterThan(5);
    expect(sequences.filter((s) => s.behind)).toEqual([]);
    const [maxBook] = await query<{ id: number }>(target.url, `SELECT max(id) AS id FROM "Book"`);
    const fresh = await target.db.book.create({
      data: {
        title: "新书",
        authorId: (await target.db.user.findFirstOrThrow()).id,
        categoryId: (await target.db.category.findFirstOrThrow()).id,
      },
    });
    expect(fresh.id).toBeGreaterThan(maxBook!.id);

    // The site's search finds the book by its Chinese title, and the triggers keep working.
    const found = await querySearch(target.db, parseSearchQuery("剑来"));
    expect(found.books.map((b) => b.title)).toEqual(["剑来·备份"]);
    const restoredBook = await target.db.book.findFirstOrThrow({ where: { title: "剑来·备份" } });
    await target.db.book.update({ where: { id: restoredBook.id }, data: { title: "雪中·备份" } });
    expect((await querySearch(target.db, parseSearchQuery("雪中"))).books.map((b) => b.id)).toEqual([restoredBook.id]);
  });

  it("reads one snapshot: a book committed while the backup runs is not in the archive", async () => {
    const live = await createTestDatabase();
    targets.push(live);
    // Incompressible, so the archive reaches its file while "User" streams, before "Book".
    const writer = await createUser(live.db, { bio: randomBytes(300_000).toString("base64") });
    await createBook(live.db, { authorId: writer.id, title: "备份之前" });
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let started = () => {};
    const writing = new Promise<void>((resolve) => (started = resolve));
    const chunks: Buffer[] = [];
    const paused = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        started();
        void released.then(() => done());
      },
    });
    const backup = writeBackup(live.url, paused);
    await writing;
    await createBook(live.db, { authorId: writer.id, title: "备份之后" });
    release();
    expect((await backup).rows.Book).toBe(1);

    writeFileSync(archive("snapshot.shuhai"), Buffer.concat(chunks));
    const target = await emptyDatabase();
    await restoreFromFile(target.url, archive("snapshot.shuhai"));
    expect(await target.db.book.findMany({ select: { title: true } })).toEqual([{ title: "备份之前" }]);
  });

  it("refuses a database that has accounts or books, unless forced", async () => {
    const file = archive("force.shuhai");
    await backupToFile(source.url, file);
    const target = await emptyDatabase();
    await migrate(target.url);
    await createUser(target.db, { name: "已有用户" });
    await expect(restoreFromFile(target.url, file)).rejects.toThrow(/already has accounts or books.*--force/);
    expect(await target.db.user.count()).toBe(1);
    await restoreFromFile(target.url, file, { force: true });
    expect(await contents(target.url)).toEqual(await contents(source.url));
  });

  it("changes nothing when the archive is cut short, damaged or not an archive", async () => {
    const file = archive("whole.shuhai");
    await backupToFile(source.url, file);
    const whole = readFileSync(file);

    // Valid deflate with one character changed and a wrong CRC, laid out so that gzip's trailer
    // (the CRC) comes alone in the last 64 KiB read of the file, after every frame: a restore must
    // read to the very end before it commits.
    const parts = frames(whole);
    const title = Buffer.from("剑来·备份");
    const book = parts.find((f) => f.type === "D" && f.payload.includes(title))!;
    Buffer.from("剑去·备份").copy(book.payload, book.payload.indexOf(title));
    const stored = (pad: number) =>
      gzipSync(framed([...parts.slice(0, -1), { type: "S", payload: Buffer.alloc(pad, 0x61) }, parts.at(-1)!]), {
        level: 0,
      });
    let pad = 0;
    while ((stored(pad).length - 8) % 65_536 !== 0) pad += 65_536 - ((stored(pad).length - 8) % 65_536);
    const tampered = stored(pad);
    tampered.writeUInt32LE((tampered.readUInt32LE(tampered.length - 8) ^ 1) >>> 0, tampered.length - 8);

    const migrated = await emptyDatabase();
    await migrate(migrated.url);
    await createCategory(migrated.db, { name: "原有分类" });
    const fresh = await emptyDatabase();
    const before = await contents(migrated.url);
    for (const [name, bytes] of [
      ["cut.shuhai", whole.subarray(0, Math.floor(whole.length * 0.7))],
      ["cut-inside-a-frame.shuhai", gzipSync(gunzipSync(whole).subarray(0, 3000))],
      ["tampered.shuhai", tampered],
      ["junk.shuhai", Buffer.from("not an archive at all")],
      ["foreign.gz", gzipSync(randomBytes(100_000))],
      ["empty.shuhai", Buffer.alloc(0)],
    ] as const) {
      writeFileSync(archive(name), bytes);
      await expect(restoreFromFile(migrated.url, archive(name)), name).rejects.toBeInstanceOf(BackupError);
      expect(await contents(migrated.url)).toEqual(before);
      // A new database is not even migrated.
      await expect(restoreFromFile(fresh.url, archive(name)), name).rejects.toBeInstanceOf(BackupError);
      expect(await hasTables(fresh.url), name).toBe(false);
    }
    await expect(restoreFromFile(fresh.url, archive("missing.shuhai"))).rejects.toThrow(/no such file/);
    await expect(restoreFromFile(fresh.url, archive("tampered.shuhai"))).rejects.toThrow(
      /nothing was restored: .*damaged/,
    );
  });

  it("refuses an archive of a newer format or with migrations this code does not have", async () => {
    const whole = readFileSync(archive("whole.shuhai"));
    const [head, ...rest] = frames(whole);
    const manifest = JSON.parse(head!.payload.toString("utf8")) as Record<string, unknown>;
    writeFileSync(
      archive("newer.shuhai"),
      gzipSync(
        framed([
          { type: "H", payload: Buffer.from(JSON.stringify({ ...manifest, format: "shuhai-backup/2" })) },
          ...rest,
        ]),
      ),
    );

    const other = await createTestDatabase();
    targets.push(other);
    await query(
      other.url,
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ('x', 'f00', now(), '29990101000000_from_the_future', now(), 1)`,
    );
    await backupToFile(other.url, archive("future.shuhai"));

    const target = await emptyDatabase();
    await expect(restoreFromFile(target.url, archive("newer.shuhai"))).rejects.toThrow(
      /newer Shuhai.*upgrade Shuhai first/,
    );
    await expect(restoreFromFile(target.url, archive("future.shuhai"))).rejects.toThrow(
      /another version of Shuhai.*upgrade Shuhai first/,
    );
    expect(await hasTables(target.url)).toBe(false);
  });

  it("restores an archive of an older version and migrates it forward; --force replaces a newer schema", async () => {
    const all = await readMigrations();
    const older = path.join(dir, "older-migrations");
    mkdirSync(older);
    for (const m of all.slice(0, -1))
      cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(older, m.name), { recursive: true });
    const old = await emptyDatabase();
    await migrate(old.url, { migrationsDir: older });
    // Rows written in the older schema's own terms: this code's Prisma client knows only the
    // newest schema, whose last migration may have added columns to these very tables.
    await query(
      old.url,
      `INSERT INTO "User" (email, name, "passwordHash", "updatedAt") VALUES ('old@example.test', '旧版作者', 'x', now())`,
    );
    await query(old.url, `INSERT INTO "Category" (slug, name, "nameEn") VALUES ('old', '旧', 'Old')`);
    await query(
      old.url,
      `INSERT INTO "Book" (title, "authorId", "categoryId", "updatedAt") SELECT '旧版的书', u.id, c.id, now() FROM "User" u, "Category" c`,
    );
    await backupToFile(old.url, archive("older.shuhai"));

    const fresh = await emptyDatabase();
    const restored = await restoreFromFile(fresh.url, archive("older.shuhai"));
    expect(restored.migrated).toEqual([all.at(-1)!.name]);
    expect(await fresh.db.book.findFirst({ select: { title: true } })).toEqual({ title: "旧版的书" });

    // A database already at this code's level (e.g. started once) cannot go back without --force.
    const current = await emptyDatabase();
    await migrate(current.url);
    await createUser(current.db, { name: "新库用户" });
    await expect(restoreFromFile(current.url, archive("older.shuhai"))).rejects.toThrow(/at migration .*--force/);
    expect(await current.db.user.count()).toBe(1);
    await restoreFromFile(current.url, archive("older.shuhai"), { force: true });
    expect(await contents(current.url)).toEqual(await contents(fresh.url));
  });

  it("leaves no file behind when a backup fails", async () => {
    const file = archive("failed.shuhai");
    await expect(backupToFile("postgresql://nobody:x@127.0.0.1:1/none", file)).rejects.toThrow();
    expect(existsSync(file) || existsSync(`${file}.partial`)).toBe(false);
    await expect(backupToFile(source.url, archive("whole.shuhai"))).rejects.toThrow(/already exists/);
  });
});
