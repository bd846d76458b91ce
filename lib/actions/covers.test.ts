import { createHash } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { TAGS } from "@/lib/data/cache-tags";
import { COVER_SIZES, coverBaseUrl } from "@/lib/covers/sizes";
import type { User } from "@/lib/generated/prisma/client";
import { translate } from "@/lib/i18n/messages";
import { formOf, redirectOf, setUpActionRequests } from "@/lib/test/action-harness";
import { createBook, createUser } from "@/lib/test/fixtures";
import { removeCoverAction, uploadCoverAction } from "./covers";
import { initialFormState } from "./form-state";

vi.mock("next/headers", () => import("@/lib/test/action-harness"));
vi.mock("next/cache", () => import("@/lib/test/action-harness"));
vi.mock("@/lib/db", () => import("@/lib/test/action-harness"));

const request = setUpActionRequests();
const t = translate;
const SAVED = { status: "success", message: t("dashboard.saved") };
const refused = (code: string, values?: Record<string, string | number>) => ({
  status: "error",
  message: t(`covers.errors.${code}`, values),
  fieldErrors: {},
});
const FORBIDDEN = { status: "error", message: t("authoring.errors.forbidden"), fieldErrors: {} };
const FORGED = { status: "error", message: t("authoring.errors.unknownField"), fieldErrors: {} };

type Format = "png" | "jpeg" | "webp";

/** A real image of `width`×`height` in `format`, as a browser would post the chosen file. */
async function image(format: Format, width = 300, height = 400, red = 200): Promise<File> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: red, g: 60, b: 40 } } })
    [format]()
    .toBuffer();
  return new File([new Uint8Array(bytes)], `cover.${format}`, { type: `image/${format}` });
}

async function signedIn(role: User["role"]): Promise<User> {
  const user = await createUser(request.db, { role });
  await request.signInAs(user);
  return user;
}

async function ownBook() {
  const author = await signedIn("AUTHOR");
  return { author, book: await createBook(request.db, { authorId: author.id }) };
}

const upload = (bookId: number | string, cover: File | string) =>
  uploadCoverAction(initialFormState, formOf({ bookId: String(bookId), cover }));
const remove = (bookId: number | string) => removeCoverAction(initialFormState, formOf({ bookId: String(bookId) }));

/** What is stored for the book: its coverUrl and its renditions. */
async function stored(bookId: number) {
  const [book, images] = await Promise.all([
    request.db.book.findUniqueOrThrow({ where: { id: bookId }, select: { coverUrl: true } }),
    request.db.coverImage.findMany({ where: { bookId }, orderBy: { width: "asc" } }),
  ]);
  return { coverUrl: book.coverUrl, images };
}

function expectNoInvalidation() {
  expect(request.updatedTags).toEqual([]);
  expect(request.refreshes).toBe(0);
}

describe("uploadCoverAction", () => {
  it.each(["png", "jpeg", "webp"] as const)(
    "stores a %s from the book's author as WebP at every size, and expires the book's pages",
    async (format) => {
      const { book } = await ownBook();
      expect(await upload(book.id, await image(format))).toEqual(SAVED);

      const { coverUrl, images } = await stored(book.id);
      expect(images.map((i) => [i.width, i.height])).toEqual(COVER_SIZES.map((s) => [s.width, s.height]));
      const version = images[0]!.version;
      expect(images.every((i) => i.version === version)).toBe(true);
      expect(coverUrl).toBe(coverBaseUrl(book.id, version));
      for (const i of images) {
        expect(i.contentType).toBe("image/webp");
        expect(i.sha256).toBe(createHash("sha256").update(i.bytes).digest("hex"));
        const meta = await sharp(i.bytes).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual(["webp", i.width, i.height]);
      }
      expect(request.updatedTags).toEqual([TAGS.book(book.id), TAGS.books, TAGS.home]);
      expect(request.refreshes).toBe(1);
    },
  );

  it("replaces the previous cover: one set of renditions, a new URL", async () => {
    const { book } = await ownBook();
    await upload(book.id, await image("png"));
    const first = await stored(book.id);
    expect(await upload(book.id, await image("jpeg", 600, 800, 20))).toEqual(SAVED);
    const second = await stored(book.id);
    expect(second.images).toHaveLength(COVER_SIZES.length);
    expect(second.coverUrl).not.toBe(first.coverUrl);
    expect(new Set(second.images.map((i) => i.version))).toEqual(new Set([second.coverUrl!.split("/").pop()]));
  });

  it("refuses someone else's book as not found, storing nothing", async () => {
    const other = await createUser(request.db, { role: "AUTHOR" });
    const theirs = await createBook(request.db, { authorId: other.id });
    await signedIn("AUTHOR");
    expect(await upload(theirs.id, await image("png"))).toEqual(refused("NOT_FOUND"));
    expect(await stored(theirs.id)).toEqual({ coverUrl: null, images: [] });
    expectNoInvalidation();
  });

  it("does not replace the cover of someone else's book", async () => {
    const { book } = await ownBook();
    await upload(book.id, await image("png"));
    const before = await stored(book.id);
    await signedIn("AUTHOR");
    expect(await upload(book.id, await image("webp"))).toEqual(refused("NOT_FOUND"));
    expect(await stored(book.id)).toEqual(before);
  });

  it("refuses a book in the trash as not found", async () => {
    const author = await signedIn("AUTHOR");
    const book = await createBook(request.db, { authorId: author.id, deletedAt: new Date() });
    expect(await upload(book.id, await image("png"))).toEqual(refused("NOT_FOUND"));
    expect(await stored(book.id)).toEqual({ coverUrl: null, images: [] });
  });

  it("refuses a READER (even one who once wrote the book) as not allowed", async () => {
    const reader = await signedIn("READER");
    const book = await createBook(request.db, { authorId: reader.id });
    expect(await upload(book.id, await image("png"))).toEqual(FORBIDDEN);
    expect(await stored(book.id)).toEqual({ coverUrl: null, images: [] });
    expectNoInvalidation();
  });

  it("lets an admin set any book's cover", async () => {
    const book = await createBook(request.db);
    await signedIn("ADMIN");
    expect(await upload(book.id, await image("png"))).toEqual(SAVED);
    expect((await stored(book.id)).images).toHaveLength(COVER_SIZES.length);
  });

  it("sends a signed-out visitor to sign in and back to the book, storing nothing", async () => {
    const book = await createBook(request.db);
    expect(await redirectOf(upload(book.id, await image("png")))).toBe(
      `/login?next=${encodeURIComponent(`/dashboard/books/${book.id}`)}`,
    );
    expect(await redirectOf(upload("abc", await image("png")))).toBe(`/login?next=${encodeURIComponent("/dashboard")}`);
    expect(await stored(book.id)).toEqual({ coverUrl: null, images: [] });
  });

  it.each([
    [
      "a text file named .png",
      () => new File(["just some text, not a picture"], "cover.png", { type: "image/png" }),
      "NOT_AN_IMAGE",
    ],
    [
      "an SVG named .png",
      () => new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], "c.png", { type: "image/png" }),
      "NOT_AN_IMAGE",
    ],
    ["an empty file", () => new File([], "cover.png", { type: "image/png" }), "NOT_AN_IMAGE"],
    [
      "an empty file field (nothing chosen)",
      () => new File([], "", { type: "application/octet-stream" }),
      "NOT_AN_IMAGE",
    ],
    ["text where the file should be", () => "cover.png", "NOT_AN_IMAGE"],
    [
      "a file over 5 MB",
      () => new File([new Uint8Array(5 * 1024 * 1024 + 1)], "big.png", { type: "image/png" }),
      "TOO_LARGE",
      { sizeMb: "5.0", maxMb: 5 },
    ],
    ["an image of 100×100 pixels", () => image("png", 100, 100), "TOO_SMALL"],
    [
      "a truncated PNG",
      async () => {
        const bytes = new Uint8Array(await (await image("png", 400, 400)).arrayBuffer());
        return new File([bytes.subarray(0, Math.floor(bytes.length / 2))], "cut.png", { type: "image/png" });
      },
      "UNREADABLE",
    ],
  ] as [string, () => File | string | Promise<File | string>, string, Record<string, string | number>?][])(
    "refuses %s with a clear message, storing nothing",
    async (_, file, code, values) => {
      const { book } = await ownBook();
      expect(await upload(book.id, await file())).toEqual(refused(code, values));
      expect(await stored(book.id)).toEqual({ coverUrl: null, images: [] });
      expectNoInvalidation();
    },
  );

  it("refuses a form without a cover field", async () => {
    const { book } = await ownBook();
    expect(await uploadCoverAction(initialFormState, formOf({ bookId: String(book.id) }))).toEqual(
      refused("NOT_AN_IMAGE"),
    );
  });

  it.each(["", "abc", "0", "-1", "1.5", " 1", "2147483648", "9999999999", "99999999999999999999", "1\u00002"])(
    "answers the malformed book id %j as not found, never a throw",
    async (bookId) => {
      await signedIn("AUTHOR");
      const before = await request.db.coverImage.count();
      expect(await upload(bookId, await image("png"))).toEqual(refused("NOT_FOUND"));
      expect(await remove(bookId)).toEqual(refused("NOT_FOUND"));
      expect(await request.db.coverImage.count()).toBe(before);
      expectNoInvalidation();
    },
  );

  it("refuses a forged field, storing nothing", async () => {
    const { book } = await ownBook();
    const other = await createUser(request.db, { role: "AUTHOR" });
    const form = formOf({ bookId: String(book.id), cover: await image("png"), authorId: String(other.id) });
    expect(await uploadCoverAction(initialFormState, form)).toEqual(FORGED);
    expect(await stored(book.id)).toEqual({ coverUrl: null, images: [] });
    expectNoInvalidation();
  });

  it("ignores the fields React adds to a progressively enhanced form", async () => {
    const { book } = await ownBook();
    const form = formOf({ bookId: String(book.id), cover: await image("png"), $ACTION_REF_1: "", "$ACTION_1:0": "{}" });
    expect(await uploadCoverAction(initialFormState, form)).toEqual(SAVED);
  });
});

describe("removeCoverAction", () => {
  it("removes the author's cover: the generated cover shows again, the book's pages expire", async () => {
    const { book } = await ownBook();
    await upload(book.id, await image("png"));
    const afterUpload = request.updatedTags.length;
    expect(await remove(book.id)).toEqual(SAVED);
    expect(await stored(book.id)).toEqual({ coverUrl: null, images: [] });
    expect(request.updatedTags.slice(afterUpload)).toEqual([TAGS.book(book.id), TAGS.books, TAGS.home]);
    expect(request.refreshes).toBe(2);
  });

  it("refuses someone else's book as not found; their cover stays", async () => {
    const { book } = await ownBook();
    await upload(book.id, await image("png"));
    const before = await stored(book.id);
    await signedIn("AUTHOR");
    expect(await remove(book.id)).toEqual(refused("NOT_FOUND"));
    expect(await stored(book.id)).toEqual(before);
  });

  it("refuses a READER and sends a signed-out visitor to sign in; the cover stays", async () => {
    const { book } = await ownBook();
    await upload(book.id, await image("png"));
    const before = await stored(book.id);
    await signedIn("READER");
    expect(await remove(book.id)).toEqual(FORBIDDEN);
    request.signOut();
    expect(await redirectOf(remove(book.id))).toBe(`/login?next=${encodeURIComponent(`/dashboard/books/${book.id}`)}`);
    expect(await stored(book.id)).toEqual(before);
  });

  it("refuses a forged field; the cover stays", async () => {
    const { book } = await ownBook();
    await upload(book.id, await image("png"));
    const before = await stored(book.id);
    const form = formOf({ bookId: String(book.id), coverUrl: "https://evil.example/x.png" });
    expect(await removeCoverAction(initialFormState, form)).toEqual(FORGED);
    expect(await stored(book.id)).toEqual(before);
  });
});
