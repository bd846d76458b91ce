import { describe, expect, it } from "vitest";
import flatEn from "@/messages/en.json";
import flatZh from "@/messages/zh-CN.json";
import {
  BODY_MAX,
  BODY_MAX_BYTES,
  BOOK_TITLE_MAX,
  bookCreateSchema,
  bookUpdateSchema,
  chapterBulkSchema,
  chapterCreateSchema,
  chapterUpdateSchema,
} from "./authoring";
import { zodFieldErrors } from "./field-errors";

function errorsOf(result: { success: boolean; error?: unknown }) {
  expect(result.success).toBe(false);
  return zodFieldErrors(result.error as Parameters<typeof zodFieldErrors>[0], "authoring");
}

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("book schemas", () => {
  it("normalises the title and fills defaults", () => {
    const book = bookCreateSchema.parse({ title: "  斗破\u200B  苍穹 ", categoryId: 1 });
    expect(book).toEqual({
      title: "斗破 苍穹",
      categoryId: 1,
      intro: "",
      tagIds: [],
      status: "ONGOING",
      language: "zh-CN",
    });
  });

  it("refuses fields a user must not set", () => {
    for (const forged of [
      { authorId: 2 },
      { wordCount: 9 },
      { viewCount: 1 },
      { role: "ADMIN" },
      { deletedAt: null },
      // Covers are uploaded (lib/data/covers.ts), never pointed at an address.
      { coverUrl: "https://tracker.example/pixel.gif" },
    ]) {
      const errors = errorsOf(bookCreateSchema.safeParse({ title: "书", categoryId: 1, ...forged }));
      expect(errors[Object.keys(forged)[0]!]).toEqual([{ key: "authoring.errors.unknownField" }]);
    }
    errorsOf(bookUpdateSchema.safeParse({ bookId: 1, authorId: 3 }));
  });

  it("reports forged fields named like Object's own properties, as fields", () => {
    // JSON.parse makes `__proto__` an own key, as a form reader would.
    const forged = JSON.parse('{"title":"书","categoryId":1,"constructor":"x","toString":"y","__proto__":"z"}');
    const errors = errorsOf(bookCreateSchema.safeParse(forged));
    for (const field of ["constructor", "toString", "__proto__"]) {
      expect(Object.hasOwn(errors, field)).toBe(true);
      expect(errors[field]).toEqual([{ key: "authoring.errors.unknownField" }]);
    }
    expect(Object.getPrototypeOf(errors)).toBe(Object.prototype);
  });

  it("refuses titles a reader would see as empty", () => {
    // Hangul filler, blank Braille, soft hyphen, combining grapheme joiner, tag characters.
    for (const blank of ["\u3164", "\u2800\u2800", "\u00AD", "\u034F", "\u{E0041}\u{E0042}", " \u3164 \u200B "]) {
      expect(errorsOf(bookCreateSchema.safeParse({ title: blank, categoryId: 1 })).title).toEqual([
        { key: "authoring.errors.required" },
      ]);
      expect(errorsOf(chapterCreateSchema.safeParse({ bookId: 1, title: blank, body: "正文" })).title).toEqual([
        { key: "authoring.errors.required" },
      ]);
    }
    // Something visible next to them is a title.
    expect(bookCreateSchema.parse({ title: "\u3164书", categoryId: 1 }).title).toBe("\u3164书");
  });

  it("keeps emoji joined by ZWJ whole, and drops a joiner that joins nothing", () => {
    const family = "👨\u200D👩\u200D👧\u200D👦";
    expect(bookCreateSchema.parse({ title: `家 ${family}`, categoryId: 1 }).title).toBe(`家 ${family}`);
    expect(bookCreateSchema.parse({ title: "\u200D书\u200D名\u200D", categoryId: 1 }).title).toBe("书名");
    const chapter = chapterCreateSchema.parse({ bookId: 1, title: "一", body: `她笑了🏳️\u200D🌈\n\u200D正文` });
    expect(chapter.body).toBe("她笑了🏳️\u200D🌈\n正文");
  });

  it("refuses NUL and lone surrogates with their position", () => {
    expect(errorsOf(bookCreateSchema.safeParse({ title: "ab\u0000c", categoryId: 1 })).title).toEqual([
      { key: "authoring.errors.nulCharacter", values: { position: 3, description: expect.any(String) } },
    ]);
    expect(errorsOf(bookCreateSchema.safeParse({ title: "x", intro: "a\uD800b", categoryId: 1 })).intro?.[0]?.key).toBe(
      "authoring.errors.loneSurrogate",
    );
    expect(errorsOf(bookCreateSchema.safeParse({ title: "\uDC00", categoryId: 1 })).title?.[0]?.key).toBe(
      "authoring.errors.loneSurrogate",
    );
    // A proper pair (an emoji) is fine.
    expect(bookCreateSchema.safeParse({ title: "书😀", categoryId: 1 }).success).toBe(true);
  });

  it("asks for a missing category in words, not as an invalid value", () => {
    const choose = [{ key: "authoring.errors.categoryRequired" }];
    expect(errorsOf(bookCreateSchema.safeParse({ title: "x", categoryId: "" })).categoryId).toEqual(choose);
    expect(errorsOf(bookCreateSchema.safeParse({ title: "x" })).categoryId).toEqual(choose);
    expect(errorsOf(bookUpdateSchema.safeParse({ bookId: 1, categoryId: "" })).categoryId).toEqual(choose);
    // A forged non-empty value is still just invalid.
    expect(errorsOf(bookCreateSchema.safeParse({ title: "x", categoryId: "abc" })).categoryId).toEqual([
      { key: "authoring.errors.invalid" },
    ]);
  });

  it("reports only the character cap when a title is past both caps", () => {
    // 101 emoji: 202 UTF-16 units (over 100) and 404 bytes (over 400).
    expect(errorsOf(bookCreateSchema.safeParse({ title: "😀".repeat(101), categoryId: 1 })).title).toEqual([
      { key: "authoring.errors.tooLong", values: { max: BOOK_TITLE_MAX } },
    ]);
    expect(
      errorsOf(chapterCreateSchema.safeParse({ bookId: 1, title: "t", body: "书".repeat(BODY_MAX + 1) })).body,
    ).toEqual([{ key: "authoring.errors.tooLong", values: { max: BODY_MAX } }]);
  });

  it("caps titles, checks required and languages", () => {
    expect(bookCreateSchema.safeParse({ title: "书".repeat(BOOK_TITLE_MAX), categoryId: 1 }).success).toBe(true);
    expect(
      errorsOf(bookCreateSchema.safeParse({ title: "书".repeat(BOOK_TITLE_MAX + 1), categoryId: 1 })).title,
    ).toEqual([{ key: "authoring.errors.tooLong", values: { max: BOOK_TITLE_MAX } }]);
    expect(errorsOf(bookCreateSchema.safeParse({ title: " \u200B ", categoryId: 1 })).title?.[0]?.key).toBe(
      "authoring.errors.required",
    );
    expect(bookCreateSchema.parse({ title: "x", categoryId: 1, language: "EN-us" }).language).toBe("en-US");
    expect(errorsOf(bookCreateSchema.safeParse({ title: "x", categoryId: 1, language: "not a tag" })).language).toEqual(
      [{ key: "authoring.errors.invalidLanguage" }],
    );
    expect(errorsOf(bookCreateSchema.safeParse({ title: "x", categoryId: 1, tagIds: [1, 1] })).tagIds).toEqual([
      { key: "authoring.errors.duplicate" },
    ]);
    // An id is read as a form posts it ("1") or as a caller passes it (1); nothing else is one.
    expect(bookCreateSchema.parse({ title: "x", categoryId: "1" }).categoryId).toBe(1);
    expect(errorsOf(bookCreateSchema.safeParse({ title: "x", categoryId: "1x" })).categoryId).toBeDefined();
  });
});

describe("chapter schemas", () => {
  it("turns pasted text into clean paragraphs", () => {
    const chapter = chapterCreateSchema.parse({
      bookId: 1,
      title: "第一章\t开始",
      body: "\u3000\u3000第一段。\r\n\r\n\r\n  第二段。\u200B\n\n",
    });
    expect(chapter.title).toBe("第一章 开始");
    expect(chapter.body).toBe("第一段。\n第二段。");
    expect(chapter.intent).toBe("save");
  });

  it("caps the body by characters and by bytes", () => {
    expect(chapterCreateSchema.safeParse({ bookId: 1, title: "t", body: "a".repeat(BODY_MAX) }).success).toBe(true);
    expect(
      errorsOf(chapterCreateSchema.safeParse({ bookId: 1, title: "t", body: "a".repeat(BODY_MAX + 1) })).body,
    ).toEqual([{ key: "authoring.errors.tooLong", values: { max: BODY_MAX } }]);
    expect(chapterCreateSchema.safeParse({ bookId: 1, title: "t", body: "书".repeat(80_000) }).success).toBe(true);
    // Within the character cap, past the byte cap (3 bytes per Han character).
    const manyBytes = "书".repeat(90_000);
    expect(errorsOf(chapterCreateSchema.safeParse({ bookId: 1, title: "t", body: manyBytes })).body).toEqual([
      { key: "authoring.errors.tooManyBytes", values: { max: BODY_MAX_BYTES } },
    ]);
    // Absurd input is refused before normalisation.
    expect(
      errorsOf(chapterCreateSchema.safeParse({ bookId: 1, title: "t", body: " ".repeat(BODY_MAX * 5) })).body?.[0]?.key,
    ).toBe("authoring.errors.tooLong");
  });

  it("needs a time to schedule and only then", () => {
    expect(errorsOf(chapterCreateSchema.safeParse({ bookId: 1, title: "t", intent: "schedule" })).publishAt).toEqual([
      { key: "authoring.errors.publishAtRequired" },
    ]);
    expect(
      errorsOf(chapterUpdateSchema.safeParse({ chapterId: 1, publishAt: "2030-01-01T00:00:00Z" })).publishAt,
    ).toEqual([{ key: "authoring.errors.publishAtOnlyWhenScheduling" }]);
    // A local time without an offset is ambiguous: refused.
    expect(
      errorsOf(chapterUpdateSchema.safeParse({ chapterId: 1, intent: "schedule", publishAt: "2030-01-01T08:00" }))
        .publishAt,
    ).toBeDefined();
    const ok = chapterUpdateSchema.parse({ chapterId: 1, intent: "schedule", publishAt: "2030-01-01T08:00:00+08:00" });
    expect(ok.publishAt?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    expect(
      errorsOf(chapterBulkSchema.safeParse({ bookId: 1, chapterIds: [], action: "publish" })).chapterIds,
    ).toBeDefined();
    expect(errorsOf(chapterUpdateSchema.safeParse({ chapterId: 1, status: "PUBLISHED" })).status).toEqual([
      { key: "authoring.errors.unknownField" },
    ]);
  });
});

describe("messages", () => {
  it("has every error key in both languages", () => {
    expect(keys(flatEn.authoring).sort()).toEqual(keys(flatZh.authoring).sort());
    const used = [
      "notFound",
      "forbidden",
      "conflict",
      "invalid",
      "nulCharacter",
      "loneSurrogate",
      "tooLong",
      "tooManyBytes",
      "unknownField",
    ];
    for (const k of used) expect(flatEn.authoring.errors).toHaveProperty(k);
  });
});
