import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  bookCreateSchema,
  bookRefSchema,
  chapterMoveSchema,
  chapterReorderSchema,
  volumeDeleteSchema,
  volumeReorderSchema,
  volumeRenameSchema,
} from "./authoring";
import {
  bookUpdateForm,
  chapterBulkForm,
  chapterCreateForm,
  chapterRowForm,
  chapterUpdateForm,
  scheduledAt,
  volumeMoveForm,
} from "./authoring-forms";
import { formObject } from "./form";

// The dashboard's forms as posted (FormData) read by their schemas: what the data layer receives.

function form(entries: [string, string][]) {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return formObject(fd);
}

const parse = <S extends z.ZodType>(schema: S, entries: [string, string][]) => schema.safeParse(form(entries));

describe("reading a form", () => {
  it("one value per field, a repeated field as its list, React's own fields dropped", () => {
    expect(
      form([
        ["title", "书名"],
        ["tagIds", "1"],
        ["tagIds", "4"],
        ["$ACTION_ID_abc", ""],
      ]),
    ).toEqual({ title: "书名", tagIds: ["1", "4"] });
  });

  it("a field named like an object's own property is a field like any other", () => {
    const fields = form([
      ["__proto__", "x"],
      ["constructor", "y"],
    ]);
    expect(Object.keys(fields).sort()).toEqual(["__proto__", "constructor"]);
    expect(bookRefSchema.safeParse({ ...fields, bookId: "1" }).success).toBe(false);
  });
});

describe("book forms", () => {
  it("a create form: ids as numbers, ticked tags as a list (one ticked: a list of one)", () => {
    const base: [string, string][] = [
      ["title", "书名"],
      ["intro", "简介"],
      ["categoryId", "3"],
      ["status", "ONGOING"],
      ["language", "zh-CN"],
    ];
    const two = parse(bookCreateSchema, [...base, ["tagIds", "1"], ["tagIds", "4"]]);
    expect(two.data).toMatchObject({ title: "书名", intro: "简介", categoryId: 3, tagIds: [1, 4], status: "ONGOING" });
    expect(parse(bookCreateSchema, [...base, ["tagIds", "4"]]).data?.tagIds).toEqual([4]);
    expect(parse(bookCreateSchema, base).data?.tagIds).toEqual([]);
  });

  it("an unknown field is refused, not dropped; a book id on the create form too", () => {
    for (const extra of [
      ["authorId", "99"],
      ["bookId", "5"],
    ] as [string, string][]) {
      const parsed = parse(bookCreateSchema, [["title", "T"], ["categoryId", "1"], extra]);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: [extra[0]] });
    }
  });

  it("an edit form: the book id as a number; no ticked tag clears the tags", () => {
    const parsed = parse(bookUpdateForm, [
      ["bookId", "8"],
      ["title", "New"],
      ["categoryId", "2"],
      ["status", "COMPLETED"],
      ["language", "en"],
      ["intro", ""],
    ]);
    expect(parsed.data).toMatchObject({ bookId: 8, title: "New", categoryId: 2, tagIds: [], status: "COMPLETED" });
  });

  it("the downloads box: ticked is on, unticked (nothing posted) is off, anything else is refused", () => {
    expect(
      parse(bookUpdateForm, [
        ["bookId", "8"],
        ["downloadsEnabled", "on"],
      ]).data?.downloadsEnabled,
    ).toBe(true);
    expect(parse(bookUpdateForm, [["bookId", "8"]]).data?.downloadsEnabled).toBe(false);
    expect(
      parse(bookUpdateForm, [
        ["bookId", "8"],
        ["downloadsEnabled", "yes"],
      ]).success,
    ).toBe(false);
  });

  it("an id that is not one stays text and is refused: letters, a leading zero, past the column's range", () => {
    for (const bookId of ["8; drop", "08", "0", "2147483648", "1e3"]) {
      expect(parse(bookUpdateForm, [["bookId", bookId]]).success).toBe(false);
    }
    expect(parse(bookUpdateForm, [["bookId", " 8 "]]).data?.bookId).toBe(8);
  });
});

describe("chapter forms", () => {
  const base: [string, string][] = [
    ["bookId", "2"],
    ["volumeId", ""],
    ["title", "第一章"],
    ["body", "第一段\n第二段"],
    ["authorNote", ""],
    ["publishAt", "2030-01-01T08:00"],
  ];

  it("saving ignores the date field; no volume is null", () => {
    const parsed = parse(chapterCreateForm, [...base, ["intent", "save"]]);
    expect(parsed.data).toMatchObject({
      bookId: 2,
      volumeId: null,
      title: "第一章",
      body: "第一段\n第二段",
      intent: "save",
    });
    expect(parsed.data?.publishAt).toBeUndefined();
  });

  it("scheduling reads the date as a wall-clock time of the site's time zone", () => {
    expect(scheduledAt({ intent: "schedule", publishAt: "2030-01-01T08:00" }, "intent", "Asia/Shanghai")).toEqual({
      intent: "schedule",
      publishAt: "2030-01-01T00:00:00.000Z",
    });
    expect(scheduledAt({ action: "schedule", publishAt: "2030-06-01T12:00" }, "action", "UTC")).toEqual({
      action: "schedule",
      publishAt: "2030-06-01T12:00:00.000Z",
    });
    expect(scheduledAt({ intent: "publish", publishAt: "2030-06-01T12:00" }, "intent", "UTC")).toEqual({
      intent: "publish",
    });
    const parsed = parse(chapterCreateForm, [...base, ["intent", "schedule"]]);
    expect(parsed.data?.publishAt).toBeInstanceOf(Date);
  });

  it("scheduling without a date is refused on the date field", () => {
    const parsed = parse(chapterCreateForm, [
      ...base.filter(([k]) => k !== "publishAt"),
      ["publishAt", ""],
      ["intent", "schedule"],
    ]);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["publishAt"]);
  });

  it("an edit names the chapter and may move it to a volume; a book id on it is refused", () => {
    const parsed = parse(chapterUpdateForm, [
      ["chapterId", "41"],
      ["volumeId", "3"],
      ["title", "改"],
      ["body", "正文"],
      ["authorNote", "注"],
      ["publishAt", ""],
      ["intent", "publish"],
    ]);
    expect(parsed.data).toMatchObject({ chapterId: 41, volumeId: 3, title: "改", body: "正文", intent: "publish" });
    expect(
      parse(chapterUpdateForm, [
        ["chapterId", "41"],
        ["bookId", "2"],
      ]).success,
    ).toBe(false);
  });
});

describe("bulk, row and volume forms", () => {
  it("bulk: the checked chapters and the pressed action; scheduling carries the instant", () => {
    const parsed = parse(chapterBulkForm, [
      ["bookId", "2"],
      ["chapterIds", "5"],
      ["chapterIds", "6"],
      ["publishAt", ""],
      ["action", "publish"],
    ]);
    expect(parsed.data).toEqual({ bookId: 2, chapterIds: [5, 6], action: "publish" });
    const scheduled = parse(chapterBulkForm, [
      ["bookId", "2"],
      ["chapterIds", "5"],
      ["publishAt", "2030-06-01T12:00"],
      ["action", "schedule"],
    ]);
    expect(scheduled.data?.publishAt).toBeInstanceOf(Date);
  });

  it("bulk with no checked chapter is refused on the list", () => {
    const parsed = parse(chapterBulkForm, [
      ["bookId", "2"],
      ["action", "trash"],
    ]);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["chapterIds"]);
  });

  it("a row's step buttons: a step names the chapter; a move names its new place in the book", () => {
    const row = (step: string, extra: [string, string][] = []) =>
      parse(chapterRowForm, [["chapterId", "9"], ["step", step], ["position", "4"], ["to", "12"], ...extra]);
    expect(row("trash").data).toEqual({ step: "trash", chapterId: 9 });
    expect(row("up").data).toEqual({ step: "move", chapterId: 9, position: 3 });
    expect(row("down").data).toEqual({ step: "move", chapterId: 9, position: 5 });
    expect(row("move").data).toEqual({ step: "move", chapterId: 9, position: 12 });
    const typed = parse(chapterRowForm, [
      ["chapterId", "9"],
      ["step", "move"],
      ["to", "第三"],
    ]).data;
    expect(typed).toEqual({ step: "move", chapterId: 9, position: "第三" });
    expect(chapterMoveSchema.safeParse({ chapterId: 9, position: typed?.position }).success).toBe(false);
    for (const bad of [row("delete"), row("constructor"), row("trash", [["authorId", "1"]])]) {
      expect(bad.success).toBe(false);
    }
    expect(row("delete").error?.issues[0]).toMatchObject({ path: [], message: "authoring.errors.invalidOption" });
  });

  it("deleting a volume: empty target is the default, 'none' is null, else the id", () => {
    expect(
      parse(volumeDeleteSchema, [
        ["volumeId", "4"],
        ["moveChaptersTo", ""],
      ]).data,
    ).toEqual({ volumeId: 4 });
    expect(
      parse(volumeDeleteSchema, [
        ["volumeId", "4"],
        ["moveChaptersTo", "none"],
      ]).data,
    ).toEqual({
      volumeId: 4,
      moveChaptersTo: null,
    });
    expect(
      parse(volumeDeleteSchema, [
        ["volumeId", "4"],
        ["moveChaptersTo", "3"],
      ]).data,
    ).toEqual({
      volumeId: 4,
      moveChaptersTo: 3,
    });
    expect(
      parse(volumeRenameSchema, [
        ["volumeId", "4"],
        ["title", "卷一"],
      ]).data,
    ).toEqual({ volumeId: 4, title: "卷一" });
  });

  it("moving a volume: the order with the volume one place further, ids read strictly", () => {
    const move = (volumeId: string, direction: string, extra: [string, string][] = [], bookId = "7") =>
      parse(volumeMoveForm, [
        ["bookId", bookId],
        ["volumeId", volumeId],
        ["direction", direction],
        ["order", "3"],
        ["order", "1"],
        ["order", "2"],
        ...extra,
      ]);
    const reorder = (parsed: ReturnType<typeof move>) => volumeReorderSchema.safeParse(parsed.data);
    expect(reorder(move("1", "up")).data).toEqual({ bookId: 7, volumeIds: [1, 3, 2] });
    expect(reorder(move("1", "down")).data).toEqual({ bookId: 7, volumeIds: [3, 2, 1] });
    expect(reorder(move("3", "up")).data).toEqual({ bookId: 7, volumeIds: [3, 1, 2] });
    expect(reorder(move("2", "down")).data).toEqual({ bookId: 7, volumeIds: [3, 1, 2] });
    for (const refused of [move("1", "sideways"), move("9", "up"), move("1e0", "up")]) {
      expect(refused.error?.issues[0]).toMatchObject({ path: [], message: "authoring.errors.invalidOption" });
    }
    expect(reorder(move("1", "up", [], "7e0")).success).toBe(false);
    expect(reorder(move("1", "up", [], "0x7")).success).toBe(false);
    expect(move("1", "up", [["position", "1"]]).success).toBe(false);
    expect(chapterReorderSchema.safeParse({ bookId: 7, chapterIds: "5" }).data).toEqual({ bookId: 7, chapterIds: [5] });
  });
});
