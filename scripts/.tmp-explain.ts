import { createPrismaClient } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
const db = createPrismaClient("postgresql://postgres:shuhai-local@127.0.0.1:54361/bench");
const origQuery = db.$queryRaw.bind(db);
void origQuery;
const { querySearch } = await import("@/lib/data/queries/search");
const { parseSearchQuery } = await import("@/lib/search/normalize");
// Capture SQL by wrapping $queryRaw
const captured: Prisma.Sql[] = [];
(db as unknown as { $queryRaw: unknown }).$queryRaw = (strings: TemplateStringsArray, ...values: unknown[]) => { captured.push(Prisma.sql(strings, ...values)); return Promise.resolve([]); };
await querySearch(db, parseSearchQuery(process.argv[2]!));
const sql = captured[0]!;
const r = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, ...sql.values);
console.log(r.map((x) => x["QUERY PLAN"]).join("\n"));
await db.$disconnect();
