import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { publicBookSql, publicChapterSql, publicChapterWhere } from "@/lib/data/queries/filters";

// What a download holds, read from the database: the book's public face and its public chapters
// in reading order. `version` names that content: a hash, computed in one query, of everything
// a file shows (title, intro, author's name, language, cover, the volumes, and for every public
// chapter its id, place, volume, title, word count and last edit time: an edit to a chapter's
// text touches `updatedAt`). A publish, an edit, a move or a rename gives a new version; a
// change to another book, a view or a follower does not. The files are stored under it
// (lib/downloads/store.ts), so nothing has to remember to expire them.

export const DOWNLOAD_FORMATS = ["txt", "epub"] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

// Bump when the generators write something else for the same book: every file is made again.
const GENERATOR_REVISION = "1";

export type DownloadBook = {
  id: number;
  title: string;
  intro: string;
  language: string;
  coverUrl: string | null;
  author: string;
  downloadsEnabled: boolean;
  chapterCount: number;
  /** When what a download shows last changed. */
  modifiedAt: Date;
  version: string;
};

type Row = Omit<DownloadBook, "version"> & { chapters: string; volumes: string };

/** The public book `bookId` as its downloads show it, or null when it is not public. */
export async function readDownloadBook(db: Db, bookId: number): Promise<DownloadBook | null> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT b.id, b.title, b.intro, b.language, b."coverUrl", b."downloadsEnabled", u.name AS author,
           ch.count AS "chapterCount", greatest(b."updatedAt", ch.modified) AS "modifiedAt",
           ch.digest AS chapters, vol.digest AS volumes
    FROM "Book" b
    JOIN "User" u ON u.id = b."authorId"
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS count, max(c."updatedAt") AS modified,
             md5(coalesce(string_agg(concat_ws(':', c.id, c.position, c."volumeId", c."wordCount",
                   to_char(c."updatedAt", 'YYYYMMDDHH24MISSUS'), c.title), E'\n' ORDER BY c.position), '')) AS digest
      FROM "Chapter" c
      WHERE c."bookId" = b.id AND ${publicChapterSql("c")}
    ) ch
    CROSS JOIN LATERAL (
      SELECT md5(coalesce(string_agg(concat_ws(':', v.id, v.position, v.title), E'\n' ORDER BY v.position), '')) AS digest
      FROM "Volume" v
      WHERE v."bookId" = b.id
    ) vol
    WHERE b.id = ${bookId} AND ${publicBookSql("b")}`;
  const row = rows[0];
  if (!row) return null;
  const { chapters, volumes, ...book } = row;
  const version = createHash("sha256")
    .update(
      JSON.stringify([
        GENERATOR_REVISION,
        book.title,
        book.intro,
        book.language,
        book.coverUrl,
        book.author,
        chapters,
        volumes,
      ]),
    )
    .digest("hex")
    .slice(0, 32);
  return { ...book, version };
}

export type DownloadChapter = {
  id: number;
  position: number;
  title: string;
  volumeId: number | null;
  body: string;
};

/** Chapters whose bodies one query reads: a 2,000-chapter book never sits in memory at once. */
export const CHAPTER_BATCH = 100;

/** The book's public chapters with their text, in reading order, a batch at a time. */
export async function* publicChapterBatches(
  db: Db,
  bookId: number,
  batch = CHAPTER_BATCH,
): AsyncGenerator<DownloadChapter[]> {
  let after = 0;
  for (;;) {
    const rows = await db.chapter.findMany({
      where: { bookId, ...publicChapterWhere, position: { gt: after } },
      orderBy: { position: "asc" },
      take: batch,
      select: { id: true, position: true, title: true, volumeId: true, content: { select: { body: true } } },
    });
    if (rows.length === 0) return;
    yield rows.map(({ content, ...c }) => ({ ...c, body: content?.body ?? "" }));
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.position;
  }
}

/** The book's volume titles by id. */
export async function volumeTitles(db: Db, bookId: number): Promise<Map<number, string>> {
  const rows = await db.volume.findMany({ where: { bookId }, select: { id: true, title: true } });
  return new Map(rows.map((v) => [v.id, v.title]));
}

/** A stable urn:uuid for the book (a name-based UUID of the site and the book's id). */
export function bookUuid(siteUrl: string, bookId: number): string {
  const bytes = createHash("sha256").update(`shuhai:${siteUrl}:book:${bookId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether a BCP 47 tag is Chinese (its paragraphs are indented by two characters). */
export function isChinese(language: string): boolean {
  return /^zh(-|$)/i.test(language);
}
