import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";

const TEMPLATE_DATABASE = "shuhai_template";

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  return inject("databaseAdminUrl");
}

function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated, empty database of its own for one test file:
 *
 *   let t: TestDatabase;
 *   beforeAll(async () => { t = await createTestDatabase(); });
 *   afterAll(() => t.drop());
 */
export async function createTestDatabase(opts: { template?: string | null } = {}): Promise<TestDatabase> {
  const name = `shuhai_test_${randomBytes(6).toString("hex")}`;
  const template = opts.template === undefined ? TEMPLATE_DATABASE : opts.template;
  await admin(async (client) => {
    const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
        return;
      } catch (error) {
        // 55006: another file is cloning the template at this very moment.
        if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
      }
    }
  });
  const url = urlFor(name);
  const db = createPrismaClient(url);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

/** The rows of one SQL statement on the database at `url`, on a connection of its own. */
export async function queryRows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}
