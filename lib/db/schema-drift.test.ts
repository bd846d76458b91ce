import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { diffSchema, loadDatamodel } from "@/lib/test/schema-diff";

// prisma/migrations is hand-written (Prisma Migrate needs its schema engine, see README "How it is built"); this
// proves the migrated database is exactly what prisma/schema.prisma describes.

type Datamodel = Awaited<ReturnType<typeof loadDatamodel>>;
let datamodel: Datamodel;
let migrated: TestDatabase;

beforeAll(async () => {
  [datamodel, migrated] = await Promise.all([loadDatamodel(), createTestDatabase()]);
});
afterAll(() => migrated?.drop());

async function execute(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("the migrated database", () => {
  it("matches prisma/schema.prisma: tables, columns, types, nullability, defaults, keys, indexes, enums", async () => {
    expect(datamodel.models.length).toBeGreaterThan(10);
    expect(await diffSchema(migrated.url, datamodel)).toEqual([]);
  });

  it("works with the generated Prisma client", async () => {
    const user = await migrated.db.user.create({
      data: { email: "drift@example.com", name: "Drift", passwordHash: "x" },
    });
    expect(user.role).toBe("READER");
    await migrated.db.user.delete({ where: { id: user.id } });
  });
});

describe("the drift check itself", () => {
  let scratch: TestDatabase;
  beforeAll(async () => {
    scratch = await createTestDatabase();
  });
  afterAll(() => scratch?.drop());

  it("reports a dropped index, a changed column, an extra enum value and a changed foreign key", async () => {
    await execute(
      scratch.url,
      `DROP INDEX "Book_categoryId_lastPublishedAt_idx";
       ALTER TABLE "Book" ALTER COLUMN "coverUrl" SET NOT NULL;
       ALTER TABLE "Chapter" ALTER COLUMN "title" TYPE VARCHAR(100);
       ALTER TABLE "User" ALTER COLUMN "bio" DROP DEFAULT;
       ALTER TYPE "BookStatus" ADD VALUE 'DROPPED';
       DROP INDEX "ShelfEntry_userId_updatedAt_idx";
       CREATE INDEX "ShelfEntry_userId_updatedAt_idx" ON "ShelfEntry"("userId", "updatedAt");
       ALTER TABLE "Chapter" DROP CONSTRAINT "Chapter_volumeId_fkey";
       ALTER TABLE "Chapter" ADD CONSTRAINT "Chapter_volumeId_fkey" FOREIGN KEY ("volumeId") REFERENCES "Volume"("id");
       ALTER TABLE "Tag" ADD COLUMN "extra" INT;
       DROP INDEX "BookSearch_tokens_idx";`,
    );

    const problems = await diffSchema(scratch.url, datamodel);

    const expected = [
      /^index Book_categoryId_lastPublishedAt_idx: missing/,
      /^column Book\.coverUrl: NOT NULL, schema says optional/,
      /^column Chapter\.title: type character varying\(100\), schema says character varying\(200\)/,
      /^column User\.bio: default missing/,
      /^enum BookStatus: values ONGOING,COMPLETED,HIATUS,DROPPED/,
      /^index ShelfEntry_userId_updatedAt_idx: INDEX ON ShelfEntry\(userId, updatedAt\), schema says .*updatedAt DESC/,
      /^foreign key Chapter_volumeId_fkey: .*ON DELETE NoAction .*schema says .*ON DELETE SetNull/,
      /^column Tag\.extra: not in the schema/,
      /^index BookSearch_tokens_idx: missing/,
    ];
    for (const pattern of expected) expect(problems).toContainEqual(expect.stringMatching(pattern));
    expect(problems).toHaveLength(expected.length);
  });
});
