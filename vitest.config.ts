import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // `server-only` throws outside a React server bundle; tests import server modules directly.
      { find: /^server-only$/, replacement: `${root}lib/test/empty-module.ts` },
    ],
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["e2e/**", "node_modules/**", ".next/**", ".data/**"],
    // One embedded PostgreSQL for the whole run; each test file clones a migrated template.
    globalSetup: ["lib/test/global-setup.ts"],
    // Two test files at a time even on a 2-CPU machine (Vitest's default leaves one CPU free): the
    // files wait on PostgreSQL much of the time. Files that listen on a fixed port keep to ranges
    // of their own, below the ephemeral ports the others are given.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
