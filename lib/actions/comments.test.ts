import { describe, expect, it, vi } from "vitest";
import { translate } from "@/lib/i18n/messages";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { addChapter, createBook, createUser } from "@/lib/test/fixtures";
import { newRequestId } from "@/lib/validation/create-request";
import { postCommentAction } from "./comments";
import { initialFormState } from "./form-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

// The comments page's form: with JavaScript it shows the refusal in place; posted without, it
// comes back to its page with the reason in the address; a comment lands on the page at its anchor.

const request = setUpActionRequests();

async function setUp() {
  const author = await createUser(request.db, { role: "AUTHOR" });
  const book = await createBook(request.db, { authorId: author.id });
  const chapter = await addChapter(request.db, book.id, { body: "一段。\n二段。" });
  const reader = await createUser(request.db, { role: "READER" });
  await request.signInAs(reader);
  const page = `/book/${book.id}/${chapter.id}/comments`;
  const form = (fields: Record<string, string>) =>
    formOf({ bookId: `${book.id}`, chapterId: `${chapter.id}`, requestId: newRequestId(), ...fields });
  return { page, form, chapter };
}

describe("postCommentAction", () => {
  it("posts and opens the comment on its page", async () => {
    const { page, form, chapter } = await setUp();
    request.setHeader("next-action", "x");
    const where = await redirectOf(postCommentAction(initialFormState, form({ body: "第一条", paragraph: "1" })));
    const comment = await request.db.comment.findFirstOrThrow({ where: { chapterId: chapter.id } });
    expect(where).toBe(`${page}#c${comment.id}`);
    expect(comment).toMatchObject({ body: "第一条", paragraph: 1 });
    expect(request.updatedTags).toEqual([`comments:${chapter.id}`]);
  });

  it("a refusal: in place with JavaScript, back to the page with its reason without", async () => {
    const { page, form, chapter } = await setUp();
    request.setHeader("next-action", "x");
    const state = await postCommentAction(initialFormState, form({ body: "  " }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { body: [translate("comments.errors.required")] } });
    request.deleteHeader("next-action");
    expect(await redirectOf(postCommentAction(initialFormState, form({ body: "  " })))).toBe(
      `${page}?error=comments.errors.required`,
    );
    expect(await redirectOf(postCommentAction(initialFormState, form({ body: "回复", parentId: "2000000000" })))).toBe(
      `${page}?thread=2000000000&error=comments.errors.notFound`,
    );
    expect(await request.db.comment.count({ where: { chapterId: chapter.id } })).toBe(0);
  });
});
