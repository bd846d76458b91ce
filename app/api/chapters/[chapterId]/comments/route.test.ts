import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { setUpActionRequests } from "@/lib/test/action-harness";
import { addChapter, createBook, createUser } from "@/lib/test/fixtures";
import { answerOf, routeRequest, SITE_ORIGIN } from "@/lib/test/route-request";
import { GET as counts } from "../comment-counts/route";
import { DELETE as unlike, POST as like } from "../../../comments/[id]/like/route";
import { POST as report } from "../../../comments/[id]/report/route";
import { DELETE as remove } from "../../../comments/[id]/route";
import { GET, POST } from "./route";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

// The JSON the reading page's script uses: public reads with short public caching, and a signed-in
// reader's writes with the same refusals as the comments page's form.

const request = setUpActionRequests();
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

async function publicChapter() {
  const author = await createUser(request.db, { role: "AUTHOR" });
  const book = await createBook(request.db, { authorId: author.id });
  const chapter = await addChapter(request.db, book.id, { body: "第一段。\n第二段。" });
  return { chapterId: String(chapter.id), bookId: book.id, author };
}

const post = (chapterId: string, json: unknown, init: Parameters<typeof routeRequest>[1] = {}) =>
  answerOf(POST(routeRequest(`/api/chapters/${chapterId}/comments`, { json, ...init }), ctx({ chapterId })));
const list = (chapterId: string, query = "") =>
  answerOf(
    GET(new NextRequest(new URL(`/api/chapters/${chapterId}/comments${query}`, SITE_ORIGIN)), ctx({ chapterId })),
  );
const countsOf = (chapterId: string) =>
  answerOf(counts(new Request(new URL(`/api/chapters/${chapterId}/comment-counts`, SITE_ORIGIN)), ctx({ chapterId })));

describe("comments through JSON", () => {
  it("a signed-in reader comments on a paragraph; the lists and counts show it to everyone", async () => {
    const { chapterId, bookId } = await publicChapter();
    const me = await createUser(request.db, { role: "READER" });
    await request.signInAs(me);
    const posted = await post(chapterId, { body: "写得好", paragraph: 1, bookId });
    expect(posted).toMatchObject({ status: 201, cacheControl: "private, no-store" });
    expect(request.revalidatedTags).toContain(`comments:${chapterId}`);
    expect(request.revalidatedTags).not.toContain(`chapter:${chapterId}`);

    request.signOut();
    const shown = await countsOf(chapterId);
    expect(shown).toMatchObject({ status: 200, body: { total: 1, paragraphs: { "1": 1 } } });
    expect(shown.cacheControl).toMatch(/^public, /);
    const page = await list(chapterId, "?paragraph=1&sort=top&junk=1");
    expect(page.body).toMatchObject({ items: [{ body: "写得好", paragraph: 1, user: { name: me.name } }], next: null });
    expect((await list(chapterId, "?paragraph=0")).body).toMatchObject({ items: [] });
  });

  it("likes once and back; deletes one's own", async () => {
    const { chapterId } = await publicChapter();
    const me = await createUser(request.db, { role: "READER" });
    await request.signInAs(me);
    const { body } = await post(chapterId, { body: "点赞我" });
    const id = String((body as { commentId: number }).commentId);
    const likeReq = (method: string) => routeRequest(`/api/comments/${id}/like`, { method });
    expect(await answerOf(like(likeReq("POST"), ctx({ id })))).toMatchObject({ status: 200, body: { liked: true } });
    expect(await answerOf(like(likeReq("POST"), ctx({ id })))).toMatchObject({ status: 200, body: { liked: true } });
    expect((await request.db.comment.findUniqueOrThrow({ where: { id: Number(id) } })).likeCount).toBe(1);
    expect(await answerOf(unlike(likeReq("DELETE"), ctx({ id })))).toMatchObject({ body: { liked: false } });
    const reportAs = (reason: unknown) =>
      answerOf(report(routeRequest(`/api/comments/${id}/report`, { json: { reason } }), ctx({ id })));
    expect(await reportAs("spoiler")).toMatchObject({ status: 200, body: { reported: true } });
    expect(await reportAs("nonsense")).toMatchObject({ status: 400 });
    expect(await request.db.commentReport.count({ where: { commentId: Number(id) } })).toBe(1);
    const other = await createUser(request.db, { role: "READER" });
    await request.signInAs(other);
    const del = () => answerOf(remove(routeRequest(`/api/comments/${id}`, { method: "DELETE" }), ctx({ id })));
    expect(await del()).toMatchObject({ status: 404 });
    await request.signInAs(me);
    expect(await del()).toMatchObject({ status: 204 });
    expect((await countsOf(chapterId)).body).toEqual({ total: 0, paragraphs: {} });
  });

  it("refuses, storing nothing: signed out, another site, wrong book, no such chapter, bad text, forged fields", async () => {
    const { chapterId, bookId } = await publicChapter();
    const before = await request.db.comment.count();
    request.signOut();
    expect(await post(chapterId, { body: "匿名" })).toMatchObject({ status: 401 });
    const me = await createUser(request.db, { role: "READER" });
    await request.signInAs(me);
    expect(await post(chapterId, { body: "跨站" }, { origin: "https://evil.example" })).toMatchObject({ status: 403 });
    expect(await post(chapterId, { body: "错书", bookId: bookId + 1000 })).toMatchObject({ status: 404 });
    expect(await post("2000000000", { body: "无章" })).toMatchObject({ status: 404 });
    expect(await post("abc", { body: "坏编号" })).toMatchObject({ status: 400 });
    const empty = await post(chapterId, { body: "  " });
    expect(empty).toMatchObject({ status: 400, body: { fieldErrors: { body: [expect.any(String)] } } });
    expect(await post(chapterId, { body: "冒充", userId: 1 })).toMatchObject({
      status: 400,
      body: { fieldErrors: { userId: [expect.any(String)] } },
    });
    expect(await post(chapterId, "just text")).toMatchObject({ status: 400 });
    expect(await post(chapterId, undefined, { raw: "{not json" })).toMatchObject({ status: 400 });
    expect(await post(chapterId, { body: "x".repeat(70_000) })).toMatchObject({ status: 413 });
    expect(await request.db.comment.count()).toBe(before);
    expect(await countsOf("2000000000")).toMatchObject({ status: 404 });
    expect(await list("x")).toMatchObject({ status: 404 });
  });
});
