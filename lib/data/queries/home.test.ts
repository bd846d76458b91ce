import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { createBook, createPublishedBook } from "@/lib/test/fixtures";
import { queryFeatured, querySiteNotice, SITE_NOTICE_KEY } from "./home";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(() => t.drop());

describe("queryFeatured", () => {
  it("lists the books of one kind of slot in slot order, leaving out books no longer public", async () => {
    const { db } = t;
    const [first, second, third, pickedElsewhere] = [
      await createPublishedBook(db, { title: "一" }),
      await createPublishedBook(db, { title: "二" }),
      await createPublishedBook(db, { title: "三" }),
      await createPublishedBook(db, { title: "新书" }),
    ];
    const hidden = await createPublishedBook(db, { hiddenAt: day(1) });
    const deleted = await createPublishedBook(db, { deletedAt: day(1) });
    const chapterless = await createBook(db);
    await db.featuredSlot.createMany({
      data: [
        { kind: "EDITOR_PICK", position: 5, bookId: first.id },
        { kind: "EDITOR_PICK", position: 2, bookId: hidden.id },
        { kind: "EDITOR_PICK", position: 9, bookId: third.id },
        { kind: "EDITOR_PICK", position: 1, bookId: deleted.id },
        { kind: "EDITOR_PICK", position: 7, bookId: second.id },
        { kind: "EDITOR_PICK", position: 3, bookId: chapterless.id },
        { kind: "NEW_BOOK", position: 1, bookId: pickedElsewhere.id },
      ],
    });

    const picks = await queryFeatured(db, "EDITOR_PICK");

    expect(picks.map((b) => b.title)).toEqual(["一", "二", "三"]);
    expect(picks[0]).toMatchObject({ id: first.id, chapterCount: 1, author: { name: expect.any(String) } });
    expect((await queryFeatured(db, "NEW_BOOK")).map((b) => b.id)).toEqual([pickedElsewhere.id]);
  });
});

describe("querySiteNotice", () => {
  it("is empty until an operator sets a notice, then shows it", async () => {
    expect(await querySiteNotice(t.db)).toBe("");
    await t.db.siteSetting.create({ data: { key: SITE_NOTICE_KEY, value: "春节期间更新放缓。" } });
    expect(await querySiteNotice(t.db)).toBe("春节期间更新放缓。");
  });
});
