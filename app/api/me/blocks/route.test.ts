import { writeFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

// The banned-words list the writes apply, set before lib/env reads the environment.
const listFile = vi.hoisted(() => {
  const file = `${process.env.TMPDIR ?? "/tmp"}/shuhai-banned-words-api-${process.pid}.txt`;
  process.env.BANNED_WORDS_FILE = file;
  return file;
});
writeFileSync(listFile, "傻瓜蛋\n");

import { translate } from "@/lib/i18n/messages";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { addChapter, createBook, createUser } from "@/lib/test/fixtures";
import { answerOf, routeRequest } from "@/lib/test/route-request";
import { POST as postComment } from "../../chapters/[chapterId]/comments/route";
import { POST as like } from "../../comments/[id]/like/route";
import { POST as report } from "../../comments/[id]/report/route";
import { DELETE as unmute, PUT as mute } from "../mutes/[bookId]/route";
import { DELETE as unblock, PUT as block } from "./[userId]/route";
import { GET } from "./route";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

// A reader's private filters through JSON (what the reading page's script reads and writes), and
// the moderation refusals of the comment endpoints: signed out, another site, forged ids, blocked,
// suspended, banned words, oversized; each storing nothing.

const request = setUpActionRequests();
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

const filters = () => answerOf(GET(routeRequest("/api/me/blocks", { method: "GET" })));
const blockAs = (userId: string, method = "PUT", init: Parameters<typeof routeRequest>[1] = {}) =>
  answerOf(
    (method === "PUT" ? block : unblock)(
      routeRequest(`/api/me/blocks/${userId}`, { method, ...init }),
      ctx({ userId }),
    ),
  );
const muteAs = (bookId: string, method = "PUT") =>
  answerOf((method === "PUT" ? mute : unmute)(routeRequest(`/api/me/mutes/${bookId}`, { method }), ctx({ bookId })));
const comment = (chapterId: string, json: unknown) =>
  answerOf(postComment(routeRequest(`/api/chapters/${chapterId}/comments`, { json }), ctx({ chapterId })));

async function publicChapter() {
  const author = await createUser(request.db, { role: "AUTHOR" });
  const book = await createBook(request.db, { authorId: author.id });
  const chapter = await addChapter(request.db, book.id, { body: "第一段。\n第二段。" });
  return { chapterId: String(chapter.id), bookId: book.id };
}

describe("a reader's blocks and mutes", () => {
  it("are private (no-store), idempotent, and undone", async () => {
    const { bookId } = await publicChapter();
    const me = await createUser(request.db, { role: "READER" });
    const them = await createUser(request.db, { role: "READER" });
    await request.signInAs(me);
    expect(await filters()).toMatchObject({
      status: 200,
      cacheControl: "private, no-store",
      body: { users: [], books: [] },
    });
    expect(await blockAs(`${them.id}`)).toMatchObject({ status: 204 });
    expect(await blockAs(`${them.id}`)).toMatchObject({ status: 204 });
    expect(await muteAs(`${bookId}`)).toMatchObject({ status: 204 });
    expect((await filters()).body).toEqual({ users: [them.id], books: [bookId] });
    expect(await blockAs(`${them.id}`, "DELETE")).toMatchObject({ status: 204 });
    expect(await muteAs(`${bookId}`, "DELETE")).toMatchObject({ status: 204 });
    expect((await filters()).body).toEqual({ users: [], books: [] });
  });

  it("refuse, storing nothing: signed out, another site, forged or unknown ids, oneself, a hidden book", async () => {
    const { bookId } = await publicChapter();
    const me = await createUser(request.db, { role: "READER" });
    const them = await createUser(request.db, { role: "READER" });
    request.signOut();
    expect(await filters()).toMatchObject({ status: 401 });
    expect(await blockAs(`${them.id}`)).toMatchObject({ status: 401 });
    await request.signInAs(me);
    expect(await blockAs(`${them.id}`, "PUT", { origin: "https://evil.example" })).toMatchObject({ status: 403 });
    expect(await blockAs("abc")).toMatchObject({ status: 400 });
    expect(await blockAs("0")).toMatchObject({ status: 400 });
    expect(await blockAs("2000000000")).toMatchObject({ status: 404 });
    expect(await blockAs(`${me.id}`)).toMatchObject({
      status: 400,
      body: { error: translate("moderation.errors.notYourself") },
    });
    await request.db.book.update({ where: { id: bookId }, data: { deletedAt: new Date() } });
    expect(await muteAs(`${bookId}`)).toMatchObject({ status: 404 });
    expect(await muteAs("99999999999")).toMatchObject({ status: 400 });
    expect((await filters()).body).toEqual({ users: [], books: [] });
  });
});

describe("the comment endpoints' moderation refusals", () => {
  it("a blocked reader's reply, a suspended account's writes, a banned word, an oversized body", async () => {
    const { chapterId, bookId } = await publicChapter();
    const blocker = await createUser(request.db, { role: "READER" });
    const blocked = await createUser(request.db, { role: "READER" });
    await request.signInAs(blocker);
    const { commentId } = (await comment(chapterId, { body: "我的评论", bookId })).body as { commentId: number };
    expect(await blockAs(`${blocked.id}`)).toMatchObject({ status: 204 });
    const before = await request.db.comment.count();

    await request.signInAs(blocked);
    expect(await comment(chapterId, { body: "回复", parentId: commentId })).toMatchObject({
      status: 403,
      body: { error: translate("moderation.errors.blockedByWriter") },
    });
    const banned = await comment(chapterId, { body: "你是傻 瓜 蛋" });
    expect(banned).toMatchObject({
      status: 400,
      body: { fieldErrors: { body: [translate("moderation.errors.bannedWord")] } },
    });
    expect(JSON.stringify(banned.body)).not.toContain("傻瓜蛋");
    expect(await comment(chapterId, { body: "长".repeat(30_000) })).toMatchObject({ status: 413 });
    expect(await comment(chapterId, { body: "错书", bookId: bookId + 1000 })).toMatchObject({ status: 404 });

    const until = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    await request.db.user.update({
      where: { id: blocked.id },
      data: { suspendedAt: new Date(), suspendedUntil: until },
    });
    const suspended = await comment(chapterId, { body: "被暂停了" });
    expect(suspended).toMatchObject({ status: 403 });
    expect((suspended.body as { error: string }).error).toContain(String(until.getFullYear()));
    const id = String(commentId);
    expect(
      await answerOf(like(routeRequest(`/api/comments/${id}/like`, { method: "POST" }), ctx({ id }))),
    ).toMatchObject({
      status: 403,
    });
    expect(
      await answerOf(report(routeRequest(`/api/comments/${id}/report`, { json: { reason: "spam" } }), ctx({ id }))),
    ).toMatchObject({ status: 403 });
    expect(await request.db.comment.count()).toBe(before);
    expect(await request.db.commentLike.count({ where: { userId: blocked.id } })).toBe(0);
    expect(await request.db.commentReport.count({ where: { userId: blocked.id } })).toBe(0);
  });
});
