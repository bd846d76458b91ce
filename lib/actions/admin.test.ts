import { describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "@/lib/auth/session";
import { getBookForEdit, listMyBooks } from "@/lib/data/authoring/books";
import { TAGS } from "@/lib/data/cache-tags";
import { getShelf } from "@/lib/data/reader";
import { queryAuthorPage, queryBookDetail, queryBookListing, queryRanking } from "@/lib/data/queries/books";
import { queryChapterPage, queryTableOfContents } from "@/lib/data/queries/chapters";
import { queryFeatured, querySiteNotice } from "@/lib/data/queries/home";
import { querySearch } from "@/lib/data/queries/search";
import type { User } from "@/lib/generated/prisma/client";
import { translate } from "@/lib/i18n/messages";
import { parseSearchQuery } from "@/lib/search/normalize";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { addChapter, createBook, createCategory, createPublishedBook, createUser } from "@/lib/test/fixtures";
import { DEFAULT_LISTING_PARAMS } from "@/lib/validation/listing";
import {
  createCategoryAction,
  deleteCategoryAction,
  disableUserAction,
  enableUserAction,
  hideBookAction,
  moveCategoryAction,
  renameCategoryAction,
  setFeaturedAction,
  setSiteNoticeAction,
  setUserRoleAction,
  unhideBookAction,
} from "./admin";
import { type FormState, initialFormState } from "./form-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

const request = setUpActionRequests();
const t = translate;
const err = (key: string, values?: Record<string, number>) => t(`admin.errors.${key}`, values);
/** The limits the "too long" messages state, by field. */
const LIMIT: Record<string, number> = { slug: 40, name: 40, nameEn: 60, text: 500, reason: 500 };
const SAVED = { status: "success", message: t("admin.saved") };
const FORBIDDEN = { status: "error", message: err("forbidden"), fieldErrors: {} };

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;
type Fields = Record<string, string | readonly string[]>;

let sequence = 0;
const n = () => ++sequence;

async function signedIn(role: User["role"]): Promise<User> {
  const user = await createUser(request.db, { role });
  await request.signInAs(user);
  return user;
}

const post = (action: Action, fields: Fields) => action(initialFormState, formOf(fields));

/** A FormData whose decoder let a lone surrogate through (a real multipart parse turns it into U+FFFD). */
function rawFormOf(fields: Record<string, string>): FormData {
  const entries = Object.entries(fields);
  return {
    entries: () => entries[Symbol.iterator](),
    get: (name: string) => fields[name] ?? null,
    getAll: (name: string) => (name in fields ? [fields[name]] : []),
  } as unknown as FormData;
}

/** Everything an admin action can change, to show that a refused one changed nothing. */
async function snapshot() {
  const db = request.db;
  const [users, categories, slots, settings, books] = await Promise.all([
    db.user.findMany({
      orderBy: { id: "asc" },
      select: { id: true, role: true, disabledAt: true, sessionVersion: true },
    }),
    db.category.findMany({ orderBy: { id: "asc" } }),
    db.featuredSlot.findMany({ orderBy: [{ kind: "asc" }, { position: "asc" }] }),
    db.siteSetting.findMany({ orderBy: { key: "asc" } }),
    db.book.findMany({ orderBy: { id: "asc" }, select: { id: true, hiddenAt: true, hiddenReason: true } }),
  ]);
  return { users, categories, slots, settings, books };
}

function expectNoInvalidation() {
  expect(request.updatedTags).toEqual([]);
  expect(request.refreshes).toBe(0);
}

// ---- every action -------------------------------------------------------------------------

interface Case {
  name: string;
  action: Action;
  returnTo: string;
  /** A form the real page would post, which changes something when an admin posts it. */
  valid: () => Promise<Fields>;
}

const cases: Case[] = [
  {
    name: "setUserRoleAction",
    action: setUserRoleAction,
    returnTo: "/admin/users",
    valid: async () => ({ userId: String((await createUser(request.db, { role: "READER" })).id), role: "AUTHOR" }),
  },
  {
    name: "disableUserAction",
    action: disableUserAction,
    returnTo: "/admin/users",
    valid: async () => ({ userId: String((await createUser(request.db, { role: "AUTHOR" })).id) }),
  },
  {
    name: "enableUserAction",
    action: enableUserAction,
    returnTo: "/admin/users",
    valid: async () => ({ userId: String((await createUser(request.db, { disabledAt: new Date() })).id) }),
  },
  {
    name: "createCategoryAction",
    action: createCategoryAction,
    returnTo: "/admin/categories",
    valid: async () => ({ slug: `new-${n()}`, name: "新分类", nameEn: "New" }),
  },
  {
    name: "renameCategoryAction",
    action: renameCategoryAction,
    returnTo: "/admin/categories",
    valid: async () => ({ categoryId: String((await createCategory(request.db)).id), name: "改名", nameEn: "Renamed" }),
  },
  {
    name: "moveCategoryAction",
    action: moveCategoryAction,
    returnTo: "/admin/categories",
    valid: async () => {
      await createCategory(request.db, { sort: 1000 });
      return { categoryId: String((await createCategory(request.db, { sort: 1001 })).id), direction: "up" };
    },
  },
  {
    name: "deleteCategoryAction",
    action: deleteCategoryAction,
    returnTo: "/admin/categories",
    valid: async () => ({ categoryId: String((await createCategory(request.db)).id) }),
  },
  {
    name: "setFeaturedAction",
    action: setFeaturedAction,
    returnTo: "/admin/featured",
    valid: async () => ({ kind: "EDITOR_PICK", bookIds: [String((await createPublishedBook(request.db)).id)] }),
  },
  {
    name: "setSiteNoticeAction",
    action: setSiteNoticeAction,
    returnTo: "/admin/notice",
    valid: async () => ({ text: `公告 ${n()}` }),
  },
  {
    name: "hideBookAction",
    action: hideBookAction,
    returnTo: "/admin/books",
    valid: async () => ({ bookId: String((await createPublishedBook(request.db)).id), reason: "违规内容" }),
  },
  {
    name: "unhideBookAction",
    action: unhideBookAction,
    returnTo: "/admin/books",
    valid: async () => ({ bookId: String((await createPublishedBook(request.db, { hiddenAt: new Date() })).id) }),
  },
];

describe.each(cases)("$name", ({ action, returnTo, valid }) => {
  it("sends a signed-out visitor to sign in, changing nothing", async () => {
    const form = await valid();
    const before = await snapshot();
    expect(await redirectOf(post(action, form))).toBe(`/login?next=${encodeURIComponent(returnTo)}`);
    expect(await snapshot()).toEqual(before);
    expectNoInvalidation();
  });

  it.each(["READER", "AUTHOR"] as const)("refuses a signed-in %s, changing nothing", async (role) => {
    const form = await valid();
    await signedIn(role);
    const before = await snapshot();
    expect(await post(action, form)).toEqual(FORBIDDEN);
    expect(await snapshot()).toEqual(before);
    expectNoInvalidation();
  });

  it("refuses a disabled admin's still-open session as signed out", async () => {
    const form = await valid();
    const admin = await signedIn("ADMIN");
    await request.db.user.update({ where: { id: admin.id }, data: { disabledAt: new Date() } });
    const before = await snapshot();
    expect(await redirectOf(post(action, form))).toBe(`/login?next=${encodeURIComponent(returnTo)}`);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a forged field (an actor id) as a whole, changing nothing", async () => {
    const form = await valid();
    const admin = await signedIn("ADMIN");
    const before = await snapshot();
    const state = await post(action, { ...form, actorId: String(admin.id + 1000) });
    expect(state).toEqual({
      status: "error",
      message: err("invalid"),
      fieldErrors: { actorId: [err("unknownField")] },
    });
    expect(await snapshot()).toEqual(before);
    expectNoInvalidation();
  });

  it("does what the form asks for an admin: saved, the client refreshed", async () => {
    const form = await valid();
    await signedIn("ADMIN");
    const before = await snapshot();
    expect(await post(action, form)).toEqual(SAVED);
    expect(await snapshot()).not.toEqual(before);
    expect(request.updatedTags.length).toBeGreaterThan(0);
    expect(request.refreshes).toBe(1);
  });
});

describe.each([
  ["setUserRoleAction", setUserRoleAction, "userId", { role: "AUTHOR" }],
  ["disableUserAction", disableUserAction, "userId", {}],
  ["enableUserAction", enableUserAction, "userId", {}],
  ["renameCategoryAction", renameCategoryAction, "categoryId", { name: "名", nameEn: "Name" }],
  ["moveCategoryAction", moveCategoryAction, "categoryId", { direction: "down" }],
  ["deleteCategoryAction", deleteCategoryAction, "categoryId", {}],
  ["hideBookAction", hideBookAction, "bookId", { reason: "理由" }],
  ["unhideBookAction", unhideBookAction, "bookId", {}],
] as const)("%s with a malformed id", (_, action, field, rest) => {
  it.each(["", "abc", "0", "-1", "1.5", "2147483648", "99999999999999999999", "1; DROP TABLE", "Infinity"])(
    "answers %j with a field error on the id, changing nothing",
    async (id) => {
      await signedIn("ADMIN");
      const before = await snapshot();
      const state = await post(action, { ...rest, [field]: id });
      expect(state).toEqual({ status: "error", message: err("invalid"), fieldErrors: { [field]: [err("invalidId")] } });
      expect(await snapshot()).toEqual(before);
      expectNoInvalidation();
    },
  );

  it("answers a file posted as the id with a field error", async () => {
    await signedIn("ADMIN");
    const state = await action(initialFormState, formOf({ ...rest, [field]: new File(["1"], "id.txt") }));
    expect(state.fieldErrors?.[field]).toEqual([err("invalidId")]);
  });

  it("answers an id that does not exist with a message, not a throw", async () => {
    await signedIn("ADMIN");
    const state = await post(action, { ...rest, [field]: "2147483647" });
    expect(state.status).toBe("error");
    expect(state.message).toBe(field === "bookId" ? err("unknownBook") : err("notFound"));
    expectNoInvalidation();
  });
});

// ---- users --------------------------------------------------------------------------------

describe("user administration", () => {
  it("changes another user's role, expiring their author page; it takes effect on their open session", async () => {
    const target = await createUser(request.db, { role: "ADMIN" });
    await request.signInAs(target);
    const theirCookie = request.sessionCookie()!;
    await signedIn("ADMIN");

    expect(await post(setUserRoleAction, { userId: String(target.id), role: "READER" })).toEqual(SAVED);
    expect((await request.db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("READER");
    expect(request.updatedTags).toEqual([TAGS.author(target.id)]);

    // The demoted admin's next admin action, on the session they already had, is refused.
    request.setCookie("next-auth.session-token", theirCookie);
    expect((await getCurrentUser())?.role).toBe("READER");
    const category = await createCategory(request.db);
    expect(await post(deleteCategoryAction, { categoryId: String(category.id) })).toEqual(FORBIDDEN);
    expect(await request.db.category.findUnique({ where: { id: category.id } })).not.toBeNull();
  });

  it("refuses an unknown role", async () => {
    const target = await createUser(request.db, { role: "READER" });
    await signedIn("ADMIN");
    for (const role of ["ROOT", "admin", "", "ADMIN\u0000"]) {
      const state = await post(setUserRoleAction, { userId: String(target.id), role });
      expect(state.fieldErrors).toEqual({ role: [err("invalidRole")] });
    }
    expect((await request.db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("READER");
  });

  it("disabling a user ends their open session at once", async () => {
    const target = await createUser(request.db, { role: "AUTHOR" });
    await request.signInAs(target);
    const theirCookie = request.sessionCookie()!;
    expect((await getCurrentUser())?.id).toBe(target.id);

    await signedIn("ADMIN");
    expect(await post(disableUserAction, { userId: String(target.id) })).toEqual(SAVED);
    expect(request.updatedTags).toEqual([TAGS.author(target.id)]);
    const after = await request.db.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(after.disabledAt).toBeInstanceOf(Date);
    expect(after.sessionVersion).toBe(target.sessionVersion + 1);

    request.setCookie("next-auth.session-token", theirCookie);
    expect(await getCurrentUser()).toBeNull();
  });

  it("enabling a user lets them sign in again but does not revive the sessions that were ended", async () => {
    const target = await createUser(request.db, { role: "AUTHOR" });
    await request.signInAs(target);
    const theirCookie = request.sessionCookie()!;
    await signedIn("ADMIN");
    await post(disableUserAction, { userId: String(target.id) });
    expect(await post(enableUserAction, { userId: String(target.id) })).toEqual(SAVED);
    expect((await request.db.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull();

    request.setCookie("next-auth.session-token", theirCookie);
    expect(await getCurrentUser()).toBeNull();
    await request.signInAs(await request.db.user.findUniqueOrThrow({ where: { id: target.id } }));
    expect((await getCurrentUser())?.id).toBe(target.id);
  });

  it.each([
    ["demote", setUserRoleAction, { role: "READER" }],
    ["disable", disableUserAction, {}],
    ["enable", enableUserAction, {}],
  ] as const)("an admin cannot %s themself (the last admin can never lock everyone out)", async (_, action, rest) => {
    const admin = await signedIn("ADMIN");
    const state = await post(action, { ...rest, userId: String(admin.id) });
    expect(state).toEqual({ status: "error", message: err("notYourself"), fieldErrors: {} });
    const after = await request.db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(after).toMatchObject({ role: "ADMIN", disabledAt: null, sessionVersion: admin.sessionVersion });
    expect((await getCurrentUser())?.role).toBe("ADMIN");
    expectNoInvalidation();
  });

  it("refuses forged fields that would set more than the form does", async () => {
    const target = await createUser(request.db, { role: "READER" });
    await signedIn("ADMIN");
    const forged: Fields[] = [
      { userId: String(target.id), role: "AUTHOR", sessionVersion: "0" },
      { userId: String(target.id), disabledAt: "" },
    ];
    const states = [await post(setUserRoleAction, forged[0]!), await post(disableUserAction, forged[1]!)];
    expect(states[0]!.fieldErrors).toEqual({ sessionVersion: [err("unknownField")] });
    expect(states[1]!.fieldErrors).toEqual({ disabledAt: [err("unknownField")] });
    expect(await request.db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      role: "READER",
      disabledAt: null,
    });
  });
});

// ---- categories ---------------------------------------------------------------------------

describe("categories", () => {
  const categoryTags = (slug: string) => [TAGS.categories, TAGS.home, TAGS.books, TAGS.category(slug)];

  it("creates a category at the end of the order, slug lower-cased, names normalised", async () => {
    await signedIn("ADMIN");
    const last = await request.db.category.aggregate({ _max: { sort: true } });
    await createCategory(request.db, { sort: (last._max.sort ?? 0) + 10 });
    const state = await post(createCategoryAction, { slug: "  Wu-Xia ", name: " 武 侠\u200B ", nameEn: "Wuxia" });
    expect(state).toEqual(SAVED);
    const created = await request.db.category.findUniqueOrThrow({ where: { slug: "wu-xia" } });
    expect(created).toMatchObject({ name: "武 侠", nameEn: "Wuxia", sort: (last._max.sort ?? 0) + 11 });
    expect(request.updatedTags).toEqual(categoryTags("wu-xia"));
  });

  it.each([
    ["a taken slug", { slug: "taken" }, "slug", "slugTaken"],
    ["a slug with spaces", { slug: "two words" }, "slug", "invalidSlug"],
    ["a slug with NUL", { slug: "a\u0000b" }, "slug", "invalidSlug"],
    ["a slug of 41 characters", { slug: "a".repeat(41) }, "slug", "tooLong"],
    ["an empty name", { name: "" }, "name", "required"],
    ["a name of zero-width characters", { name: "\u200B\u200D" }, "name", "required"],
    ["a name of 41 characters", { name: "名".repeat(41) }, "name", "tooLong"],
    ["a megabyte name", { name: "名".repeat(1_000_000) }, "name", "tooLong"],
    ["NUL in the name", { name: "武\u0000侠" }, "name", "invalidCharacter"],
    ["NUL in the English name", { nameEn: "Wu\u0000xia" }, "nameEn", "invalidCharacter"],
    ["an English name of 61 characters", { nameEn: "a".repeat(61) }, "nameEn", "tooLong"],
  ])("refuses %s with a message on that field", async (_, change, field, key) => {
    if (!(await request.db.category.findUnique({ where: { slug: "taken" } }))) {
      await createCategory(request.db, { slug: "taken" });
    }
    await signedIn("ADMIN");
    const before = await snapshot();
    const state = await post(createCategoryAction, { slug: `ok-${n()}`, name: "名", nameEn: "Name", ...change });
    expect(state.status).toBe("error");
    expect(state.fieldErrors?.[field]).toEqual([err(key, { max: LIMIT[field]! })]);
    expect(await snapshot()).toEqual(before);
    expectNoInvalidation();
  });

  it("refuses a name with a lone surrogate, should a decoder ever let one through", async () => {
    await signedIn("ADMIN");
    const before = await snapshot();
    const state = await createCategoryAction(
      initialFormState,
      rawFormOf({ slug: `s-${n()}`, name: "武\uD800侠", nameEn: "Wu\uDC00xia" }),
    );
    expect(state.fieldErrors).toEqual({ name: [err("invalidCharacter")], nameEn: [err("invalidCharacter")] });
    expect(await snapshot()).toEqual(before);
  });

  it("renames a category and expires its pages and the lists", async () => {
    const category = await createCategory(request.db);
    await signedIn("ADMIN");
    expect(
      await post(renameCategoryAction, { categoryId: String(category.id), name: "玄幻", nameEn: "Fantasy" }),
    ).toEqual(SAVED);
    expect(await request.db.category.findUniqueOrThrow({ where: { id: category.id } })).toMatchObject({
      slug: category.slug,
      name: "玄幻",
      nameEn: "Fantasy",
    });
    expect(request.updatedTags).toEqual(categoryTags(category.slug));
  });

  it("refuses a rename that tries to change the slug too", async () => {
    const category = await createCategory(request.db);
    await signedIn("ADMIN");
    const state = await post(renameCategoryAction, {
      categoryId: String(category.id),
      name: "玄幻",
      nameEn: "Fantasy",
      slug: "hijacked",
    });
    expect(state.fieldErrors).toEqual({ slug: [err("unknownField")] });
    expect(await request.db.category.findUniqueOrThrow({ where: { id: category.id } })).toEqual(category);
  });

  it("moves a category up and down, and refuses a direction the form does not have", async () => {
    // Three categories last in the order, so each move swaps two of them.
    const last = (await request.db.category.aggregate({ _max: { sort: true } }))._max.sort ?? 0;
    const [a, b, c] = [
      await createCategory(request.db, { sort: last + 1 }),
      await createCategory(request.db, { sort: last + 2 }),
      await createCategory(request.db, { sort: last + 3 }),
    ];
    const order = async () =>
      (await request.db.category.findMany({ orderBy: [{ sort: "asc" }, { id: "asc" }], select: { id: true } }))
        .map((x) => x.id)
        .slice(-3);
    await signedIn("ADMIN");
    expect(await post(moveCategoryAction, { categoryId: String(c.id), direction: "up" })).toEqual(SAVED);
    expect(await order()).toEqual([a.id, c.id, b.id]);
    expect(request.updatedTags).toEqual(categoryTags(c.slug));
    expect(await post(moveCategoryAction, { categoryId: String(a.id), direction: "down" })).toEqual(SAVED);
    expect(await order()).toEqual([c.id, a.id, b.id]);

    const state = await post(moveCategoryAction, { categoryId: String(a.id), direction: "sideways" });
    expect(state.fieldErrors).toEqual({ direction: [err("invalid")] });
    expect(await order()).toEqual([c.id, a.id, b.id]);
  });

  it("deletes an empty category and expires its pages and the lists", async () => {
    const category = await createCategory(request.db);
    await signedIn("ADMIN");
    expect(await post(deleteCategoryAction, { categoryId: String(category.id) })).toEqual(SAVED);
    expect(await request.db.category.findUnique({ where: { id: category.id } })).toBeNull();
    expect(request.updatedTags).toEqual(categoryTags(category.slug));
  });

  it.each([
    ["a public book", {}],
    ["only a book in the trash", { deletedAt: new Date() }],
  ])("refuses with a clear message to delete a category holding %s", async (_, book) => {
    const category = await createCategory(request.db);
    await createBook(request.db, { categoryId: category.id, ...book });
    await signedIn("ADMIN");
    const state = await post(deleteCategoryAction, { categoryId: String(category.id) });
    expect(state).toEqual({ status: "error", message: err("categoryNotEmpty"), fieldErrors: {} });
    expect(await request.db.category.findUnique({ where: { id: category.id } })).not.toBeNull();
    expectNoInvalidation();
  });
});

// ---- home curation --------------------------------------------------------------------------

describe("featured books", () => {
  async function books(count: number) {
    const out = [];
    for (let i = 0; i < count; i++) out.push(await createPublishedBook(request.db, { title: `推荐${n()}` }));
    return out;
  }

  it("stores the posted list in order, shown so on the home page, and leaves the other kind alone", async () => {
    const [a, b, c] = await books(3);
    await signedIn("ADMIN");
    await post(setFeaturedAction, { kind: "NEW_BOOK", bookIds: [String(a!.id)] });
    const ids = [c!.id, a!.id, b!.id];
    expect(await post(setFeaturedAction, { kind: "EDITOR_PICK", bookIds: ids.map(String) })).toEqual(SAVED);
    expect((await queryFeatured(request.db, "EDITOR_PICK")).map((x) => x.id)).toEqual(ids);
    expect((await queryFeatured(request.db, "NEW_BOOK")).map((x) => x.id)).toEqual([a!.id]);
    expect(request.updatedTags).toEqual([TAGS.home, TAGS.home]);
  });

  it("empties a list when the last book is removed (the form then posts no bookIds)", async () => {
    const [a] = await books(1);
    await signedIn("ADMIN");
    await post(setFeaturedAction, { kind: "EDITOR_PICK", bookIds: [String(a!.id)] });
    expect(await post(setFeaturedAction, { kind: "EDITOR_PICK" })).toEqual(SAVED);
    expect(await queryFeatured(request.db, "EDITOR_PICK")).toEqual([]);
  });

  it.each([
    ["an unknown book", () => ["2147483647"], "bookIds", "unknownBook"],
    [
      "a book in the trash",
      async () => [String((await createBook(request.db, { deletedAt: new Date() })).id)],
      "bookIds",
      "unknownBook",
    ],
    [
      "a book twice",
      async () => {
        const [a] = await books(1);
        return [String(a!.id), String(a!.id)];
      },
      "bookIds",
      "duplicateBook",
    ],
    ["13 books", async () => (await books(13)).map((b) => String(b.id)), "bookIds", "tooManyFeatured"],
    ["an empty added id", async () => [""], "bookIds", "invalidId"],
    ["a negative id", async () => ["-3"], "bookIds", "invalidId"],
    ["an id with NUL", async () => ["1\u00002"], "bookIds", "invalidId"],
  ])("refuses %s with a message on the list, changing nothing", async (_, ids, field, key) => {
    const bookIds = await ids();
    await signedIn("ADMIN");
    const before = await snapshot();
    const state = await post(setFeaturedAction, { kind: "EDITOR_PICK", bookIds });
    expect(state.status).toBe("error");
    expect(state.fieldErrors?.[field]).toEqual([err(key, { max: LIMIT[field]! })]);
    expect(await snapshot()).toEqual(before);
    expectNoInvalidation();
  });

  it("refuses a kind the page does not have", async () => {
    const [a] = await books(1);
    await signedIn("ADMIN");
    const state = await post(setFeaturedAction, { kind: "HOT", bookIds: [String(a!.id)] });
    expect(state.fieldErrors).toEqual({ kind: [err("invalid")] });
  });
});

describe("site notice", () => {
  it("stores the normalised text, shown on the home page, and expires the home page", async () => {
    await signedIn("ADMIN");
    expect(await post(setSiteNoticeAction, { text: "  今晚\n维护\u200B  " })).toEqual(SAVED);
    expect(await querySiteNotice(request.db)).toBe("今晚 维护");
    expect(request.updatedTags).toEqual([TAGS.home]);
    expect(await post(setSiteNoticeAction, { text: "" })).toEqual(SAVED);
    expect(await querySiteNotice(request.db)).toBe("");
  });

  it.each([
    ["501 characters", "告".repeat(501), "tooLong"],
    ["a megabyte", "告".repeat(1_000_000), "tooLong"],
    ["NUL", "维护\u0000通知", "invalidCharacter"],
  ])("refuses %s with a message on the text, keeping the old notice", async (_, text, key) => {
    await signedIn("ADMIN");
    await post(setSiteNoticeAction, { text: "旧公告" });
    const state = await post(setSiteNoticeAction, { text });
    expect(state).toEqual({
      status: "error",
      message: err("invalid"),
      fieldErrors: { text: [err(key, { max: 500 })] },
    });
    if (key === "tooLong") expect(state.fieldErrors?.text?.[0]).toContain("500");
    expect(await querySiteNotice(request.db)).toBe("旧公告");
  });

  it("keeps 500 characters exactly", async () => {
    await signedIn("ADMIN");
    expect(await post(setSiteNoticeAction, { text: "告".repeat(500) })).toEqual(SAVED);
    expect(await querySiteNotice(request.db)).toBe("告".repeat(500));
  });

  it("refuses a lone surrogate, should a decoder ever let one through; a real form post carries U+FFFD", async () => {
    await signedIn("ADMIN");
    await post(setSiteNoticeAction, { text: "旧公告" });
    const raw = await setSiteNoticeAction(initialFormState, rawFormOf({ text: "维护\uD800通知" }));
    expect(raw.fieldErrors).toEqual({ text: [err("invalidCharacter")] });
    expect(await querySiteNotice(request.db)).toBe("旧公告");
    expect(await post(setSiteNoticeAction, { text: "维护\uD800通知" })).toEqual(SAVED);
    expect(await querySiteNotice(request.db)).toBe("维护\uFFFD通知");
  });
});

// ---- books ----------------------------------------------------------------------------------

describe("hiding books", () => {
  async function publicBook() {
    const author = await createUser(request.db, { role: "AUTHOR" });
    const category = await createCategory(request.db);
    const title = `藏书${n()}`;
    const book = await createPublishedBook(request.db, { authorId: author.id, categoryId: category.id, title });
    const chapter = await request.db.chapter.findFirstOrThrow({ where: { bookId: book.id } });
    return { author, category, book, chapter, title };
  }

  /** Where the public site shows the book, per public query. */
  async function publicSightings(bookId: number, chapterId: number, authorId: number, title: string) {
    const db = request.db;
    const has = (list: { id: number }[]) => list.some((b) => b.id === bookId);
    return {
      detail: (await queryBookDetail(db, bookId)) !== null,
      contents: (await queryTableOfContents(db, bookId)) !== null,
      chapter: (await queryChapterPage(db, bookId, chapterId, 2000)) !== null,
      listing: has((await queryBookListing(db, { ...DEFAULT_LISTING_PARAMS, sort: "new" })).books),
      ranking: has(await queryRanking(db, "new", 500)),
      featured: has(await queryFeatured(db, "EDITOR_PICK")),
      search: has((await querySearch(db, parseSearchQuery(title))).books),
      authorPage: has((await queryAuthorPage(db, authorId))?.books ?? []),
    };
  }
  const everywhere = {
    detail: true,
    contents: true,
    chapter: true,
    listing: true,
    ranking: true,
    featured: true,
    search: true,
    authorPage: true,
  };
  const nowhere = Object.fromEntries(Object.keys(everywhere).map((k) => [k, false]));

  it("hides a book from every public query, expires its pages and the lists, and tells its author why", async () => {
    const { author, category, book, chapter, title } = await publicBook();
    await request.db.featuredSlot.deleteMany({ where: { kind: "EDITOR_PICK" } });
    await request.db.featuredSlot.create({ data: { kind: "EDITOR_PICK", bookId: book.id, position: 1 } });
    const reader = await createUser(request.db, { role: "READER" });
    await request.db.shelfEntry.create({ data: { userId: reader.id, bookId: book.id } });
    expect(await publicSightings(book.id, chapter.id, author.id, title)).toEqual(everywhere);

    await signedIn("ADMIN");
    expect(await post(hideBookAction, { bookId: String(book.id), reason: "  含有\u200B违规内容 " })).toEqual(SAVED);
    expect(request.updatedTags).toEqual([
      TAGS.book(book.id),
      TAGS.toc(book.id),
      TAGS.sitemap,
      TAGS.books,
      TAGS.home,
      TAGS.author(author.id),
      TAGS.category(category.slug),
    ]);
    expect(await publicSightings(book.id, chapter.id, author.id, title)).toEqual(nowhere);
    expect(await getShelf(request.db, reader.id)).toEqual([]);

    // The author's dashboard: the list marks it hidden, the book's page shows the reason.
    const authorActor = { id: author.id, role: author.role };
    expect((await listMyBooks(request.db, authorActor)).books.find((b) => b.id === book.id)?.hiddenAt).toBeInstanceOf(
      Date,
    );
    expect((await getBookForEdit(request.db, authorActor, book.id)).hiddenReason).toBe("含有违规内容");
  });

  it("unhides a book: public again everywhere, the reason cleared, the same pages expired", async () => {
    const { author, category, book, chapter, title } = await publicBook();
    await request.db.featuredSlot.deleteMany({ where: { kind: "EDITOR_PICK" } });
    await request.db.featuredSlot.create({ data: { kind: "EDITOR_PICK", bookId: book.id, position: 1 } });
    await signedIn("ADMIN");
    await post(hideBookAction, { bookId: String(book.id), reason: "暂时隐藏" });
    expect(await post(unhideBookAction, { bookId: String(book.id) })).toEqual(SAVED);
    // The sitemap lists a book again on its next refresh; only a book leaving it expires it at once.
    expect(request.updatedTags.slice(7)).toEqual([
      TAGS.book(book.id),
      TAGS.toc(book.id),
      TAGS.books,
      TAGS.home,
      TAGS.author(author.id),
      TAGS.category(category.slug),
    ]);
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({
      hiddenAt: null,
      hiddenReason: null,
    });
    expect(await publicSightings(book.id, chapter.id, author.id, title)).toEqual(everywhere);
  });

  it.each([
    ["no reason", { reason: "" }, "reason", "required"],
    ["a blank reason", { reason: " \u200B " }, "reason", "required"],
    ["a reason of 501 characters", { reason: "因".repeat(501) }, "reason", "tooLong"],
    ["a megabyte reason", { reason: "因".repeat(1_000_000) }, "reason", "tooLong"],
    ["NUL in the reason", { reason: "违\u0000规" }, "reason", "invalidCharacter"],
  ])("refuses %s with a message on that field; the book stays public", async (_, change, field, key) => {
    const { book } = await publicBook();
    await signedIn("ADMIN");
    const state = await post(hideBookAction, { bookId: String(book.id), ...change });
    expect(state).toEqual({
      status: "error",
      message: err("invalid"),
      fieldErrors: { [field]: [err(key, { max: LIMIT[field]! })] },
    });
    expect((await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).hiddenAt).toBeNull();
    expect(await queryBookDetail(request.db, book.id)).not.toBeNull();
    expectNoInvalidation();
  });

  it("refuses a reason field when unhiding, and a forged hiddenAt when hiding", async () => {
    const { book } = await publicBook();
    await signedIn("ADMIN");
    const forged = await post(hideBookAction, { bookId: String(book.id), reason: "违规", hiddenAt: "1970-01-01" });
    expect(forged.fieldErrors).toEqual({ hiddenAt: [err("unknownField")] });
    const extra = await post(unhideBookAction, { bookId: String(book.id), reason: "x" });
    expect(extra.fieldErrors).toEqual({ reason: [err("unknownField")] });
    expect((await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).hiddenAt).toBeNull();
  });

  it("an author cannot unhide their own hidden book through the admin action", async () => {
    const { author, book } = await publicBook();
    await request.db.book.update({ where: { id: book.id }, data: { hiddenAt: new Date(), hiddenReason: "违规" } });
    await request.signInAs(author);
    expect(await post(unhideBookAction, { bookId: String(book.id) })).toEqual(FORBIDDEN);
    expect(await request.db.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({ hiddenReason: "违规" });
    expect(await queryBookDetail(request.db, book.id)).toBeNull();
  });

  it("a chapter added to a hidden book stays off the public site", async () => {
    const { book, author, title } = await publicBook();
    await signedIn("ADMIN");
    await post(hideBookAction, { bookId: String(book.id), reason: "违规" });
    const chapter = await addChapter(request.db, book.id);
    expect(await publicSightings(book.id, chapter.id, author.id, title)).toEqual(nowhere);
  });
});
