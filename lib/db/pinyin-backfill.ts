import type pg from "pg";
import { titlePinyin } from "@/lib/search/pinyin";

/** The migration that adds the columns: the backfill runs only where it is applied. */
export const TITLE_PINYIN_MIGRATION = "20261207110000_title_pinyin";

/** Books per UPDATE: one round trip computes and writes this many. */
export const PINYIN_BATCH = 5000;

/**
 * Computes the title pinyin of every book that has none yet ("titlePinyin" IS NULL: books from
 * before 20261207110000_title_pinyin, rows restored from an older backup), in batches in id order
 * on the partial index of such rows. Costs one index probe when there is nothing to do. Returns
 * how many books it filled in.
 */
export async function backfillTitlePinyin(client: pg.ClientBase, batch = PINYIN_BATCH): Promise<number> {
  let done = 0;
  let after = 0;
  for (;;) {
    const { rows } = await client.query<{ id: number; title: string }>(
      `SELECT id, title FROM "Book" WHERE "titlePinyin" IS NULL AND id > $1 ORDER BY id LIMIT $2`,
      [after, batch],
    );
    if (rows.length === 0) return done;
    const computed = rows.map((r) => titlePinyin(r.title));
    await client.query(
      `UPDATE "Book" AS b SET "titlePinyin" = v.p, "titleInitials" = v.i
         FROM unnest($1::int[], $2::text[], $3::text[]) AS v(id, p, i)
        WHERE b.id = v.id AND b."titlePinyin" IS NULL`,
      [rows.map((r) => r.id), computed.map((c) => c.titlePinyin), computed.map((c) => c.titleInitials)],
    );
    done += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
