import { beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { translate } from "@/lib/i18n/messages";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { addPublishedChapters, createBook, createCategory, createUser, createVolume } from "@/lib/test/fixtures";
import { newRequestId } from "@/lib/validation/create-request";
import * as admin from "./admin";
import * as auth from "./auth";
import * as authoring from "./authoring";
import * as comments from "./comments";
import * as covers from "./covers";
import { initialFormState } from "./form-state";
import * as imports from "./import";
import * as notices from "./notices";
import * as moderation from "./moderation";
import * as reviews from "./reviews";
import * as shelf from "./shelf";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

// Every server action of the site, refused as the pipeline (lib/actions/client.ts) promises: a
// signed-out visitor is sent to sign in, a signed-in visitor below the action's role is refused,
// and a form with a field it does not have is refused; each time nothing in the database changes
// and no page is expired. The table below must name every exported action: a new action without
// a row fails "knows every action", so its refusals are written with it.

const request = setUpActionRequests();

type Fields = Record<string, string | File | readonly string[]>;
type Ids = { book: number; chapter: number; volume: number; category: number; reader: number; review: number };
type Role = "READER" | "AUTHOR" | "ADMIN";

interface Row {
  /** The least role; "public" for the account forms a signed-out visitor uses (sign in, register, sign out). */
  role: Role | "public";
  /** A form the action's page would post. */
  form: (ids: Ids) => Fields;
  /** How a forged field shows: a field error under its name (the pipeline's), or the form's message. */
  forged: "field" | { message: string } | "ignored";
  /** Whose messages a forged field's error uses, when not its module's (`admin.`, `auth.`, `comments.`). */
  scope?: "admin" | "auth" | "comments";
}

const forbidden = { AUTHOR: translate("authoring.errors.forbidden"), ADMIN: translate("admin.errors.forbidden") };
/** The message scope of an action's refusals, by its module (authoring's by default). */
const scopeOf = (name: string) =>
  (["admin", "auth", "comments", "reviews"] as const).find((s) => name.startsWith(`${s}.`)) ?? "authoring";

const ROWS: Record<string, Row> = {
  "admin.setUserRoleAction": { role: "ADMIN", form: (i) => ({ userId: `${i.reader}`, role: "AUTHOR" }), forged: "field" },
  "admin.disableUserAction": { role: "ADMIN", form: (i) => ({ userId: `${i.reader}` }), forged: "field" },
  "admin.enableUserAction": { role: "ADMIN", form: (i) => ({ userId: `${i.reader}` }), forged: "field" },
  "admin.createCategoryAction": { role: "ADMIN", form: () => ({ slug: "refused", name: "甲", nameEn: "A" }), forged: "field" },
  "admin.renameCategoryAction": {
    role: "ADMIN",
    form: (i) => ({ categoryId: `${i.category}`, name: "乙", nameEn: "B" }),
    forged: "field",
  },
  "admin.moveCategoryAction": { role: "ADMIN", form: (i) => ({ categoryId: `${i.category}`, direction: "up" }), forged: "field" },
  "admin.deleteCategoryAction": { role: "ADMIN", form: (i) => ({ categoryId: `${i.category}` }), forged: "field" },
  "admin.setFeaturedAction": { role: "ADMIN", form: (i) => ({ kind: "EDITOR_PICK", bookIds: [`${i.book}`] }), forged: "field" },
  "admin.setSiteNoticeAction": { role: "ADMIN", form: () => ({ text: "公告" }), forged: "field" },
  "admin.hideBookAction": { role: "ADMIN", form: (i) => ({ bookId: `${i.book}`, reason: "违规" }), forged: "field" },
  "admin.unhideBookAction": { role: "ADMIN", form: (i) => ({ bookId: `${i.book}` }), forged: "field" },

  // A reader's first book makes them an author: READER is this action's least role.
  "authoring.createBookAction": {
    role: "READER",
    form: (i) => ({ title: "新书", intro: "", categoryId: `${i.category}`, status: "ONGOING", language: "zh-CN", requestId: newRequestId() }),
    forged: "field",
  },
  "authoring.updateBookAction": {
    role: "AUTHOR",
    form: (i) => ({
      bookId: `${i.book}`,
      title: "改名",
      intro: "",
      categoryId: `${i.category}`,
      status: "ONGOING",
      language: "zh-CN",
      downloadsEnabled: "on",
    }),
    forged: "field",
  },
  "authoring.trashBookAction": { role: "AUTHOR", form: (i) => ({ bookId: `${i.book}` }), forged: "field" },
  "authoring.restoreBookAction": { role: "AUTHOR", form: (i) => ({ bookId: `${i.book}` }), forged: "field" },
  "authoring.createVolumeAction": {
    role: "AUTHOR",
    form: (i) => ({ bookId: `${i.book}`, title: "第二卷", requestId: newRequestId() }),
    forged: "field",
  },
  "authoring.renameVolumeAction": { role: "AUTHOR", form: (i) => ({ volumeId: `${i.volume}`, title: "新卷名" }), forged: "field" },
  "authoring.moveVolumeAction": {
    role: "AUTHOR",
    form: (i) => ({ bookId: `${i.book}`, volumeId: `${i.volume}`, direction: "up", order: [`${i.volume}`] }),
    forged: "field",
  },
  "authoring.deleteVolumeAction": { role: "AUTHOR", form: (i) => ({ volumeId: `${i.volume}` }), forged: "field" },
  "authoring.createChapterAction": {
    role: "AUTHOR",
    form: (i) => ({ bookId: `${i.book}`, title: "新章", body: "正文。", intent: "publish", requestId: newRequestId() }),
    forged: "field",
  },
  "authoring.updateChapterAction": {
    role: "AUTHOR",
    form: (i) => ({ chapterId: `${i.chapter}`, title: "改章", body: "新正文。", intent: "save" }),
    forged: "field",
  },
  "authoring.chapterRowAction": { role: "AUTHOR", form: (i) => ({ chapterId: `${i.chapter}`, step: "trash" }), forged: "field" },
  "authoring.bulkChaptersAction": {
    role: "AUTHOR",
    form: (i) => ({ bookId: `${i.book}`, chapterIds: [`${i.chapter}`], action: "trash", publishAt: "" }),
    forged: "field",
  },

  "covers.uploadCoverAction": {
    role: "AUTHOR",
    form: (i) => ({ bookId: `${i.book}`, cover: new File(["not an image"], "cover.png", { type: "image/png" }) }),
    forged: { message: translate("authoring.errors.unknownField") },
  },
  "covers.removeCoverAction": {
    role: "AUTHOR",
    form: (i) => ({ bookId: `${i.book}` }),
    forged: { message: translate("authoring.errors.unknownField") },
  },

  // A reader may import a first book; appending to a book needs the author (checked on confirm).
  "imports.importTxtAction": {
    role: "READER",
    form: () => ({ intent: "preview", encoding: "auto", preface: "intro", file: new File(["第一章 起\n正文"], "a.txt") }),
    forged: { message: translate("authoring.errors.unknownField") },
  },

  "comments.postCommentAction": {
    role: "READER",
    form: (i) => ({ chapterId: `${i.chapter}`, bookId: `${i.book}`, body: "好看", requestId: newRequestId() }),
    forged: "field",
  },

  "comments.replyFromDashboardAction": {
    role: "AUTHOR",
    form: (i) => ({ chapterId: `${i.chapter}`, parentId: "1", body: "谢谢", requestId: newRequestId() }),
    forged: "field",
  },
  "comments.hideCommentAction": { role: "AUTHOR", form: () => ({ commentId: "1" }), forged: "field" },
  "comments.restoreCommentAction": { role: "AUTHOR", form: () => ({ commentId: "1" }), forged: "field" },

  "moderation.blockReaderAction": { role: "READER", form: (i) => ({ userId: `${i.reader}` }), forged: "field", scope: "comments" },
  "moderation.unblockReaderAction": { role: "READER", form: (i) => ({ userId: `${i.reader}` }), forged: "field", scope: "comments" },
  "moderation.muteBookAction": { role: "READER", form: (i) => ({ bookId: `${i.book}` }), forged: "field", scope: "comments" },
  "moderation.unmuteBookAction": { role: "READER", form: (i) => ({ bookId: `${i.book}` }), forged: "field", scope: "comments" },
  "moderation.likeCommentAction": { role: "READER", form: () => ({ commentId: "1" }), forged: "field", scope: "comments" },
  "moderation.suspendCommentingAction": {
    role: "ADMIN",
    form: (i) => ({ userId: `${i.reader}`, duration: "7" }),
    forged: "field",
    scope: "admin",
  },
  "moderation.liftSuspensionAction": { role: "ADMIN", form: (i) => ({ userId: `${i.reader}` }), forged: "field", scope: "admin" },
  "moderation.removeCommentAction": { role: "ADMIN", form: () => ({ commentId: "1" }), forged: "field", scope: "admin" },
  "reviews.saveReviewAction": { role: "READER", form: (i) => ({ bookId: `${i.book}`, overall: "4", body: "好看" }), forged: "field" },
  "reviews.deleteReviewAction": { role: "READER", form: (i) => ({ bookId: `${i.book}` }), forged: "field" },
  "reviews.voteHelpfulAction": { role: "READER", form: (i) => ({ reviewId: `${i.review}`, bookId: `${i.book}` }), forged: "field" },
  "reviews.reportReviewAction": {
    role: "READER",
    form: (i) => ({ reviewId: `${i.review}`, bookId: `${i.book}`, reason: "spam" }),
    forged: "field",
  },
  "reviews.hideReviewAction": { role: "ADMIN", form: (i) => ({ reviewId: `${i.review}` }), forged: "field" },
  "reviews.restoreReviewAction": { role: "ADMIN", form: (i) => ({ reviewId: `${i.review}` }), forged: "field" },
  "reviews.removeReviewAction": { role: "ADMIN", form: (i) => ({ reviewId: `${i.review}` }), forged: "field" },

  "shelf.removeFromShelfAction": { role: "READER", form: (i) => ({ bookId: `${i.book}` }), forged: "ignored" },

  // Plain posts that answer with a redirect (a refusal comes back to the page, logged).
  "notices.markAllNoticesReadAction": { role: "READER", form: () => ({}), forged: "ignored" },
  "notices.setNoticeEmailAction": { role: "READER", form: () => ({ noticeEmail: "on" }), forged: "ignored" },
  "notices.unsubscribeAction": { role: "public", form: () => ({}), forged: "ignored" },

  "auth.signInAction": { role: "public", form: () => ({}), forged: "ignored" },
  "auth.registerAction": { role: "public", form: () => ({}), forged: "ignored" },
  "auth.signOutAction": { role: "public", form: () => ({}), forged: "ignored" },
  "auth.requestPasswordResetAction": { role: "public", form: () => ({}), forged: "ignored" },
  "auth.resetPasswordAction": { role: "public", form: () => ({}), forged: "ignored" },
  "auth.signOutEverywhereAction": { role: "READER", form: () => ({}), forged: "ignored" },
  "auth.changePasswordAction": {
    role: "READER",
    form: () => ({ currentPassword: "x", newPassword: "y", newPasswordConfirm: "y" }),
    forged: "field",
  },
}; // prettier-ignore

const MODULES = { admin, auth, authoring, comments, covers, imports, moderation, notices, reviews, shelf } as Record<
  string,
  Record<string, unknown>
>;
type Action = (...args: unknown[]) => Promise<unknown>;
const ACTIONS = Object.entries(MODULES).flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, Action] => typeof entry[1] === "function")
    .map(([name, fn]) => ({ name: `${module}.${name}`, fn })),
);

async function post(fn: Action, fields: Fields): Promise<unknown> {
  // As the hydrated page calls an action (the import answers a plain post with a redirect).
  request.setHeader("next-action", "refusals");
  const form = formOf(fields as Parameters<typeof formOf>[0]);
  return fn.length >= 2 ? fn(initialFormState, form) : fn(form);
}

/** Every row a refused action could have touched. */
async function everything() {
  const db = request.db;
  const byId = { orderBy: { id: "asc" } } as const;
  return Promise.all([
    db.user.findMany({
      ...byId,
      select: {
        id: true,
        role: true,
        disabledAt: true,
        sessionVersion: true,
        noticeEmail: true,
        suspendedAt: true,
        suspendedUntil: true,
      },
    }),
    db.category.findMany(byId),
    db.book.findMany(byId),
    db.volume.findMany(byId),
    db.chapter.findMany(byId),
    db.chapterContent.findMany({ orderBy: { chapterId: "asc" } }),
    db.featuredSlot.findMany({ orderBy: [{ kind: "asc" }, { position: "asc" }] }),
    db.siteSetting.findMany({ orderBy: { key: "asc" } }),
    db.shelfEntry.findMany({ orderBy: [{ userId: "asc" }, { bookId: "asc" }] }),
    db.comment.findMany(byId),
    db.notice.findMany({ orderBy: [{ userId: "asc" }, { bookId: "asc" }] }),
    db.commentLike.findMany({ orderBy: [{ commentId: "asc" }, { userId: "asc" }] }),
    db.readerBlock.findMany({ orderBy: [{ userId: "asc" }, { blockedId: "asc" }] }),
    db.bookMute.findMany({ orderBy: [{ userId: "asc" }, { bookId: "asc" }] }),
    db.review.findMany(byId),
    db.reviewVote.count(),
    db.reviewReport.count(),
    db.coverImage.count(),
    db.importUpload.count(),
  ]);
}

async function refusedWithoutChange(call: () => Promise<unknown>): Promise<unknown> {
  const before = await everything();
  const tags = request.updatedTags.length;
  const outcome = await call();
  expect(await everything()).toEqual(before);
  expect(request.updatedTags.slice(tags)).toEqual([]);
  return outcome;
}

const users: Record<Role, User | null> = { READER: null, AUTHOR: null, ADMIN: null };
let ids: Ids;

beforeAll(async () => {
  users.AUTHOR = await createUser(request.db, { role: "AUTHOR" });
  users.READER = await createUser(request.db, { role: "READER" });
  users.ADMIN = await createUser(request.db, { role: "ADMIN" });
  const category = await createCategory(request.db);
  const book = await createBook(request.db, { authorId: users.AUTHOR.id, categoryId: category.id });
  const volume = await createVolume(request.db, book.id, "第一卷");
  const [chapter] = await addPublishedChapters(request.db, book.id, 2);
  // Another reader's review of the book, for the buttons that act on one.
  const critic = await createUser(request.db, { role: "READER" });
  const review = await request.db.review.create({ data: { bookId: book.id, userId: critic.id, overall: 3 } });
  ids = {
    book: book.id,
    chapter: chapter!.id,
    volume: volume.id,
    category: category.id,
    reader: users.READER.id,
    review: review.id,
  };
});

describe("every server action's refusals", () => {
  it("knows every action", () => {
    expect(ACTIONS.map((a) => a.name).sort()).toEqual(Object.keys(ROWS).sort());
  });

  const protectedActions = ACTIONS.filter(({ name }) => ROWS[name]?.role !== "public");

  it.each(protectedActions)("$name sends a signed-out visitor to sign in, changing nothing", async ({ name, fn }) => {
    request.signOut();
    const where = await refusedWithoutChange(() => redirectOf(post(fn, ROWS[name]!.form(ids))));
    expect(where).toMatch(/^\/login(\?next=(%2F|\/)[^&]*)?$/);
  });

  const belowTheirRole = ACTIONS.filter(({ name }) => ["AUTHOR", "ADMIN"].includes(ROWS[name]?.role ?? ""));

  it.each(belowTheirRole)("$name refuses a visitor below its role, changing nothing", async ({ name, fn }) => {
    const row = ROWS[name]!;
    const role = row.role as "AUTHOR" | "ADMIN";
    for (const lower of role === "ADMIN" ? (["READER", "AUTHOR"] as const) : (["READER"] as const)) {
      await request.signInAs(users[lower]!);
      const state = await refusedWithoutChange(() => post(fn, row.form(ids)));
      const message = scopeOf(name) === "reviews" ? translate("reviews.errors.forbidden") : forbidden[role];
      expect(state).toMatchObject({ status: "error", message });
    }
  });

  const withForms = ACTIONS.filter(({ name }) => ROWS[name]?.forged !== "ignored");

  it.each(withForms)("$name refuses a forged field, changing nothing", async ({ name, fn }) => {
    const row = ROWS[name]!;
    await request.signInAs(users[row.role === "READER" ? "AUTHOR" : (row.role as Role)]!);
    const state = await refusedWithoutChange(() => post(fn, { ...row.form(ids), authorId: `${ids.reader}` }));
    expect(state).toMatchObject({ status: "error" });
    if (row.forged === "field") {
      const scope = row.scope ?? scopeOf(name);
      expect((state as { fieldErrors?: Record<string, string[]> }).fieldErrors?.authorId).toEqual([
        translate(`${scope}.errors.unknownField`),
      ]);
    } else if (typeof row.forged === "object") {
      expect(state).toMatchObject({ message: row.forged.message });
    }
  });
});
