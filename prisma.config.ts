import { defineConfig } from "prisma/config";

// The Prisma CLI is used for `prisma generate` only (see scripts/prisma-generate.ts);
// migrations are applied by lib/db/migrate.ts. The URL is here for tools that want it.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/shuhai" },
});
