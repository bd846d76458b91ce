import { describe, expect, it } from "vitest";
import { pinyinQuery, titlePinyin } from "./pinyin";

describe("titlePinyin", () => {
  it("spells titles in toneless pinyin with their initials, polyphones by context", () => {
    expect(titlePinyin("剑来")).toEqual({ titlePinyin: "jianlai", titleInitials: "jl" });
    expect(titlePinyin("重生之都市")).toEqual({ titlePinyin: "chongshengzhidushi", titleInitials: "cszds" });
    expect(titlePinyin("长生不老").titlePinyin).toBe("changshengbulao");
    expect(titlePinyin("绿野仙踪").titlePinyin).toBe("lvyexianzong");
  });

  it("folds traditional characters and keeps Latin words and digits as words", () => {
    expect(titlePinyin("劍來")).toEqual({ titlePinyin: "jianlai", titleInitials: "jl" });
    expect(titlePinyin("Harry Potter与魔法石")).toEqual({
      titlePinyin: "harrypotteryumofashi",
      titleInitials: "hpymfs",
    });
    expect(titlePinyin("行走江湖 2！")).toEqual({ titlePinyin: "xingzoujianghu2", titleInitials: "xzjh2" });
    expect(titlePinyin("！！")).toEqual({ titlePinyin: "", titleInitials: "" });
  });
});

describe("pinyinQuery", () => {
  it("takes Latin letters of two or more, spaces removed, and nothing else", () => {
    expect(pinyinQuery("jian lai")).toBe("jianlai");
    expect(pinyinQuery("jl")).toBe("jl");
    expect(pinyinQuery("j")).toBeNull();
    expect(pinyinQuery("剑 lai")).toBeNull();
    expect(pinyinQuery("jl2")).toBeNull();
  });
});
