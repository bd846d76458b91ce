import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { TAGS } from "@/lib/data/cache-tags";
import { db } from "@/lib/db";
import { isId } from "@/lib/validation/ids";
import type { CommentList } from "@/lib/validation/comments";
import * as queries from "./queries";

// Cached public reads of comments, identical for every visitor. Tagged with the chapter's comments
// (a comment, like or deletion expires them) and with the chapter itself (leaving the public site
// takes its comments with it). Kept for minutes at most: likes and counts may lag that long.

export type { CommentCounts, CommentPage, CommentView, ThreadView } from "./queries";

/** The chapter and its book, when public: what the comment lists and the comments page need. */
export async function getCommentableChapter(chapterId: number) {
  if (!isId(chapterId)) return null;
  return commentableChapter(chapterId);
}

async function commentableChapter(chapterId: number) {
  "use cache";
  cacheTag(TAGS.chapter(chapterId), TAGS.comments(chapterId));
  cacheLife("minutes");
  return queries.queryCommentableChapter(db, chapterId);
}

export async function getCommentCounts(chapterId: number) {
  "use cache";
  cacheTag(TAGS.chapter(chapterId), TAGS.comments(chapterId));
  cacheLife("minutes");
  return queries.queryCommentCounts(db, chapterId);
}

export async function getThreads(chapter: { id: number; authorId: number }, list: CommentList) {
  "use cache";
  cacheTag(TAGS.chapter(chapter.id), TAGS.comments(chapter.id));
  cacheLife("minutes");
  return queries.queryThreads(db, chapter, list);
}

export async function getThread(chapter: { id: number; authorId: number }, commentId: number, after?: string) {
  "use cache";
  cacheTag(TAGS.chapter(chapter.id), TAGS.comments(chapter.id));
  cacheLife("minutes");
  const head = await queries.queryThreadHead(db, chapter, commentId);
  return head ? { head, replies: await queries.queryReplies(db, chapter, commentId, after) } : null;
}
