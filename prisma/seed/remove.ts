// Takes the demo catalog out of a site that started with it: the users the seed created (their
// id range is recorded in SiteSetting DEMO_USERS_SETTING), every book they wrote with everything
// that hangs off those books (chapters, covers, stats, shelves, history: foreign keys cascade),
// and the demo site notice. Categories and tags stay: they are the site's structure, and the
// operator's own books use them. Everything added since by real accounts stays too.
//
// One transaction: it removes everything or nothing. It refuses to remove the demo admin while
// no other active admin exists, so the site is never left without one.
import pg from "pg";
import { DEMO_USERS_SETTING, SITE_NOTICE } from "./index";

export type RemoveDemoResult =
  { removed: false } | { removed: true; users: number; books: number; bookIds: number[]; authorIds: number[] };

export async function removeDemo(url: string): Promise<RemoveDemoResult> {
  const client = new pg.Client({ connectionString: url, application_name: "shuhai-remove-demo" });
  await client.connect();
  try {
    await client.query("BEGIN");
    // The recorded range is read under a lock, so two removals cannot interleave.
    const setting = await client.query<{ value: string }>(`SELECT value FROM "SiteSetting" WHERE key = $1 FOR UPDATE`, [
      DEMO_USERS_SETTING,
    ]);
    const range = /^(\d+)-(\d+)$/.exec(setting.rows[0]?.value ?? "");
    if (!range) {
      await client.query("ROLLBACK");
      return { removed: false };
    }
    const [first, last] = [Number(range[1]), Number(range[2])];
    const admins = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "User"
       WHERE role = 'ADMIN' AND "disabledAt" IS NULL AND id NOT BETWEEN $1 AND $2`,
      [first, last],
    );
    if ((admins.rows[0]?.n ?? 0) === 0) {
      throw new Error(
        "refusing to remove the demo: the demo admin is the only admin. Create your own first: " +
          "npm run user:create -- --email you@example.com --role admin",
      );
    }
    const books = await client.query<{ id: number; authorId: number }>(
      `DELETE FROM "Book" WHERE "authorId" BETWEEN $1 AND $2 RETURNING id, "authorId"`,
      [first, last],
    );
    const users = await client.query(`DELETE FROM "User" WHERE id BETWEEN $1 AND $2`, [first, last]);
    await client.query(`DELETE FROM "SiteSetting" WHERE key = $1 OR (key = 'site_notice' AND value = $2)`, [
      DEMO_USERS_SETTING,
      SITE_NOTICE,
    ]);
    await client.query("COMMIT");
    return {
      removed: true,
      users: users.rowCount ?? 0,
      books: books.rows.length,
      bookIds: books.rows.map((b) => b.id),
      authorIds: [...new Set(books.rows.map((b) => b.authorId))],
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
