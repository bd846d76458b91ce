import pg from "pg";

// The bench database as the traffic needs it: every public book (most read first, for the Zipf
// ranks) with its public chapters in reading order and their sub-page counts; and the publish
// stream's write: a chapter scheduled for now, which the site's own cron route then publishes.

export type Book = { id: number; chapters: Int32Array; pages: Uint8Array };

export async function loadCatalog(client: pg.Client): Promise<Book[]> {
  const { rows } = await client.query<{ id: number; ids: number[]; pages: number[] }>(`
    SELECT b.id, array_agg(c.id ORDER BY c.position) AS ids, array_agg(c."pageCount" ORDER BY c.position) AS pages
    FROM "Book" b
    JOIN "Chapter" c ON c."bookId" = b.id AND shuhai_chapter_is_public(c.status, c."deletedAt")
    WHERE shuhai_book_is_public(b."deletedAt", b."hiddenAt", b."chapterCount")
    GROUP BY b.id
    ORDER BY max(b."viewCount") DESC, b.id`);
  return rows.map((r) => ({
    id: r.id,
    chapters: Int32Array.from(r.ids),
    pages: Uint8Array.from(r.pages, (p) => Math.max(1, Math.min(255, p))),
  }));
}

const BODY = Array.from(
  { length: 12 },
  (_, i) => `压测发布的新章节，第${i + 1}段。风从海上吹来，城里的灯一盏一盏亮起。`,
).join("\n");

/** Appends a chapter to the book, due now (SCHEDULED, publishAt = now); its id. */
export async function scheduleChapterNow(client: pg.Client, bookId: number, title: string): Promise<number> {
  await client.query("BEGIN");
  try {
    // The same lock every author write and the publisher take, so positions stay 1..n.
    await client.query(`SELECT id FROM "Book" WHERE id = $1 FOR UPDATE`, [bookId]);
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO "Chapter" ("bookId", position, title, "wordCount", "pageCount", status, "publishAt", "updatedAt")
       SELECT $1, coalesce(max(position), 0) + 1, $2, $3, 1, 'SCHEDULED', now(), now()
       FROM "Chapter" WHERE "bookId" = $1 AND position > 0
       RETURNING id`,
      [bookId, title, BODY.length],
    );
    const id = rows[0]!.id;
    await client.query(`INSERT INTO "ChapterContent" ("chapterId", body, "authorNote") VALUES ($1, $2, '')`, [
      id,
      BODY,
    ]);
    await client.query("COMMIT");
    return id;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
