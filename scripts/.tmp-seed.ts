import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/prisma/seed";
import pg from "pg";
const url = "postgresql://postgres:shuhai-local@127.0.0.1:54361/bench";
await migrate(url);
const r = await seedDemo(url, { books: 100000, chaptersPerBook: 1, log: console.log });
console.log(r);
const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query("VACUUM ANALYZE"); await c.end();
console.log("done");
