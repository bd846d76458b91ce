import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/data/authoring/actor";
import { updateChapter } from "@/lib/data/authoring/chapters";
import { TAGS } from "@/lib/data/cache-tags";
import { addChapter, createBook, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import {
  COMMENT_MAX,
  COMMENT_PAGE_SIZE,
  COMMENT_WINDOW_MS,
  COMMENTS_PER_WINDOW,
  COMMENTS_PER_WINDOW_NEW_ACCOUNT,
  REPLIES_SHOWN,
} from "@/lib/validation/comments";
import { newRequestId } from "@/lib/validation/create-request";
import { anchorMoves, paragraphAnchor } from "./anchors";
import { queryCommentCounts, queryReplies, queryThreads } from "./queries";
import { hideComment, listCommentsToModerate, restoreComment } from "./moderation";
import { deleteComment, likeComment, postComment, reportComment, unlikeComment } from "./write";
import { refused } from "@/lib/test/refused";

// The comment layer on a real database: places and anchors, replies, likes, counts, pages, and
// every refusal changing nothing.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const actorOf = (u: { id: number; role: Actor["role"] }): Actor => ({ id: u.id, role: u.role });
const reader = async () => actorOf(await createUser(t.db, { role: "READER" }));

/** A public chapter of three paragraphs, with its book's author. */
async function chapter(body = "第一段。\n第二段。\n第三段。") {
  const author = await createUser(t.db, { role: "AUTHOR" });
  const book = await createBook(t.db, { authorId: author.id });
  const c = await addChapter(t.db, book.id, { body });
  return { id: c.id, bookId: book.id, author: actorOf(author), view: { id: c.id, authorId: author.id } };
}

describe("posting", () => {
  it("a chapter comment, a paragraph comment and a reply: placed, anchored, counted, tagged", async () => {
    const c = await chapter();
    const me = await reader();
    const whole = await postComment(t.db, me, { chapterId: c.id, body: "好看！" });
    expect(whole.tags).toEqual([TAGS.comments(c.id)]);
    const onSecond = await postComment(t.db, me, { chapterId: `${c.id}`, paragraph: "1", body: "这一段写得妙" });
    const reply = await postComment(t.db, c.author, { chapterId: c.id, parentId: onSecond.commentId, body: "谢谢" });

    const row = await t.db.comment.findUniqueOrThrow({ where: { id: onSecond.commentId } });
    expect(row).toMatchObject({ paragraph: 1, anchor: paragraphAnchor("第二段。"), replyCount: 1, bookId: c.bookId });
    // A reply sits on its comment's paragraph.
    expect(await t.db.comment.findUniqueOrThrow({ where: { id: reply.commentId } })).toMatchObject({
      parentId: onSecond.commentId,
      paragraph: 1,
    });
    expect(await queryCommentCounts(t.db, c.id)).toEqual({ total: 3, paragraphs: { "1": 2 } });

    const page = await queryThreads(t.db, c.view, { sort: "new" });
    expect(page.items.map((i) => i.id)).toEqual([onSecond.commentId, whole.commentId]);
    expect(page.items[0]!.replies).toMatchObject([{ id: reply.commentId, byAuthor: true, body: "谢谢" }]);
    expect(page.items[0]!.byAuthor).toBe(false);
    expect((await queryThreads(t.db, c.view, { sort: "new", paragraph: 1 })).items.map((i) => i.id)).toEqual([
      onSecond.commentId,
    ]);
  });

  it("a reply to a reply answers the comment it is under: one level deep", async () => {
    const c = await chapter();
    const [a, b] = [await reader(), await reader()];
    const head = await postComment(t.db, a, { chapterId: c.id, body: "楼主" });
    const first = await postComment(t.db, b, { chapterId: c.id, parentId: head.commentId, body: "一楼" });
    const second = await postComment(t.db, a, { chapterId: c.id, parentId: first.commentId, body: "回一楼" });
    expect(await t.db.comment.findUniqueOrThrow({ where: { id: second.commentId } })).toMatchObject({
      parentId: head.commentId,
    });
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: head.commentId } })).replyCount).toBe(2);
  });

  it("cleans the text like a title, per line: bidi overrides and zero-width characters go, lines stay", async () => {
    const c = await chapter();
    const me = await reader();
    const { commentId } = await postComment(t.db, me, {
      chapterId: c.id,
      body: "  \u202E反转\u202C 文字\u200B \n\n<b>不是 HTML</b> https://example.com  ",
    });
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: commentId } })).body).toBe(
      "反转 文字\n<b>不是 HTML</b> https://example.com",
    );
  });

  it("once per request id; the same text again within minutes is a duplicate", async () => {
    const c = await chapter();
    const me = await reader();
    const requestId = newRequestId();
    const first = await postComment(t.db, me, { chapterId: c.id, body: "一次", requestId });
    expect(await postComment(t.db, me, { chapterId: c.id, body: "一次", requestId })).toEqual({
      commentId: first.commentId,
      chapterId: c.id,
      bookId: undefined,
      tags: [],
    });
    await refused(postComment(t.db, me, { chapterId: c.id, body: "一次" }), "CONFLICT", "comments.errors.duplicate");
    const later = new Date(Date.now() + 11 * 60 * 1000);
    await postComment(t.db, me, { chapterId: c.id, body: "一次" }, later);
    expect(await t.db.comment.count({ where: { chapterId: c.id } })).toBe(2);
  });

  it("refuses, changing nothing: an unpublished, trashed or hidden chapter, no such paragraph, bad text, forged fields", async () => {
    const c = await chapter();
    const me = await reader();
    const author = await createUser(t.db, { role: "AUTHOR" });
    const book = await createBook(t.db, { authorId: author.id });
    const draft = await addChapter(t.db, book.id, { status: "DRAFT" });
    const trashed = await addChapter(t.db, book.id, { deletedAt: new Date() });
    const hidden = await createPublishedBook(t.db, { authorId: author.id, hiddenAt: new Date() });
    const hiddenChapter = await t.db.chapter.findFirstOrThrow({ where: { bookId: hidden.id } });
    const before = await t.db.comment.count();

    for (const chapterId of [draft.id, trashed.id, hiddenChapter.id, 2_000_000_000]) {
      await refused(postComment(t.db, me, { chapterId, body: "看不到" }), "NOT_FOUND");
    }
    await refused(postComment(t.db, me, { chapterId: c.id, paragraph: 3, body: "越界" }), "INVALID", "notAParagraph");
    await refused(
      postComment(t.db, me, { chapterId: c.id, body: "   \u200B " }),
      "INVALID",
      "comments.errors.required",
    );
    await refused(postComment(t.db, me, { chapterId: c.id, body: "a\u0000b" }), "INVALID", "nulCharacter");
    await refused(postComment(t.db, me, { chapterId: c.id, body: "字".repeat(COMMENT_MAX + 1) }), "INVALID", "tooLong");
    await refused(postComment(t.db, me, { chapterId: c.id, body: "😀".repeat(1600) }), "INVALID", "tooManyBytes");
    await refused(postComment(t.db, me, { chapterId: c.id, body: "x", userId: 1 }), "INVALID", "unknownField");
    await refused(postComment(t.db, me, { chapterId: "1e3", body: "x" }), "INVALID", "comments.errors.invalid");
    await refused(
      postComment(t.db, me, { chapterId: c.id, parentId: 2_000_000_000, body: "回复不存在的" }),
      "NOT_FOUND",
    );
    const other = await chapter();
    const elsewhere = await postComment(t.db, me, { chapterId: other.id, body: "别章" });
    await refused(postComment(t.db, me, { chapterId: c.id, parentId: elsewhere.commentId, body: "跨章" }), "NOT_FOUND");
    await refused(
      postComment(t.db, me, { chapterId: c.id, parentId: elsewhere.commentId, paragraph: 0, body: "x" }),
      "INVALID",
      "replyHasParagraph",
    );
    expect(await t.db.comment.count()).toBe(before + 1);
  });
});

describe("limits", () => {
  it("an account posts at most so many comments in ten minutes, fewer in its first day, and is told when to retry", async () => {
    const c = await chapter();
    const fresh = await reader();
    const now = Date.now();
    for (let i = 0; i < COMMENTS_PER_WINDOW_NEW_ACCOUNT; i++) {
      await postComment(t.db, fresh, { chapterId: c.id, body: `新人${i}` }, new Date(now + i * 1000));
    }
    const error = await refused(
      postComment(t.db, fresh, { chapterId: c.id, body: "再来一条" }, new Date(now + 60_000)),
      "FORBIDDEN",
      "comments.errors.tooMany",
    );
    expect(error.params).toEqual({ minutes: 9 });
    // Ten minutes after the first, one more goes.
    await postComment(t.db, fresh, { chapterId: c.id, body: "再来一条" }, new Date(now + COMMENT_WINDOW_MS + 1));

    const seasoned = await createUser(t.db, { role: "READER" });
    await t.db.user.update({ where: { id: seasoned.id }, data: { createdAt: new Date(now - 2 * 86_400_000) } });
    for (let i = 0; i < COMMENTS_PER_WINDOW; i++) {
      await postComment(t.db, actorOf(seasoned), { chapterId: c.id, body: `老读者${i}` }, new Date(now + i));
    }
    await refused(
      postComment(t.db, actorOf(seasoned), { chapterId: c.id, body: "太多" }, new Date(now + 100)),
      "FORBIDDEN",
      "tooMany",
    );
  });
});

describe("likes and deleting", () => {
  it("a like counts once per reader, and comes back off once", async () => {
    const c = await chapter();
    const [a, b] = [await reader(), await reader()];
    const { commentId } = await postComment(t.db, a, { chapterId: c.id, body: "赞我" });
    expect(await likeComment(t.db, b, { commentId })).toEqual({
      liked: true,
      likeCount: 1,
      tags: [TAGS.comments(c.id)],
    });
    expect(await likeComment(t.db, b, { commentId })).toEqual({ liked: true, likeCount: 1, tags: [] });
    await likeComment(t.db, a, { commentId: `${commentId}` });
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: commentId } })).likeCount).toBe(2);
    expect(await unlikeComment(t.db, b, { commentId })).toMatchObject({ liked: false });
    expect(await unlikeComment(t.db, b, { commentId })).toEqual({ liked: false, likeCount: 1, tags: [] });
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: commentId } })).likeCount).toBe(1);
  });

  it("the writer deletes their comment and its replies leave with it; someone else cannot", async () => {
    const c = await chapter();
    const [a, b] = [await reader(), await reader()];
    const head = await postComment(t.db, a, { chapterId: c.id, paragraph: 0, body: "要删的" });
    await postComment(t.db, b, { chapterId: c.id, parentId: head.commentId, body: "回复" });
    await refused(deleteComment(t.db, b, { commentId: head.commentId }), "NOT_FOUND");
    expect((await queryCommentCounts(t.db, c.id)).total).toBe(2);
    await deleteComment(t.db, a, { commentId: head.commentId });
    expect(await queryCommentCounts(t.db, c.id)).toEqual({ total: 0, paragraphs: {} });
    expect((await queryThreads(t.db, c.view, { sort: "new" })).items).toEqual([]);
    await refused(likeComment(t.db, b, { commentId: head.commentId }), "NOT_FOUND");
  });
});

describe("lists", () => {
  it("pages by keyset, newest or most liked first, with the first replies of each", async () => {
    const c = await chapter();
    const me = await reader();
    // Four minutes apart: under the per-account limit (lib/validation/comments.ts).
    const start = Date.now() - 4 * 3_600_000;
    const ids: number[] = [];
    for (let i = 0; i < COMMENT_PAGE_SIZE * 2 + 3; i++) {
      ids.push(
        (await postComment(t.db, me, { chapterId: c.id, body: `第${i}条` }, new Date(start + i * 240_000))).commentId,
      );
    }
    const head = ids.at(-1)!;
    const fans = await Promise.all(Array.from({ length: 5 }, () => reader()));
    for (const [i, fan] of fans.entries()) {
      await postComment(t.db, fan, { chapterId: c.id, parentId: head, body: `回复${i}` }, new Date(Date.now() + i));
      await likeComment(t.db, fan, { commentId: ids[7]! });
    }

    const seen: number[] = [];
    let after: string | undefined;
    do {
      const page = await queryThreads(t.db, c.view, { sort: "new", after });
      seen.push(...page.items.map((i) => i.id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual([...ids].reverse());

    const first = await queryThreads(t.db, c.view, { sort: "new" });
    expect(first.items[0]!.replies.map((r) => r.body)).toEqual(["回复0", "回复1", "回复2"].slice(0, REPLIES_SHOWN));
    expect(first.items[0]!.replyCount).toBe(5);
    const top = await queryThreads(t.db, c.view, { sort: "top" });
    expect(top.items[0]).toMatchObject({ id: ids[7], likeCount: 5 });
    const topAll: number[] = [];
    after = undefined;
    do {
      const page = await queryThreads(t.db, c.view, { sort: "top", after });
      topAll.push(...page.items.map((i) => i.id));
      after = page.next ?? undefined;
    } while (after);
    expect(new Set(topAll).size).toBe(ids.length);

    const replies = await queryReplies(t.db, c.view, head, undefined);
    expect(replies.items.map((r) => r.body)).toEqual(["回复0", "回复1", "回复2", "回复3", "回复4"]);
    // A cursor that is not one reads the first page, never an error.
    expect((await queryThreads(t.db, c.view, { sort: "new", after: "x'; DROP" })).items[0]!.id).toBe(head);
  });
});

describe("anchoring on edit", () => {
  it("finds each paragraph's text at its new place, the nearest when it is there twice", () => {
    const body = ["甲", "新插入", "乙", "甲"].join("\n");
    expect(
      anchorMoves(
        [
          { paragraph: 0, anchor: paragraphAnchor("甲") },
          { paragraph: 1, anchor: paragraphAnchor("乙") },
          { paragraph: 2, anchor: paragraphAnchor("丙") },
          { paragraph: 3, anchor: paragraphAnchor("甲") },
        ],
        body,
      ),
    ).toEqual([
      { from: 0, anchor: paragraphAnchor("甲"), to: 0 },
      { from: 1, anchor: paragraphAnchor("乙"), to: 2 },
      { from: 2, anchor: paragraphAnchor("丙"), to: null },
      { from: 3, anchor: paragraphAnchor("甲"), to: 3 },
    ]);
  });

  it("an edit keeps comments on their paragraph, moves them with it, marks those of a removed one", async () => {
    const c = await chapter("开头。\n中间。\n结尾。");
    const me = await reader();
    const onStart = await postComment(t.db, me, { chapterId: c.id, paragraph: 0, body: "评开头" });
    const onMiddle = await postComment(t.db, me, { chapterId: c.id, paragraph: 1, body: "评中间" });
    const onEnd = await postComment(t.db, me, { chapterId: c.id, paragraph: 2, body: "评结尾" });
    const reply = await postComment(t.db, me, { chapterId: c.id, parentId: onEnd.commentId, body: "回结尾" });

    // A paragraph inserted at the top, the middle one rewritten.
    const edit = await updateChapter(t.db, c.author, {
      chapterId: c.id,
      body: "新的一段。\n开头。\n改过的中间。\n结尾。",
      intent: "save",
    });
    expect(edit.tags).toContain(TAGS.comments(c.id));
    const place = async (id: number) =>
      t.db.comment.findUniqueOrThrow({ where: { id }, select: { paragraph: true, orphaned: true } });
    expect(await place(onStart.commentId)).toEqual({ paragraph: 1, orphaned: false });
    expect(await place(onMiddle.commentId)).toEqual({ paragraph: 1, orphaned: true });
    expect(await place(onEnd.commentId)).toEqual({ paragraph: 3, orphaned: false });
    expect(await place(reply.commentId)).toEqual({ paragraph: 3, orphaned: false });
    // The orphaned comment stays in the chapter's list, marked, and counts under no paragraph.
    expect(await queryCommentCounts(t.db, c.id)).toEqual({ total: 4, paragraphs: { "1": 1, "3": 2 } });
    const listed = (await queryThreads(t.db, c.view, { sort: "new" })).items.find((i) => i.id === onMiddle.commentId);
    expect(listed).toMatchObject({ orphaned: true, body: "评中间" });

    // The text coming back brings its comments back to it.
    await updateChapter(t.db, c.author, { chapterId: c.id, body: "开头。\n中间。\n结尾。", intent: "save" });
    expect(await place(onMiddle.commentId)).toEqual({ paragraph: 1, orphaned: false });
    expect(await place(onStart.commentId)).toEqual({ paragraph: 0, orphaned: false });
    // An edit that leaves every paragraph in place expires no comments.
    const same = await updateChapter(t.db, c.author, {
      chapterId: c.id,
      body: "开头。\n中间。\n结尾。",
      intent: "save",
    });
    expect(same.tags).not.toContain(TAGS.comments(c.id));
  });
});

describe("moderation", () => {
  it("the book's author hides a comment and its replies from every list and count, and restores them", async () => {
    const c = await chapter();
    const [a, b] = [await reader(), await reader()];
    const head = await postComment(t.db, a, { chapterId: c.id, paragraph: 0, body: "广告" });
    const reply = await postComment(t.db, b, { chapterId: c.id, parentId: head.commentId, body: "举报" });
    const other = await postComment(t.db, b, { chapterId: c.id, body: "正常评论" });

    expect(await hideComment(t.db, c.author, { commentId: head.commentId })).toEqual({ tags: [TAGS.comments(c.id)] });
    expect(await queryCommentCounts(t.db, c.id)).toEqual({ total: 1, paragraphs: {} });
    expect((await queryThreads(t.db, c.view, { sort: "new" })).items.map((i) => i.id)).toEqual([other.commentId]);
    await refused(likeComment(t.db, b, { commentId: reply.commentId }), "NOT_FOUND");
    // Still on the author's moderation list, marked.
    const listed = await listCommentsToModerate(t.db, c.author);
    expect(listed.items.find((i) => i.id === head.commentId)?.hiddenAt).toBeInstanceOf(Date);

    await restoreComment(t.db, c.author, { commentId: head.commentId });
    expect(await queryCommentCounts(t.db, c.id)).toEqual({ total: 3, paragraphs: { "0": 2 } });
  });

  it("hiding a reply takes it out of its thread's count; restoring puts it back", async () => {
    const c = await chapter();
    const a = await reader();
    const head = await postComment(t.db, a, { chapterId: c.id, body: "楼主" });
    const reply = await postComment(t.db, a, { chapterId: c.id, parentId: head.commentId, body: "回复" });
    const replies = async () => (await t.db.comment.findUniqueOrThrow({ where: { id: head.commentId } })).replyCount;
    await hideComment(t.db, c.author, { commentId: reply.commentId });
    expect(await replies()).toBe(0);
    await restoreComment(t.db, c.author, { commentId: reply.commentId });
    expect(await replies()).toBe(1);
  });

  it("another author, or a reader, cannot: not found, nothing changes; an admin can", async () => {
    const c = await chapter();
    const a = await reader();
    const { commentId } = await postComment(t.db, a, { chapterId: c.id, body: "评论" });
    const stranger = actorOf(await createUser(t.db, { role: "AUTHOR" }));
    await refused(hideComment(t.db, stranger, { commentId }), "NOT_FOUND");
    await refused(hideComment(t.db, a, { commentId }), "NOT_FOUND");
    expect((await listCommentsToModerate(t.db, stranger)).items.map((i) => i.id)).not.toContain(commentId);
    expect((await queryCommentCounts(t.db, c.id)).total).toBe(1);
    const admin = actorOf(await createUser(t.db, { role: "ADMIN" }));
    await hideComment(t.db, admin, { commentId });
    expect((await queryCommentCounts(t.db, c.id)).total).toBe(0);
  });
});

describe("reports", () => {
  it("a reader reports a comment once; the admins' queue lists it until it is hidden; the public pages do not change", async () => {
    const c = await chapter();
    const [a, b, d] = [await reader(), await reader(), await reader()];
    const { commentId } = await postComment(t.db, a, { chapterId: c.id, body: "加我微信买书" });
    const quiet = await postComment(t.db, a, { chapterId: c.id, body: "正常" });
    expect(await reportComment(t.db, b, { commentId, reason: "spam" })).toEqual({ reported: true, tags: [] });
    await reportComment(t.db, b, { commentId: `${commentId}`, reason: "abuse" });
    await reportComment(t.db, d, { commentId, reason: "spam" });
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: commentId } })).reportCount).toBe(2);
    expect(await t.db.commentReport.count({ where: { commentId } })).toBe(2);

    const admin = actorOf(await createUser(t.db, { role: "ADMIN" }));
    const queue = await listCommentsToModerate(t.db, admin, undefined, { reported: true });
    expect(queue.items.map((i) => i.id)).toContain(commentId);
    expect(queue.items.map((i) => i.id)).not.toContain(quiet.commentId);
    await hideComment(t.db, admin, { commentId });
    expect(
      (await listCommentsToModerate(t.db, admin, undefined, { reported: true })).items.map((i) => i.id),
    ).not.toContain(commentId);
    await refused(reportComment(t.db, b, { commentId: quiet.commentId, reason: "because" }), "INVALID", "reason");
    await refused(reportComment(t.db, b, { commentId, reason: "spam" }), "NOT_FOUND");
  });
});
