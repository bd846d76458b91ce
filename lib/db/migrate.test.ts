import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, queryRows as query, type TestDatabase } from "@/lib/test/database";
import { MIGRATIONS_DIR, migrate, readMigrations } from "./migrate";

interface Row {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

const created: TestDatabase[] = [];
async function emptyDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase({ template: null });
  created.push(t);
  return t;
}

afterEach(async () => {
  await Promise.all(created.splice(0).map((t) => t.drop()));
});

const recorded = (url: string) =>
  query<Row>(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name, started_at`);

describe("migrate", () => {
  it("applies every migration to a fresh database and records it like prisma migrate deploy", async () => {
    const { url } = await emptyDatabase();
    const names = (await fs.readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();

    const { applied } = await migrate(url);

    expect(applied).toEqual(names);
    const rows = await recorded(url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const bytes = await fs.readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await query<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'Book'`,
    );
    expect(tables[0]?.n).toBe(1);
  });

  it("applies nothing when run again", async () => {
    const { url } = await emptyDatabase();
    await migrate(url);
    const before = await recorded(url);

    expect(await migrate(url)).toEqual({ applied: [] });
    expect(await recorded(url)).toEqual(before);
  });

  it("lets two concurrent starters both succeed while applying each migration once", async () => {
    const { url } = await emptyDatabase();
    const local = await readMigrations();

    const [a, b] = await Promise.all([migrate(url), migrate(url)]);

    expect([...a.applied, ...b.applied].sort()).toEqual(local.map((m) => m.name));
    expect(await recorded(url)).toHaveLength(local.length);
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const { url } = await emptyDatabase();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shuhai-migrations-"));
    try {
      await fs.cp(MIGRATIONS_DIR, dir, { recursive: true });
      await migrate(url, { migrationsDir: dir });
      const [first] = await readMigrations(dir);
      if (!first) throw new Error("no migrations");
      await fs.appendFile(path.join(dir, first.name, "migration.sql"), "\n-- edited\n");

      await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
        new RegExp(`${first.name} was modified after it was applied`),
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("rolls back a failing migration, records the attempt and applies the fixed file next time", async () => {
    const { url } = await emptyDatabase();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shuhai-migrations-"));
    try {
      await fs.cp(MIGRATIONS_DIR, dir, { recursive: true });
      const broken = path.join(dir, "29990101000000_broken");
      await fs.mkdir(broken);
      await fs.writeFile(path.join(broken, "migration.sql"), `CREATE TABLE "Half" (id INT);\nSELECT 1/0;\n`);
      await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(/29990101000000_broken failed/);
      const half = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`);
      expect(half).toHaveLength(0);

      await fs.writeFile(path.join(broken, "migration.sql"), `CREATE TABLE "Half" (id INT);\n`);
      expect((await migrate(url, { migrationsDir: dir })).applied).toEqual(["29990101000000_broken"]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses to run while a failed migration is left unresolved", async () => {
    const { url } = await emptyDatabase();
    await migrate(url);
    await query(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at)
       VALUES ('00000000-0000-4000-8000-000000000000', 'x', '29990101000000_half_done', now())`,
    );

    await expect(migrate(url)).rejects.toThrow(/29990101000000_half_done failed earlier/);
  });
});
