import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Category, User } from "@/lib/generated/prisma/client";
import { formOf, setUpActionRequests } from "@/lib/test/action-harness";
import { authoringError, changesNothing, chapterOrder, message, signedIn } from "@/lib/test/authoring-actions";
import { addChapter, createCategory, createPublishedBook } from "@/lib/test/fixtures";
import { chapterRowAction } from "./authoring";
import { initialFormState } from "./form-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

// The one form of a row of the paginated chapter list (components/dashboard/chapter-list.tsx):
// the pressed button is `step`; the form also carries the chapter's `position` and the place
// typed in `to`, whichever button was pressed.

const request = setUpActionRequests();
const done = { status: "success", message: message("dashboard.done") };

let category: Category;

beforeAll(async () => {
  category = await createCategory(request.db, { slug: "row" });
});

async function bookOf(author: User, published: number, drafts = 0) {
  const book = await createPublishedBook(request.db, {
    authorId: author.id,
    categoryId: category.id,
    chapters: published,
  });
  for (let i = 0; i < drafts; i++) await addChapter(request.db, book.id, { status: "DRAFT", body: "草稿正文" });
  return { book, ids: await chapterOrder(request.db, book.id) };
}

const row = (chapterId: number, position: number, step: string, to = String(position)) =>
  formOf({ chapterId: String(chapterId), position: String(position), to, step });

describe("chapterRowAction", () => {
  it("moves up and down across what would be a page boundary, and to a typed place", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author, 4);
    const [a, b, c, d] = ids as [number, number, number, number];
    expect(await chapterRowAction(initialFormState, row(c, 3, "up"))).toEqual(done);
    expect(await chapterOrder(request.db, book.id)).toEqual([a, c, b, d]);
    expect(await chapterRowAction(initialFormState, row(a, 1, "down"))).toEqual(done);
    expect(await chapterOrder(request.db, book.id)).toEqual([c, a, b, d]);
    expect(await chapterRowAction(initialFormState, row(d, 4, "move", "1"))).toEqual(done);
    expect(await chapterOrder(request.db, book.id)).toEqual([d, c, a, b]);
  });

  it("runs the one-button steps, ignoring the place field; cancels a schedule back to a draft", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookOf(author, 1, 1);
    const draft = ids[1]!;
    await request.db.chapter.update({
      where: { id: draft },
      data: { status: "SCHEDULED", publishAt: new Date(Date.now() + 86_400_000) },
    });
    expect(await chapterRowAction(initialFormState, row(draft, 2, "unpublish", "7"))).toEqual(done);
    expect(await request.db.chapter.findUniqueOrThrow({ where: { id: draft } })).toMatchObject({
      status: "DRAFT",
      publishAt: null,
    });
    expect(await chapterRowAction(initialFormState, row(draft, 2, "trash"))).toEqual(done);
    expect(await chapterOrder(request.db, book.id)).toEqual([ids[0]]);
  });

  it("refuses an unknown step, a malformed place and a forged field; changes nothing", async () => {
    const author = await signedIn(request);
    const { ids } = await bookOf(author, 2);
    const unknown = await changesNothing(request, () => chapterRowAction(initialFormState, row(ids[0]!, 1, "delete")));
    expect(unknown).toEqual({ status: "error", message: authoringError("invalidOption"), fieldErrors: {} });
    for (const to of ["", "0", "abc", "-3"]) {
      const state = await changesNothing(request, () =>
        chapterRowAction(initialFormState, row(ids[0]!, 1, "move", to)),
      );
      expect(state.fieldErrors?.position).toEqual([authoringError("invalid")]);
    }
    const forged = formOf({ chapterId: String(ids[0]), position: "1", to: "2", step: "move", bookId: "1" });
    const state = await changesNothing(request, () => chapterRowAction(initialFormState, forged));
    expect(state.fieldErrors?.bookId).toEqual([authoringError("unknownField")]);
  });
});
