import { describe, expect, it } from "vitest";
import {
  chapterCreateSchema,
  chapterUpdateSchema,
  bookCreateSchema,
  bookUpdateSchema,
  chapterBulkSchema,
  volumeDeleteSchema,
  volumeReorderSchema,
} from "@/lib/validation/authoring";
import {
  bookCreateInput,
  bookUpdateInput,
  chapterBulkInput,
  chapterCreateInput,
  chapterUpdateInput,
  refInput,
  volumeDeleteInput,
  volumeMoveInput,
} from "./authoring-input";

function form(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe("book forms", () => {
  it("builds a create input the schema accepts, tags as a list of numbers", () => {
    const input = bookCreateInput(
      form([
        ["title", "书名"],
        ["intro", "简介"],
        ["categoryId", "3"],
        ["tagIds", "1"],
        ["tagIds", "4"],
        ["status", "ONGOING"],
        ["language", "zh-CN"],
        ["$ACTION_ID_abc", ""],
      ]),
    );
    expect(input).toEqual({
      title: "书名",
      intro: "简介",
      categoryId: 3,
      tagIds: [1, 4],
      status: "ONGOING",
      language: "zh-CN",
    });
    expect(bookCreateSchema.safeParse(input).success).toBe(true);
  });

  it("no checked tag is an empty list; an unknown field reaches the schema, which refuses it", () => {
    const input = bookCreateInput(
      form([
        ["title", "T"],
        ["categoryId", "1"],
        ["authorId", "99"],
      ]),
    );
    expect(input.tagIds).toEqual([]);
    const parsed = bookCreateSchema.safeParse(input);
    expect(parsed.success).toBe(false);
  });

  it("a book id on the create form is refused, not silently dropped", () => {
    const input = bookCreateInput(
      form([
        ["title", "T"],
        ["categoryId", "1"],
        ["bookId", "5"],
      ]),
    );
    expect(bookCreateSchema.safeParse(input).success).toBe(false);
  });

  it("builds an update input with the book id as a number", () => {
    const input = bookUpdateInput(
      form([
        ["bookId", "8"],
        ["title", "New"],
        ["categoryId", "2"],
        ["status", "COMPLETED"],
        ["language", "en"],
        ["intro", ""],
      ]),
    );
    expect(input).toMatchObject({ bookId: 8, title: "New", categoryId: 2, tagIds: [], status: "COMPLETED" });
    expect(bookUpdateSchema.safeParse(input).success).toBe(true);
  });

  it("a non-numeric id stays a string and fails validation", () => {
    const input = bookUpdateInput(form([["bookId", "8; drop"]]));
    expect(bookUpdateSchema.safeParse(input).success).toBe(false);
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
    const input = chapterCreateInput(form([...base, ["intent", "save"]]), "Asia/Shanghai");
    expect(input).toEqual({
      bookId: 2,
      volumeId: null,
      title: "第一章",
      body: "第一段\n第二段",
      authorNote: "",
      intent: "save",
    });
    expect(chapterCreateSchema.safeParse(input).success).toBe(true);
  });

  it("scheduling converts the local time of the site time zone to an instant", () => {
    const input = chapterCreateInput(form([...base, ["intent", "schedule"]]), "Asia/Shanghai");
    expect(input.publishAt).toBe("2030-01-01T00:00:00.000Z");
    expect(chapterCreateSchema.safeParse(input).success).toBe(true);
  });

  it("scheduling without a date reaches the schema as missing, with its field error", () => {
    const input = chapterCreateInput(
      form([...base.filter(([k]) => k !== "publishAt"), ["publishAt", ""], ["intent", "schedule"]]),
      "UTC",
    );
    const parsed = chapterCreateSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["publishAt"]);
  });

  it("an edit names the chapter and may move it to a volume", () => {
    const input = chapterUpdateInput(
      form([
        ["chapterId", "41"],
        ["volumeId", "3"],
        ["title", "改"],
        ["body", "正文"],
        ["authorNote", "注"],
        ["publishAt", ""],
        ["intent", "publish"],
      ]),
      "UTC",
    );
    expect(input).toEqual({
      chapterId: 41,
      volumeId: 3,
      title: "改",
      body: "正文",
      authorNote: "注",
      intent: "publish",
    });
    expect(chapterUpdateSchema.safeParse(input).success).toBe(true);
  });

  it("the book id on an edit form is refused by the strict schema", () => {
    const input = chapterUpdateInput(
      form([
        ["chapterId", "41"],
        ["bookId", "2"],
      ]),
      "UTC",
    );
    expect(chapterUpdateSchema.safeParse(input).success).toBe(false);
  });
});

describe("bulk and reference forms", () => {
  it("collects the checked chapters and the pressed action", () => {
    const input = chapterBulkInput(
      form([
        ["bookId", "2"],
        ["chapterIds", "5"],
        ["chapterIds", "6"],
        ["publishAt", ""],
        ["action", "publish"],
      ]),
      "UTC",
    );
    expect(input).toEqual({ bookId: 2, chapterIds: [5, 6], action: "publish" });
    expect(chapterBulkSchema.safeParse(input).success).toBe(true);
  });

  it("bulk scheduling carries the instant", () => {
    const input = chapterBulkInput(
      form([
        ["bookId", "2"],
        ["chapterIds", "5"],
        ["publishAt", "2030-06-01T12:00"],
        ["action", "schedule"],
      ]),
      "UTC",
    );
    expect(input.publishAt).toBe("2030-06-01T12:00:00.000Z");
  });

  it("no checked chapter is an empty list, which the schema refuses", () => {
    const input = chapterBulkInput(
      form([
        ["bookId", "2"],
        ["action", "trash"],
      ]),
      "UTC",
    );
    expect(input.chapterIds).toEqual([]);
    expect(chapterBulkSchema.safeParse(input).success).toBe(false);
  });

  it("reference forms convert only the named ids and keep other fields", () => {
    expect(
      refInput(
        form([
          ["chapterId", "9"],
          ["position", "2"],
        ]),
        ["chapterId", "position"],
      ),
    ).toEqual({ chapterId: 9, position: 2 });
    expect(
      refInput(
        form([
          ["volumeId", "4"],
          ["title", "卷一"],
        ]),
        ["volumeId"],
      ),
    ).toEqual({ volumeId: 4, title: "卷一" });
  });

  it("deleting a volume: empty target is the default, 'none' is null", () => {
    expect(volumeDeleteInput(form([["volumeId", "4"]]))).toEqual({ volumeId: 4 });
    expect(
      volumeDeleteInput(
        form([
          ["volumeId", "4"],
          ["moveChaptersTo", "none"],
        ]),
      ),
    ).toEqual({ volumeId: 4, moveChaptersTo: null });
    const input = volumeDeleteInput(
      form([
        ["volumeId", "4"],
        ["moveChaptersTo", "3"],
      ]),
    );
    expect(volumeDeleteSchema.safeParse(input).success).toBe(true);
  });

  it("moving a volume: the order with the volume one place further, ids read strictly", () => {
    const move = (volumeId: string, direction: string, extra: [string, string][] = [], bookId = "7") =>
      volumeMoveInput(
        form([
          ["bookId", bookId],
          ["volumeId", volumeId],
          ["direction", direction],
          ["order", "3"],
          ["order", "1"],
          ["order", "2"],
          ...extra,
        ]),
      );
    expect(move("1", "up")).toEqual({ bookId: 7, volumeIds: [1, 3, 2] });
    expect(move("1", "down")).toEqual({ bookId: 7, volumeIds: [3, 2, 1] });
    expect(move("3", "up")).toEqual({ bookId: 7, volumeIds: [3, 1, 2] });
    expect(move("2", "down")).toEqual({ bookId: 7, volumeIds: [3, 1, 2] });
    expect(move("1", "sideways")).toBeNull();
    expect(move("9", "up")).toBeNull();
    expect(move("1e0", "up")).toBeNull();
    expect(volumeReorderSchema.safeParse(move("1", "up", [], "7e0")).success).toBe(false);
    expect(volumeReorderSchema.safeParse(move("1", "up", [], "0x7")).success).toBe(false);
    expect(volumeReorderSchema.safeParse(move("1", "up", [["position", "1"]])).success).toBe(false);
  });
});
