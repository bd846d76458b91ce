import "server-only";
import { createPrismaClient, type Db } from "@/lib/db/client";

// One Prisma client (and one pg pool) per process, surviving dev-server module reloads.
const globalForDb = globalThis as unknown as { shuhaiDb?: Db };

export const db: Db = globalForDb.shuhaiDb ?? createPrismaClient();
globalForDb.shuhaiDb = db;
