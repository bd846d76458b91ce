import pg from "pg";
import { countPages } from "@/lib/text/paginate";

export type RecountResult = { chapters: number; changed: number };

// Recomputes Chapter.pageCount from the bodies at `pageChars` characters per sub-page, in keyset
// batches over chapter ids so memory stays flat on millions of chapters. Only rows whose count
// changed are written.
export async function recountChapterPages(
  url: string,
  pageChars: number,
  { batchSize = 2000, log = () => {} }: { batchSize?: number; log?: (m: string) => void } = {},
): Promise<RecountResult> {
  const client = new pg.Client({ connectionString: url, application_name: "shuhai-recount-pages" });
  await client.connect();
  let chapters = 0;
  let changed = 0;
  try {
    let after = 0;
    for (;;) {
      const { rows } = await client.query<{ id: number; pageCount: number; body: string | null }>(
        `SELECT c.id, c."pageCount", cc.body
           FROM "Chapter" c LEFT JOIN "ChapterContent" cc ON cc."chapterId" = c.id
          WHERE c.id > $1 ORDER BY c.id LIMIT $2`,
        [after, batchSize],
      );
      const last = rows.at(-1);
      if (!last) break;
      after = last.id;
      chapters += rows.length;
      const ids: number[] = [];
      const counts: number[] = [];
      for (const r of rows) {
        const count = countPages(r.body ?? "", pageChars);
        if (count !== r.pageCount) {
          ids.push(r.id);
          counts.push(count);
        }
      }
      if (ids.length > 0) {
        // updatedAt stays: the text did not change, only how it is split.
        await client.query(
          `UPDATE "Chapter" c SET "pageCount" = v.n FROM unnest($1::int[], $2::int[]) AS v(id, n) WHERE c.id = v.id`,
          [ids, counts],
        );
        changed += ids.length;
      }
      log(`recount-pages: ${chapters} chapters checked, ${changed} changed`);
    }
  } finally {
    await client.end();
  }
  return { chapters, changed };
}
