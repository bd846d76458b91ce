import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

export const TEMPLATE_DATABASE = "shuhai_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the test cluster's `postgres` database (superuser), for CREATE/DROP DATABASE. */
    databaseAdminUrl: string;
  }
}

// One throw-away PostgreSQL per test run, in a fresh temp directory on a free port, with a
// migrated template database that every test file clones (lib/test/database.ts).
export default async function setup(project: TestProject) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shuhai-test-"));
  // As root, PostgreSQL runs as the `postgres` user, which must reach the data directory.
  await fs.chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: 0,
    database: TEMPLATE_DATABASE,
    ephemeral: true,
  });
  try {
    await migrate(server.url);
  } catch (error) {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  project.provide("databaseAdminUrl", server.adminUrl);

  return async () => {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  };
}
