import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { COVER_ERROR_CODES, CoverError } from "./errors";

describe("cover error messages", () => {
  it.each([
    ["en", en],
    ["zh-CN", zhCN],
  ])("exist in %s for every error code", (_locale, messages) => {
    expect(Object.keys(messages.covers.errors).sort()).toEqual([...COVER_ERROR_CODES].sort());
    for (const code of COVER_ERROR_CODES) {
      const key = new CoverError(code).messageKey.split(".");
      expect(key).toEqual(["covers", "errors", code]);
      expect(messages.covers.errors[code].length).toBeGreaterThan(0);
    }
  });

  it("use the same keys in both languages", () => {
    expect(Object.keys(zhCN.covers).sort()).toEqual(Object.keys(en.covers).sort());
  });
});
