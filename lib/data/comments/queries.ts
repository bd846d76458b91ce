import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { publicBookWhere, publicChapterWhere } from "@/lib/data/queries/filters";
import { COMMENT_PAGE_SIZE, REPLIES_SHOWN, type CommentList } from "@/lib/validation/comments";

// Public reads of a chapter's comments: identical for every visitor (a reader's blocks are
// applied in the browser), so they are cached and served with public caching (lib/data/comments/public.ts).
// Every list is a keyset page on an index of Comment (prisma/schema.prisma), never an OFFSET.

/** What any list shows of a comment. Dates as ISO strings: the JSON and the page show the same. */
export type CommentView = {
  id: number;
  body: string;
  /** The paragraph it is about (0-based), null for the chapter as a whole. */
  paragraph: number | null;
  /** Its paragraph was edited away: shown with a mark, under no paragraph. */
  orphaned: boolean;
  likeCount: number;
  replyCount: number;
  createdAt: string;
  user: { id: number; name: string };
  /** Written by the book's author (作者). */
  byAuthor: boolean;
};

export type ThreadView = CommentView & { replies: CommentView[] };

export type CommentPage<T> = { items: T[]; next: string | null };

/** The chapter, when public, with what comments need of it. */
export async function queryCommentableChapter(db: Db, chapterId: number) {
  return db.chapter.findFirst({
    where: { id: chapterId, ...publicChapterWhere, book: publicBookWhere },
    select: { id: true, bookId: true, title: true, book: { select: { authorId: true, title: true } } },
  });
}

const VISIBLE = Prisma.sql`c."hiddenAt" IS NULL AND c."deletedAt" IS NULL`;

type Row = Omit<CommentView, "createdAt" | "user" | "byAuthor"> & {
  createdAt: Date;
  parentId: number | null;
  userId: number;
  userName: string;
};

const COLUMNS = Prisma.sql`c.id, c.body, c.paragraph, c.orphaned, c."likeCount", c."replyCount", c."createdAt",
  c."parentId", c."userId", u.name AS "userName"`;

function view(row: Row, authorId: number): CommentView {
  return {
    id: row.id,
    body: row.body,
    paragraph: row.paragraph,
    orphaned: row.orphaned,
    likeCount: row.likeCount,
    replyCount: row.replyCount,
    createdAt: row.createdAt.toISOString(),
    user: { id: row.userId, name: row.userName },
    byAuthor: row.userId === authorId,
  };
}

/** A cursor: the last row's sort key and id, as the next page's request sends it back. */
function cursorOf(row: Row, sort: CommentList["sort"]): string {
  return `${sort === "top" ? row.likeCount : row.createdAt.getTime()}.${row.id}`;
}

function parseCursor(cursor: string | undefined): { key: number; id: number } | null {
  const m = cursor === undefined ? null : /^(\d{1,15})\.(\d{1,10})$/.exec(cursor);
  return m ? { key: Number(m[1]), id: Number(m[2]) } : null;
}

/**
 * One page of a chapter's top-level comments (of one paragraph, or all of them), newest or most
 * liked first, each with its first replies (oldest first).
 */
export async function queryThreads(
  db: Db,
  chapter: { id: number; authorId: number },
  list: CommentList,
): Promise<CommentPage<ThreadView>> {
  const after = parseCursor(list.after);
  const paragraph = list.paragraph === undefined ? Prisma.empty : Prisma.sql`AND c.paragraph = ${list.paragraph}`;
  const order =
    list.sort === "top"
      ? { by: Prisma.sql`c."likeCount" DESC, c.id DESC`, key: Prisma.sql`c."likeCount"` }
      : { by: Prisma.sql`c."createdAt" DESC, c.id DESC`, key: Prisma.sql`c."createdAt"` };
  const afterKey =
    after === null ? null : list.sort === "top" ? Prisma.sql`${after.key}::int` : Prisma.sql`${new Date(after.key)}`;
  const keyset =
    after === null || afterKey === null
      ? Prisma.empty
      : Prisma.sql`AND (${order.key}, c.id) < (${afterKey}, ${after.id})`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM "Comment" c JOIN "User" u ON u.id = c."userId"
    WHERE c."chapterId" = ${chapter.id} AND c."parentId" IS NULL AND ${VISIBLE} ${paragraph} ${keyset}
    ORDER BY ${order.by} LIMIT ${COMMENT_PAGE_SIZE + 1}`;
  const page = rows.slice(0, COMMENT_PAGE_SIZE);
  const replies = await queryFirstReplies(
    db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((row) => ({
      ...view(row, chapter.authorId),
      replies: (replies.get(row.id) ?? []).map((r) => view(r, chapter.authorId)),
    })),
    next: rows.length > COMMENT_PAGE_SIZE ? cursorOf(page.at(-1)!, list.sort) : null,
  };
}

/** The first REPLIES_SHOWN replies of each comment, oldest first: one index range per comment. */
async function queryFirstReplies(db: Db, parentIds: number[]): Promise<Map<number, Row[]>> {
  if (parentIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM unnest(${parentIds}::int[]) AS p(id)
    CROSS JOIN LATERAL (
      SELECT * FROM "Comment" c WHERE c."parentId" = p.id AND ${VISIBLE}
      ORDER BY c."createdAt", c.id LIMIT ${REPLIES_SHOWN}
    ) c JOIN "User" u ON u.id = c."userId"
    ORDER BY c."createdAt", c.id`;
  const out = new Map<number, Row[]>();
  for (const row of rows) out.set(row.parentId!, [...(out.get(row.parentId!) ?? []), row]);
  return out;
}

/** One page of a comment's replies, oldest first, after a cursor. */
export async function queryReplies(
  db: Db,
  chapter: { id: number; authorId: number },
  parentId: number,
  cursor: string | undefined,
): Promise<CommentPage<CommentView>> {
  const after = parseCursor(cursor);
  const keyset =
    after === null ? Prisma.empty : Prisma.sql`AND (c."createdAt", c.id) > (${new Date(after.key)}, ${after.id})`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM "Comment" c JOIN "User" u ON u.id = c."userId"
    WHERE c."parentId" = ${parentId} AND c."chapterId" = ${chapter.id} AND ${VISIBLE} ${keyset}
    ORDER BY c."createdAt", c.id LIMIT ${COMMENT_PAGE_SIZE + 1}`;
  const page = rows.slice(0, COMMENT_PAGE_SIZE);
  return {
    items: page.map((row) => view(row, chapter.authorId)),
    next: rows.length > COMMENT_PAGE_SIZE ? cursorOf(page.at(-1)!, "new") : null,
  };
}

/** The top-level comment `id` of the chapter, when visible: a thread's head. */
export async function queryThreadHead(db: Db, chapter: { id: number; authorId: number }, id: number) {
  const rows = await db.$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM "Comment" c JOIN "User" u ON u.id = c."userId"
    WHERE c.id = ${id} AND c."chapterId" = ${chapter.id} AND c."parentId" IS NULL AND ${VISIBLE}`;
  return rows[0] ? view(rows[0], chapter.authorId) : null;
}

export type CommentCounts = {
  /** Every visible comment and reply of the chapter. */
  total: number;
  /** Per paragraph (0-based index as a key), comments and their replies; none for orphaned ones. */
  paragraphs: Record<string, number>;
};

/** The chapter's comment counts: one index range, grouped by paragraph. */
export async function queryCommentCounts(db: Db, chapterId: number): Promise<CommentCounts> {
  const rows = await db.$queryRaw<{ paragraph: number | null; count: number }[]>`
    SELECT CASE WHEN c.orphaned THEN NULL ELSE c.paragraph END AS paragraph, count(*)::int AS count
    FROM "Comment" c WHERE c."chapterId" = ${chapterId} AND ${VISIBLE}
    GROUP BY 1`;
  const paragraphs: Record<string, number> = {};
  let total = 0;
  for (const row of rows) {
    total += row.count;
    if (row.paragraph !== null) paragraphs[String(row.paragraph)] = row.count;
  }
  return { total, paragraphs };
}
