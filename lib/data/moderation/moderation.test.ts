import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The list every write applies (BANNED_WORDS_FILE), set before lib/env reads the environment.
const listFile = vi.hoisted(() => {
  const file = `${process.env.TMPDIR ?? "/tmp"}/shuhai-banned-words-${process.pid}.txt`;
  process.env.BANNED_WORDS_FILE = file;
  return file;
});
writeFileSync(listFile, "# 测试用的词表\n傻瓜蛋\nSpamBot\n\nfree money  # a phrase\n");

import type { Actor } from "@/lib/data/authoring/actor";
import { hideComment, removeComment } from "@/lib/data/comments/moderation";
import { queryCommentCounts, queryThreads } from "@/lib/data/comments/queries";
import { likeComment, postComment, reportComment, unlikeComment } from "@/lib/data/comments/write";
import { refusalMessages } from "@/lib/data/errors";
import { translate } from "@/lib/i18n/messages";
import { addChapter, createBook, createUser } from "@/lib/test/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { BLOCKS_MAX, LIKE_LIMIT, NEW_ACCOUNT_MS, REPORT_LIMIT } from "@/lib/validation/moderation";
import { bannedWords, containsBannedWord, parseBannedWords } from "./banned-words";
import { blockReader, muteBook, queryBlockList, queryCommentFilters, unblockReader, unmuteBook } from "./blocks";
import { assertMayPost } from "./may-post";
import { liftSuspension, suspendCommenting } from "./suspension";
import { refused } from "@/lib/test/refused";

// Moderation of the comment layer on a real database: blocks and mutes, suspensions, the
// per-account limits of likes and reports, the banned-words list, an admin's deletion.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const actorOf = (u: { id: number; role: Actor["role"] }): Actor => ({ id: u.id, role: u.role });
const reader = async (opts: { old?: boolean } = {}) => {
  const u = await createUser(t.db, { role: "READER" });
  if (opts.old)
    await t.db.user.update({ where: { id: u.id }, data: { createdAt: new Date(Date.now() - 2 * NEW_ACCOUNT_MS) } });
  return actorOf(u);
};

async function chapter() {
  const author = await createUser(t.db, { role: "AUTHOR" });
  const book = await createBook(t.db, { authorId: author.id });
  const c = await addChapter(t.db, book.id, { body: "第一段。\n第二段。" });
  return { id: c.id, bookId: book.id, author: actorOf(author), view: { id: c.id, authorId: author.id } };
}

describe("banned words", () => {
  const words = parseBannedWords("傻瓜蛋\nSpamBot\nfree money\n# comment only\n   \n");

  it("match Chinese anywhere, across spaces, punctuation, zero-width and full-width forms", () => {
    for (const text of ["你这个傻瓜蛋", "傻 瓜 蛋", "傻*瓜-蛋！", "傻\u200b瓜\u200b蛋", "傻\u3000瓜\u3000蛋"]) {
      expect(containsBannedWord(text, words), text).toBe(true);
    }
    expect(containsBannedWord("傻瓜和蛋", words)).toBe(false);
  });

  it("match across traditional and simplified characters, whichever form the list has", () => {
    expect(containsBannedWord("你這個傻瓜蛋", words)).toBe(true);
    const traditional = parseBannedWords("詐騙網站");
    expect(containsBannedWord("这是诈骗网站", traditional)).toBe(true);
    expect(containsBannedWord("這是詐騙網站", traditional)).toBe(true);
    expect(containsBannedWord("这是网站", traditional)).toBe(false);
  });

  it("match Latin words whole, whatever their case or width, but never inside another word", () => {
    for (const text of [
      "buy from SPAMBOT now",
      "ｓｐａｍｂｏｔ",
      "Ｓｐａｍ Ｂｏｔ".replace(" ", ""),
      "FREE   money!",
      "free-money",
    ]) {
      expect(containsBannedWord(text, words), text).toBe(true);
    }
    for (const text of ["antispambot2 filter", "carefree moneybox", "free time"]) {
      expect(containsBannedWord(text, words), text).toBe(false);
    }
  });

  it("an entry written full-width in the file matches its half-width form (NFKC on both sides)", () => {
    expect(containsBannedWord("spam here", parseBannedWords("ＳＰＡＭ"))).toBe(true);
    expect(containsBannedWord("①号", parseBannedWords("1号"))).toBe(true);
  });

  it("are read from BANNED_WORDS_FILE, and read again when the file changes", () => {
    expect(containsBannedWord("SpamBot", bannedWords())).toBe(true);
    writeFileSync(listFile, "傻瓜蛋\nSpamBot\nfree money\n新增词\n");
    expect(containsBannedWord("这是新增词", bannedWords())).toBe(true);
    expect(containsBannedWord("anything", bannedWords(join(tmpdir(), "no-such-shuhai-list.txt")))).toBe(false);
  });

  it("refuse a comment at write time, on its body, naming no word", async () => {
    const c = await chapter();
    const me = await reader();
    const error = await refused(
      postComment(t.db, me, { chapterId: c.id, body: "你这个傻　瓜　蛋" }),
      "INVALID",
      "moderation.errors.bannedWord",
    );
    const { fieldErrors } = refusalMessages(error);
    expect(fieldErrors.body).toEqual([translate("moderation.errors.bannedWord")]);
    expect(fieldErrors.body?.[0]).not.toContain("傻瓜蛋");
    expect(await t.db.comment.count({ where: { chapterId: c.id } })).toBe(0);
  });
});

describe("suspension", () => {
  it("an admin suspends for days: comments, likes and reports are refused saying until when; lifting allows them again", async () => {
    const c = await chapter();
    const admin = actorOf(await createUser(t.db, { role: "ADMIN" }));
    const me = await reader();
    const other = await reader();
    const { commentId } = await postComment(t.db, other, { chapterId: c.id, body: "一条评论" });
    await likeComment(t.db, me, { commentId });

    const now = new Date();
    await suspendCommenting(t.db, admin, { userId: `${me.id}`, duration: "7" }, now);
    const until = new Date(now.getTime() + 7 * 24 * 3600 * 1000);
    expect(await t.db.user.findUnique({ where: { id: me.id }, select: { suspendedUntil: true } })).toEqual({
      suspendedUntil: until,
    });
    const error = await refused(
      postComment(t.db, me, { chapterId: c.id, body: "还想说" }),
      "FORBIDDEN",
      "moderation.errors.suspendedUntil",
    );
    expect(refusalMessages(error).message).toContain(String(until.getFullYear()));
    // Taking a like back is allowed; giving one is not.
    await unlikeComment(t.db, me, { commentId });
    await refused(likeComment(t.db, me, { commentId }), "FORBIDDEN", "moderation.errors.suspendedUntil");
    await refused(
      reportComment(t.db, me, { commentId, reason: "spam" }),
      "FORBIDDEN",
      "moderation.errors.suspendedUntil",
    );
    // Past the date, the account writes again by itself.
    await postComment(t.db, me, { chapterId: c.id, body: "八天后" }, new Date(until.getTime() + 60_000));

    await suspendCommenting(t.db, admin, { userId: `${me.id}`, duration: "indefinite" });
    await refused(
      postComment(t.db, me, { chapterId: c.id, body: "无限期" }),
      "FORBIDDEN",
      "moderation.errors.suspended",
    );
    await liftSuspension(t.db, admin, { userId: `${me.id}` });
    await postComment(t.db, me, { chapterId: c.id, body: "解除了" });
  });

  it("only an admin suspends, never themselves; a forged or unknown duration is refused", async () => {
    const admin = actorOf(await createUser(t.db, { role: "ADMIN" }));
    const author = actorOf(await createUser(t.db, { role: "AUTHOR" }));
    const me = await reader();
    await refused(suspendCommenting(t.db, author, { userId: me.id, duration: "7" }), "FORBIDDEN");
    await refused(suspendCommenting(t.db, admin, { userId: admin.id, duration: "7" }), "FORBIDDEN");
    await refused(suspendCommenting(t.db, admin, { userId: me.id, duration: "3650" }), "INVALID");
    await refused(suspendCommenting(t.db, admin, { userId: me.id, duration: "7", until: "2099-01-01" }), "INVALID");
    await refused(suspendCommenting(t.db, admin, { userId: 2_000_000_000, duration: "7" }), "NOT_FOUND");
    await refused(liftSuspension(t.db, me, { userId: me.id }), "FORBIDDEN");
    expect(await t.db.user.findUnique({ where: { id: me.id }, select: { suspendedAt: true } })).toEqual({
      suspendedAt: null,
    });
  });

  it("assertMayPost is what a future writer (reviews) calls: suspension, then banned words on the named field", async () => {
    const me = await reader();
    await expect(assertMayPost(t.db, me.id, { text: "书很好", field: "text" })).resolves.toEqual({ isNew: true });
    const e = await refused(assertMayPost(t.db, me.id, { text: "SPAMBOT", field: "text" }), "INVALID");
    expect(Object.keys(e.fieldErrors)).toEqual(["text"]);
  });
});

describe("blocking and muting", () => {
  it("a reader blocks another (once), lists and unblocks them; not themselves, not an unknown id", async () => {
    const me = await reader();
    const them = await reader();
    await blockReader(t.db, me, { userId: `${them.id}` });
    await blockReader(t.db, me, { userId: them.id });
    expect(await queryCommentFilters(t.db, me.id)).toEqual({ users: [them.id], books: [] });
    expect((await queryBlockList(t.db, me.id)).users.map((u) => u.id)).toEqual([them.id]);
    // Private to the blocker: the blocked reader's own filters are empty.
    expect(await queryCommentFilters(t.db, them.id)).toEqual({ users: [], books: [] });
    await refused(blockReader(t.db, me, { userId: me.id }), "INVALID", "moderation.errors.notYourself");
    await refused(blockReader(t.db, me, { userId: 2_000_000_000 }), "NOT_FOUND");
    await refused(blockReader(t.db, me, { userId: "abc" }), "INVALID");
    await refused(blockReader(t.db, me, { userId: them.id, blockerId: them.id }), "INVALID");
    await unblockReader(t.db, me, { userId: them.id });
    expect(await queryCommentFilters(t.db, me.id)).toEqual({ users: [], books: [] });
  });

  it("a reader blocks at most BLOCKS_MAX readers", async () => {
    const me = await reader();
    const others = await t.db.user.createManyAndReturn({
      data: Array.from({ length: BLOCKS_MAX + 1 }, (_, i) => ({
        email: `blocked-${me.id}-${i}@example.test`,
        name: `被屏蔽${i}`,
        passwordHash: "x",
      })),
      select: { id: true },
    });
    await t.db.readerBlock.createMany({
      data: others.slice(0, BLOCKS_MAX).map((o) => ({ userId: me.id, blockedId: o.id })),
    });
    await refused(blockReader(t.db, me, { userId: others.at(-1)!.id }), "CONFLICT", "moderation.errors.tooManyBlocks");
  });

  it("public lists stay the same for everyone; a blocked reader cannot reply to the blocker's comments", async () => {
    const c = await chapter();
    const me = await reader();
    const them = await reader();
    const mine = await postComment(t.db, me, { chapterId: c.id, body: "我的评论" });
    const theirs = await postComment(t.db, them, { chapterId: c.id, body: "他们的评论" });
    const myReply = await postComment(t.db, me, { chapterId: c.id, parentId: theirs.commentId, body: "我回复他们" });
    await blockReader(t.db, me, { userId: them.id });

    const page = await queryThreads(t.db, c.view, { sort: "new" });
    expect(page.items.map((i) => i.id)).toEqual([theirs.commentId, mine.commentId]);
    expect((await queryCommentCounts(t.db, c.id)).total).toBe(3);

    await refused(
      postComment(t.db, them, { chapterId: c.id, parentId: mine.commentId, body: "回复你" }),
      "FORBIDDEN",
      "moderation.errors.blockedByWriter",
    );
    // A reply to the blocker's reply under someone else's thread: refused as well.
    await refused(
      postComment(t.db, them, { chapterId: c.id, parentId: myReply.commentId, body: "回复你的回复" }),
      "FORBIDDEN",
      "moderation.errors.blockedByWriter",
    );
    // The blocker may still reply to them; others reply as before.
    await postComment(t.db, me, { chapterId: c.id, parentId: theirs.commentId, body: "我还能回复" });
    await postComment(t.db, await reader(), { chapterId: c.id, parentId: mine.commentId, body: "路人回复" });
  });

  it("a reader mutes a public book's comments and unmutes them; an unknown or hidden book is not found", async () => {
    const c = await chapter();
    const me = await reader();
    await muteBook(t.db, me, { bookId: `${c.bookId}` });
    await muteBook(t.db, me, { bookId: c.bookId });
    expect(await queryCommentFilters(t.db, me.id)).toEqual({ users: [], books: [c.bookId] });
    expect((await queryBlockList(t.db, me.id)).books.map((b) => b.id)).toEqual([c.bookId]);
    await refused(muteBook(t.db, me, { bookId: 2_000_000_000 }), "NOT_FOUND");
    const hidden = await createBook(t.db, { authorId: c.author.id });
    await t.db.book.update({ where: { id: hidden.id }, data: { deletedAt: new Date() } });
    await refused(muteBook(t.db, me, { bookId: hidden.id }), "NOT_FOUND");
    await unmuteBook(t.db, me, { bookId: c.bookId });
    expect(await queryCommentFilters(t.db, me.id)).toEqual({ users: [], books: [] });
  });
});

describe("per-account limits of likes and reports", () => {
  async function comments(n: number) {
    const c = await chapter();
    const writer = await reader();
    const rows = await t.db.comment.createManyAndReturn({
      data: Array.from({ length: n }, (_, i) => ({
        chapterId: c.id,
        bookId: c.bookId,
        userId: writer.id,
        body: `评论${i}`,
      })),
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  it("a new account's likes stop at the first-day limit, saying in how many minutes to retry", async () => {
    const ids = await comments(LIKE_LIMIT.firstDay + 1);
    const me = await reader();
    for (const id of ids.slice(0, LIKE_LIMIT.firstDay)) await likeComment(t.db, me, { commentId: id });
    const error = await refused(
      likeComment(t.db, me, { commentId: ids.at(-1)! }),
      "FORBIDDEN",
      "moderation.errors.tooManyLikes",
    );
    expect(error.params).toEqual({ minutes: 10 });
    expect(refusalMessages(error).message).toContain("10");
    // Taking a like back is never limited.
    await unlikeComment(t.db, me, { commentId: ids[0]! });
  });

  it("an older account may like more in the same window", async () => {
    const ids = await comments(LIKE_LIMIT.firstDay + 1);
    const me = await reader({ old: true });
    for (const id of ids) await likeComment(t.db, me, { commentId: id });
    expect(await t.db.commentLike.count({ where: { userId: me.id } })).toBe(ids.length);
  });

  it("reports stop at the limit (fewer in the first day), and the window moves on", async () => {
    const ids = await comments(REPORT_LIMIT.firstDay + 1);
    const me = await reader();
    const start = new Date();
    for (const id of ids.slice(0, REPORT_LIMIT.firstDay))
      await reportComment(t.db, me, { commentId: id, reason: "spam" }, start);
    const error = await refused(
      reportComment(t.db, me, { commentId: ids.at(-1)!, reason: "spam" }, new Date(start.getTime() + 4 * 60_000)),
      "FORBIDDEN",
      "moderation.errors.tooManyReports",
    );
    expect(error.params).toEqual({ minutes: 6 });
    await reportComment(
      t.db,
      me,
      { commentId: ids.at(-1)!, reason: "spam" },
      new Date(start.getTime() + REPORT_LIMIT.windowMs + 1),
    );
  });
});

describe("an admin deletes from the queue", () => {
  it("a hidden or visible comment with its replies, for good; the counts follow; authors and readers may not", async () => {
    const c = await chapter();
    const admin = actorOf(await createUser(t.db, { role: "ADMIN" }));
    const me = await reader();
    const head = await postComment(t.db, me, { chapterId: c.id, body: "楼主" });
    const reply = await postComment(t.db, await reader(), { chapterId: c.id, parentId: head.commentId, body: "回复" });
    const other = await postComment(t.db, await reader(), { chapterId: c.id, body: "另一条" });
    await refused(removeComment(t.db, c.author, { commentId: head.commentId }), "FORBIDDEN");
    await refused(removeComment(t.db, me, { commentId: head.commentId }), "FORBIDDEN");

    await removeComment(t.db, admin, { commentId: reply.commentId });
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: head.commentId } })).replyCount).toBe(0);
    await hideComment(t.db, admin, { commentId: other.commentId });
    const result = await removeComment(t.db, admin, { commentId: other.commentId });
    expect(result.tags).toEqual([`comments:${c.id}`]);
    await removeComment(t.db, admin, { commentId: head.commentId });
    expect(await queryCommentCounts(t.db, c.id)).toEqual({ total: 0, paragraphs: {} });
    expect(await t.db.comment.count({ where: { chapterId: c.id, deletedAt: null } })).toBe(0);
    await refused(removeComment(t.db, admin, { commentId: head.commentId }), "NOT_FOUND");
  });
});
