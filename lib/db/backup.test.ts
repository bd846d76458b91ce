import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { BackupError, backupToFile, restoreFromFile } from "./backup";
import { migrate } from "./migrate";

// A backup taken with the site's own COPY-based archive (npm run db:backup) and restored into
// another database (npm run db:restore) gives back every table exactly: rows, bytes of a cover,
// Chinese text, trashed and scheduled chapters, the search index, and id sequences that continue.

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

const archive = (name: string) => path.join(dir, name);

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
  await addChapter(db, book.id, { title: "反斜杠 \\ 与换行", body: "第一段\n第二段\\n不是换行\r\n\t制表" });
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
    expect(made.rows.Book).toBe(1);
    expect(made.rows.CoverImage).toBe(1);

    const target = await emptyDatabase();
    const restored = await restoreFromFile(target.url, file);
    expect(restored.secret).toBe("s3cret-for-sessions");
    expect(restored.rows).toEqual(made.rows);
    expect(await contents(target.url)).toEqual(await contents(source.url));

    // New rows get ids after the restored ones, in every table with a sequence.
    const [maxBook] = await query<{ id: number }>(target.url, `SELECT max(id) AS id FROM "Book"`);
    const fresh = await target.db.book.create({
      data: {
        title: "新书",
        authorId: (await target.db.user.findFirstOrThrow()).id,
        categoryId: (await target.db.category.findFirstOrThrow()).id,
      },
    });
    expect(fresh.id).toBeGreaterThan(maxBook!.id);
    // The search index came back with the books, and its triggers work again afterwards.
    const search = await query<{ bookId: number }>(
      target.url,
      `SELECT "bookId" FROM "BookSearch" WHERE document LIKE '%剑来%'`,
    );
    expect(search.length).toBe(1);
    const restoredBook = await target.db.book.findFirstOrThrow({ where: { title: "剑来·备份" } });
    await target.db.book.update({ where: { id: restoredBook.id }, data: { title: "雪中·备份" } });
    const renamed = await query<{ n: number }>(
      target.url,
      `SELECT count(*)::int AS n FROM "BookSearch" WHERE document LIKE '%雪中%'`,
    );
    expect(renamed[0]!.n).toBe(1);
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
    const target = await emptyDatabase();
    await migrate(target.url);
    await createCategory(target.db, { name: "原有分类" });
    const before = await contents(target.url);
    for (const [name, bytes] of [
      ["cut.shuhai", whole.subarray(0, Math.floor(whole.length * 0.7))],
      ["junk.shuhai", Buffer.from("not an archive at all")],
    ] as const) {
      writeFileSync(archive(name), bytes);
      await expect(restoreFromFile(target.url, archive(name))).rejects.toBeInstanceOf(BackupError);
      expect(await contents(target.url)).toEqual(before);
    }
    await expect(restoreFromFile(target.url, archive("missing.shuhai"))).rejects.toThrow(/no such file/);
  });

  it("refuses an archive made by another version of Shuhai (migrations this code does not have)", async () => {
    const other = await createTestDatabase();
    targets.push(other);
    await query(
      other.url,
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ('x', 'f00', now(), '29990101000000_from_the_future', now(), 1)`,
    );
    const file = archive("future.shuhai");
    await backupToFile(other.url, file);
    const target = await emptyDatabase();
    await expect(restoreFromFile(target.url, file)).rejects.toThrow(/another version of Shuhai.*upgrade Shuhai first/);
    expect(await query(target.url, `SELECT to_regclass('public."Book"') AS t`)).toEqual([{ t: null }]);
  });
});
