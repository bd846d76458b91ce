import { beforeAll, describe, expect, it, vi } from "vitest";
import { TAGS } from "@/lib/data/cache-tags";
import { queryTableOfContents } from "@/lib/data/queries/chapters";
import type { Book, Category, User, Volume } from "@/lib/generated/prisma/client";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import {
  authoringError,
  changesNothing,
  loginFor,
  MALFORMED_IDS,
  message,
  signedIn,
  volumeOrder,
} from "@/lib/test/authoring-actions";
import {
  addChapter,
  createBook,
  createCategory,
  createPublishedBook,
  createUser,
  createVolume,
} from "@/lib/test/fixtures";
import { createVolumeAction, deleteVolumeAction, moveVolumeAction, renameVolumeAction } from "./authoring";
import { initialFormState } from "./form-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

const request = setUpActionRequests();
const saved = { status: "success", message: message("dashboard.saved") };
const done = { status: "success", message: message("dashboard.done") };
const notFound = { status: "error", message: authoringError("notFound") };
const forbidden = { status: "error", message: authoringError("forbidden") };
const fixErrors = message("dashboard.fixErrors");

let category: Category;

beforeAll(async () => {
  category = await createCategory(request.db);
});

/** A public book of `author` with three volumes 上, 中, 下; its one chapter is in 中. */
async function bookWithVolumes(author: User, opts: { public?: boolean } = {}) {
  const book: Book =
    opts.public === false
      ? await createBook(request.db, { authorId: author.id, categoryId: category.id })
      : await createPublishedBook(request.db, { authorId: author.id, categoryId: category.id });
  const volumes: Volume[] = [];
  for (const title of ["上", "中", "下"]) volumes.push(await createVolume(request.db, book.id, title));
  await request.db.chapter.updateMany({ where: { bookId: book.id }, data: { volumeId: volumes[1]!.id } });
  return { book, volumes, ids: volumes.map((v) => v.id) };
}

/** The move form VolumesManager renders for `volume`: the book, the volume, the direction, the whole order. */
function moveForm(bookId: number, volumeId: number, direction: string, order: readonly number[]) {
  return formOf({ bookId: String(bookId), volumeId: String(volumeId), direction, order: order.map(String) });
}

describe("createVolumeAction", () => {
  it("appends a volume to a public book and expires only the book's index pages", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookWithVolumes(author);
    const other = await createPublishedBook(request.db, { categoryId: category.id });
    const state = await createVolumeAction(initialFormState, formOf({ bookId: String(book.id), title: "  外  传 " }));
    expect(state).toEqual(saved);
    expect(request.refreshes).toBe(1);
    const order = await volumeOrder(request.db, book.id);
    expect(order.slice(0, 3)).toEqual(ids);
    expect(await request.db.volume.findUniqueOrThrow({ where: { id: order[3]! } })).toMatchObject({ title: "外 传" });
    expect(request.updatedTags).toEqual([TAGS.toc(book.id)]);
    expect(request.updatedTags).not.toContain(TAGS.toc(other.id));
  });

  it("expires nothing for a book that is not public", async () => {
    const author = await signedIn(request);
    const { book } = await bookWithVolumes(author, { public: false });
    expect(await createVolumeAction(initialFormState, formOf({ bookId: String(book.id), title: "卷" }))).toEqual(saved);
    expect(await request.db.volume.count({ where: { bookId: book.id } })).toBe(4);
    expect(request.updatedTags).toEqual([]);
  });

  it("sends a signed-out visitor to sign in, back to the book", async () => {
    const { book } = await bookWithVolumes(await createUser(request.db));
    const form = formOf({ bookId: String(book.id), title: "卷" });
    expect(await changesNothing(request, () => redirectOf(createVolumeAction(initialFormState, form)))).toBe(
      loginFor(`/dashboard/books/${book.id}`),
    );
  });

  it("answers someone else's book like a missing one, and refuses a reader", async () => {
    const { book } = await bookWithVolumes(await createUser(request.db));
    await signedIn(request);
    for (const bookId of [book.id, 2147483647]) {
      const form = formOf({ bookId: String(bookId), title: "偷偷加一卷" });
      expect(await changesNothing(request, () => createVolumeAction(initialFormState, form))).toMatchObject(notFound);
    }
    await signedIn(request, "READER");
    const form = formOf({ bookId: String(book.id), title: "卷" });
    expect(await changesNothing(request, () => createVolumeAction(initialFormState, form))).toMatchObject(forbidden);
    expect(request.updatedTags).toEqual([]);
  });

  it.each([
    ["a forged position", { position: "1" }, "position", authoringError("unknownField")],
    ["a forged volume id", { volumeId: "1" }, "volumeId", authoringError("unknownField")],
    ["an empty title", { title: " " }, "title", authoringError("required")],
    ["a title of 101 characters", { title: "卷".repeat(101) }, "title", authoringError("tooLong", { max: 100 })],
    ["NUL in the title", { title: "卷\u0000" }, "title", authoringError("nulCharacter", { position: 2 })],
  ])("refuses %s with a field error, changing nothing", async (_, change, field, expected) => {
    const author = await signedIn(request);
    const { book } = await bookWithVolumes(author);
    const form = formOf({ bookId: String(book.id), title: "卷", ...change });
    const state = await changesNothing(request, () => createVolumeAction(initialFormState, form));
    expect(state).toMatchObject({ status: "error", message: fixErrors });
    expect(state.fieldErrors?.[field]).toEqual([expected]);
  });

  it.each(MALFORMED_IDS)("refuses the malformed book id %j", async (bookId) => {
    await signedIn(request);
    const state = await changesNothing(request, () =>
      createVolumeAction(initialFormState, formOf({ bookId, title: "卷" })),
    );
    expect(state.fieldErrors?.bookId).toEqual([authoringError("invalid")]);
  });
});

describe("renameVolumeAction", () => {
  it("renames the volume, shown at once in the public table of contents", async () => {
    const author = await signedIn(request);
    const { book, volumes } = await bookWithVolumes(author);
    const state = await renameVolumeAction(
      initialFormState,
      formOf({ volumeId: String(volumes[1]!.id), title: " 第二卷\u200B 风起 " }),
    );
    expect(state).toEqual(saved);
    const toc = await queryTableOfContents(request.db, book.id);
    expect(toc?.volumes.map((v) => v.title)).toEqual(["第二卷 风起"]);
    expect(
      (await request.db.volume.findMany({ where: { bookId: book.id }, orderBy: { id: "asc" } })).map((v) => v.title),
    ).toEqual(["上", "第二卷 风起", "下"]);
    expect(request.updatedTags).toEqual([TAGS.toc(book.id)]);
  });

  it("sends a signed-out visitor to sign in", async () => {
    const { volumes } = await bookWithVolumes(await createUser(request.db));
    const form = formOf({ volumeId: String(volumes[0]!.id), title: "改" });
    expect(await changesNothing(request, () => redirectOf(renameVolumeAction(initialFormState, form)))).toBe(
      loginFor("/dashboard"),
    );
  });

  it("answers someone else's volume like a missing one, and refuses a reader", async () => {
    const { volumes } = await bookWithVolumes(await createUser(request.db));
    await signedIn(request);
    for (const volumeId of [volumes[0]!.id, 2147483647]) {
      const form = formOf({ volumeId: String(volumeId), title: "改" });
      expect(await changesNothing(request, () => renameVolumeAction(initialFormState, form))).toMatchObject(notFound);
    }
    await signedIn(request, "READER");
    const form = formOf({ volumeId: String(volumes[0]!.id), title: "改" });
    expect(await changesNothing(request, () => renameVolumeAction(initialFormState, form))).toMatchObject(forbidden);
  });

  it.each([
    ["a forged book id (moving the volume to another book)", { bookId: "1" }, "bookId", "unknownField"],
    ["a forged position", { position: "1" }, "position", "unknownField"],
    ["a title over the cap", { title: "卷".repeat(1000) }, "title", "tooLong"],
    ["NUL in the title", { title: "\u0000" }, "title", "nulCharacter"],
  ])("refuses %s, changing nothing", async (_, change, field, key) => {
    const author = await signedIn(request);
    const { volumes } = await bookWithVolumes(author);
    const form = formOf({ volumeId: String(volumes[0]!.id), title: "改", ...change });
    const state = await changesNothing(request, () => renameVolumeAction(initialFormState, form));
    expect(state.status).toBe("error");
    expect(state.fieldErrors?.[field]?.[0]).toBe(
      authoringError(key, key === "tooLong" ? { max: 100 } : key === "nulCharacter" ? { position: 1 } : undefined),
    );
  });

  it.each(MALFORMED_IDS)("refuses the malformed volume id %j", async (volumeId) => {
    await signedIn(request);
    const state = await changesNothing(request, () =>
      renameVolumeAction(initialFormState, formOf({ volumeId, title: "改" })),
    );
    expect(state.fieldErrors?.volumeId).toEqual([authoringError("invalid")]);
  });
});

describe("moveVolumeAction", () => {
  it("moves a volume one place up or down; positions stay 1..n; only the book's index pages expire", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookWithVolumes(author);
    const [a, b, c] = ids as [number, number, number];
    expect(await moveVolumeAction(initialFormState, moveForm(book.id, c, "up", ids))).toEqual(done);
    expect(await volumeOrder(request.db, book.id)).toEqual([a, c, b]);
    expect(await moveVolumeAction(initialFormState, moveForm(book.id, a, "down", [a, c, b]))).toEqual(done);
    expect(await volumeOrder(request.db, book.id)).toEqual([c, a, b]);
    expect(request.updatedTags).toEqual([TAGS.toc(book.id), TAGS.toc(book.id)]);
  });

  it("keeps the order at the ends (the first volume cannot go up)", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookWithVolumes(author);
    expect(await moveVolumeAction(initialFormState, moveForm(book.id, ids[0]!, "up", ids))).toEqual(done);
    expect(await moveVolumeAction(initialFormState, moveForm(book.id, ids[2]!, "down", ids))).toEqual(done);
    expect(await volumeOrder(request.db, book.id)).toEqual(ids);
  });

  it("refuses an order that is no longer the book's (a volume was added meanwhile)", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookWithVolumes(author);
    await createVolume(request.db, book.id, "新卷");
    const state = await changesNothing(request, () =>
      moveVolumeAction(initialFormState, moveForm(book.id, ids[1]!, "up", ids)),
    );
    expect(state).toMatchObject({ status: "error", message: authoringError("staleOrder") });
  });

  it("two moves at once: both apply one after the other, positions unique and contiguous", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookWithVolumes(author);
    for (let round = 0; round < 5; round++) {
      const order = await volumeOrder(request.db, book.id);
      const states = await Promise.all([
        moveVolumeAction(initialFormState, moveForm(book.id, order[0]!, "down", order)),
        moveVolumeAction(initialFormState, moveForm(book.id, order[2]!, "up", order)),
      ]);
      for (const state of states) expect(state).toEqual(done);
      const after = await volumeOrder(request.db, book.id);
      expect([...after].sort()).toEqual([...ids].sort());
      // Each form carried the whole order it saw: the later write wins as a whole.
      expect([
        [order[1], order[0], order[2]],
        [order[0], order[2], order[1]],
      ]).toContainEqual(after);
    }
  });

  it("sends a signed-out visitor to sign in", async () => {
    const { book, ids } = await bookWithVolumes(await createUser(request.db));
    expect(
      await changesNothing(request, () =>
        redirectOf(moveVolumeAction(initialFormState, moveForm(book.id, ids[0]!, "down", ids))),
      ),
    ).toBe(loginFor("/dashboard"));
  });

  it("answers someone else's book like a missing one, and refuses a reader", async () => {
    const { book, ids } = await bookWithVolumes(await createUser(request.db));
    await signedIn(request);
    const theirs = await changesNothing(request, () =>
      moveVolumeAction(initialFormState, moveForm(book.id, ids[0]!, "down", ids)),
    );
    expect(theirs).toMatchObject(notFound);
    // Their volumes under my book: the order is not my book's.
    const mine = await bookWithVolumes(await signedIn(request));
    const mixed = await changesNothing(request, () =>
      moveVolumeAction(initialFormState, moveForm(mine.book.id, ids[0]!, "down", [ids[0]!, ...mine.ids.slice(1)])),
    );
    expect(mixed).toMatchObject({ status: "error", message: authoringError("staleOrder") });
    await signedIn(request, "READER");
    expect(
      await changesNothing(request, () => moveVolumeAction(initialFormState, moveForm(book.id, ids[0]!, "down", ids))),
    ).toMatchObject(forbidden);
  });

  it.each(["abc", "-1", "1e3", "0", "99999999999999999999", ""])(
    "refuses the malformed book id %j with a field error",
    async (bookId) => {
      const author = await signedIn(request);
      const { ids } = await bookWithVolumes(author);
      const form = formOf({ bookId, volumeId: String(ids[0]), direction: "down", order: ids.map(String) });
      const state = await changesNothing(request, () => moveVolumeAction(initialFormState, form));
      expect(state.fieldErrors?.bookId).toEqual([authoringError("invalid")]);
    },
  );

  it("reads ids strictly: '<id>e0', '0x…' or ' <id>.0' never name a real book or volume", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookWithVolumes(author);
    for (const bookId of [`${book.id}e0`, `0x${book.id.toString(16)}`, `${book.id}.0`]) {
      const form = formOf({ bookId, volumeId: String(ids[0]), direction: "down", order: ids.map(String) });
      const state = await changesNothing(request, () => moveVolumeAction(initialFormState, form));
      expect(state.fieldErrors?.bookId).toEqual([authoringError("invalid")]);
    }
    const order = [`${ids[0]}e0`, String(ids[1]), String(ids[2])];
    const form = formOf({ bookId: String(book.id), volumeId: String(ids[1]), direction: "up", order });
    const state = await changesNothing(request, () => moveVolumeAction(initialFormState, form));
    expect(state.fieldErrors?.volumeIds).toEqual([authoringError("invalid")]);
  });

  it.each([
    ["a direction that is neither up nor down", { direction: "sideways" }],
    ["a volume that is not in the order", { volumeId: "2147483647" }],
    ["a malformed volume id", { volumeId: "abc" }],
  ])("refuses %s instead of saving nothing as done", async (_, change) => {
    const author = await signedIn(request);
    const { book, ids } = await bookWithVolumes(author);
    const form = formOf({
      bookId: String(book.id),
      volumeId: String(ids[1]),
      direction: "down",
      order: ids.map(String),
      ...change,
    });
    const state = await changesNothing(request, () => moveVolumeAction(initialFormState, form));
    expect(state).toMatchObject({ status: "error", message: authoringError("invalidOption") });
    expect(request.updatedTags).toEqual([]);
  });

  it("refuses a forged field instead of silently ignoring it", async () => {
    const author = await signedIn(request);
    const { book, ids } = await bookWithVolumes(author);
    const form = moveForm(book.id, ids[1]!, "down", ids);
    form.append("position", "1");
    const state = await changesNothing(request, () => moveVolumeAction(initialFormState, form));
    expect(state.fieldErrors?.position).toEqual([authoringError("unknownField")]);
  });
});

describe("deleteVolumeAction", () => {
  it("deletes a volume; its chapters move to the volume before it and stay public", async () => {
    const author = await signedIn(request);
    const { book, volumes } = await bookWithVolumes(author);
    const [first, middle, last] = volumes as [Volume, Volume, Volume];
    const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
    expect(await deleteVolumeAction(initialFormState, formOf({ volumeId: String(middle.id) }))).toEqual(done);
    expect(await volumeOrder(request.db, book.id)).toEqual([first.id, last.id]);
    expect((await request.db.chapter.findUniqueOrThrow({ where: { id: chapter.id } })).volumeId).toBe(first.id);
    const toc = await queryTableOfContents(request.db, book.id);
    expect(toc?.volumes).toEqual([{ id: first.id, title: "上", chapters: [{ id: chapter.id, title: chapter.title }] }]);
    // Chapter pages show no volume: the chapter's own page keeps its cache.
    expect(request.updatedTags).toEqual([TAGS.toc(book.id)]);
  });

  it("moves the chapters of the first volume to the next one, and of the only one to none", async () => {
    const author = await signedIn(request);
    const { book, volumes } = await bookWithVolumes(author, { public: false });
    const chapter = await addChapter(request.db, book.id, { status: "DRAFT", volumeId: volumes[0]!.id });
    await deleteVolumeAction(initialFormState, formOf({ volumeId: String(volumes[0]!.id) }));
    expect((await request.db.chapter.findUniqueOrThrow({ where: { id: chapter.id } })).volumeId).toBe(volumes[1]!.id);
    await deleteVolumeAction(initialFormState, formOf({ volumeId: String(volumes[2]!.id) }));
    await deleteVolumeAction(initialFormState, formOf({ volumeId: String(volumes[1]!.id) }));
    expect(await request.db.volume.count({ where: { bookId: book.id } })).toBe(0);
    expect(await request.db.chapter.findUniqueOrThrow({ where: { id: chapter.id } })).toMatchObject({
      volumeId: null,
      deletedAt: null,
    });
    expect(request.updatedTags).toEqual([]);
  });

  it("never moves chapters into another book's volume", async () => {
    const author = await signedIn(request);
    const { volumes } = await bookWithVolumes(author);
    const theirs = await bookWithVolumes(await createUser(request.db));
    const form = formOf({ volumeId: String(volumes[1]!.id), moveChaptersTo: String(theirs.volumes[0]!.id) });
    const state = await changesNothing(request, () => deleteVolumeAction(initialFormState, form));
    expect(state.fieldErrors?.moveChaptersTo).toEqual([authoringError("invalidOption")]);
  });

  it("sends a signed-out visitor to sign in", async () => {
    const { volumes } = await bookWithVolumes(await createUser(request.db));
    const form = formOf({ volumeId: String(volumes[0]!.id) });
    expect(await changesNothing(request, () => redirectOf(deleteVolumeAction(initialFormState, form)))).toBe(
      loginFor("/dashboard"),
    );
  });

  it("answers someone else's volume like a missing one, and refuses a reader", async () => {
    const { volumes } = await bookWithVolumes(await createUser(request.db));
    await signedIn(request);
    for (const volumeId of [volumes[0]!.id, 2147483647]) {
      const form = formOf({ volumeId: String(volumeId) });
      expect(await changesNothing(request, () => deleteVolumeAction(initialFormState, form))).toMatchObject(notFound);
    }
    await signedIn(request, "READER");
    const form = formOf({ volumeId: String(volumes[0]!.id) });
    expect(await changesNothing(request, () => deleteVolumeAction(initialFormState, form))).toMatchObject(forbidden);
  });

  it("refuses forged fields and malformed ids", async () => {
    const author = await signedIn(request);
    const { book, volumes } = await bookWithVolumes(author);
    const forged = formOf({ volumeId: String(volumes[0]!.id), bookId: String(book.id) });
    expect(
      (await changesNothing(request, () => deleteVolumeAction(initialFormState, forged))).fieldErrors?.bookId,
    ).toEqual([authoringError("unknownField")]);
    for (const volumeId of MALFORMED_IDS) {
      const state = await changesNothing(request, () => deleteVolumeAction(initialFormState, formOf({ volumeId })));
      expect(state.fieldErrors?.volumeId).toEqual([authoringError("invalid")]);
    }
  });
});
