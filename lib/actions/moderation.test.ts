import { describe, expect, it, vi } from "vitest";
import { queryThreads } from "@/lib/data/comments/queries";
import { translate } from "@/lib/i18n/messages";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { addChapter, createBook, createUser } from "@/lib/test/fixtures";
import { newRequestId } from "@/lib/validation/create-request";
import { postCommentAction, replyFromDashboardAction } from "./comments";
import { initialFormState } from "./form-state";
import { blockReaderAction, likeCommentAction, liftSuspensionAction, suspendCommentingAction } from "./moderation";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

// The moderation forms doing their job (their refusals are in refusals.test.ts): the author's
// reply from the dashboard, a like and a block from the comments page, an admin's suspension and
// the comments page's message for it without JavaScript.

const request = setUpActionRequests();

async function setUp() {
  const author = await createUser(request.db, { role: "AUTHOR" });
  const book = await createBook(request.db, { authorId: author.id });
  const chapter = await addChapter(request.db, book.id, { body: "一段。\n二段。" });
  const reader = await createUser(request.db, { role: "READER" });
  await request.signInAs(reader);
  const { id } = await request.db.comment.create({
    data: { chapterId: chapter.id, bookId: book.id, userId: reader.id, body: "读者的话" },
  });
  return { author, book, chapter, reader, commentId: id };
}

describe("moderation forms", () => {
  it("the author replies from the dashboard: the reply is under the comment, marked 作者", async () => {
    const { author, book, chapter, commentId } = await setUp();
    await request.signInAs(author);
    const form = { chapterId: `${chapter.id}`, bookId: `${book.id}`, parentId: `${commentId}`, body: "谢谢支持" };
    const state = await replyFromDashboardAction(initialFormState, formOf({ ...form, requestId: newRequestId() }));
    expect(state).toMatchObject({ status: "success" });
    const page = await queryThreads(request.db, { id: chapter.id, authorId: author.id }, { sort: "new" });
    expect(page.items[0]?.replies).toMatchObject([{ body: "谢谢支持", byAuthor: true }]);
    expect(request.updatedTags).toContain(`comments:${chapter.id}`);
  });

  it("a reader likes and blocks from the comments page", async () => {
    const { commentId, author } = await setUp();
    expect(await likeCommentAction(initialFormState, formOf({ commentId: `${commentId}` }))).toMatchObject({
      status: "success",
    });
    expect(await blockReaderAction(initialFormState, formOf({ userId: `${author.id}` }))).toMatchObject({
      status: "success",
    });
    expect(await request.db.readerBlock.count({ where: { blockedId: author.id } })).toBe(1);
  });

  it("an admin suspends; the reader's post without JavaScript comes back saying until when; lifted, it posts", async () => {
    const { book, chapter, reader } = await setUp();
    const admin = await createUser(request.db, { role: "ADMIN" });
    await request.signInAs(admin);
    expect(
      await suspendCommentingAction(initialFormState, formOf({ userId: `${reader.id}`, duration: "1" })),
    ).toMatchObject({ status: "success" });
    await request.signInAs(reader);
    request.deleteHeader("next-action");
    const form = () =>
      formOf({ bookId: `${book.id}`, chapterId: `${chapter.id}`, body: "还能说吗", requestId: newRequestId() });
    const where = await redirectOf(postCommentAction(initialFormState, form()));
    const url = new URL(where, "http://x");
    expect(url.searchParams.get("error")).toBe("moderation.errors.suspendedUntil");
    expect(url.searchParams.get("until")).toMatch(/\d/);
    request.setHeader("next-action", "x");
    const state = await postCommentAction(initialFormState, form());
    expect(state).toMatchObject({ status: "error" });
    expect(state.message).toContain(url.searchParams.get("until")!);
    expect(state.message).not.toBe(translate("comments.errors.forbidden"));

    await request.signInAs(admin);
    await liftSuspensionAction(initialFormState, formOf({ userId: `${reader.id}` }));
    await request.signInAs(reader);
    expect(await redirectOf(postCommentAction(initialFormState, form()))).toMatch(/#c\d+$/);
  });
});
