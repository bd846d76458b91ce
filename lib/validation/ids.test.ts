import { describe, expect, it } from "vitest";
import { MAX_INT_ID, formIdValue, idSchema, parseId, routeIdSchema } from "./ids";

const NOT_IDS = [
  "",
  "0",
  "00",
  "01",
  "-1",
  "+1",
  "1.0",
  "1e3",
  "12abc",
  " 1",
  "1 ",
  "0x1F",
  "2147483648",
  "99999999999",
  "１２",
  "NaN",
  "toString",
  "__proto__",
];

describe("parseId", () => {
  it.each([
    ["1", 1],
    ["42", 42],
    ["2147483647", MAX_INT_ID],
  ])("reads %j", (raw, id) => {
    expect(parseId(raw)).toBe(id);
    expect(routeIdSchema.parse(raw)).toBe(id);
  });

  it.each(NOT_IDS)("refuses %j", (raw) => {
    expect(parseId(raw)).toBeNull();
    expect(routeIdSchema.safeParse(raw).success).toBe(false);
  });

  it("refuses what is not text at all", () => {
    expect(parseId(null)).toBeNull();
    expect(parseId(undefined)).toBeNull();
  });
});

describe("idSchema", () => {
  it("takes whole numbers from 1 to the integer column's maximum, with the given message", () => {
    const schema = idSchema("x.invalid");
    expect(schema.parse(1)).toBe(1);
    expect(schema.parse(MAX_INT_ID)).toBe(MAX_INT_ID);
    for (const bad of [0, -1, 1.5, MAX_INT_ID + 1, Number.NaN, "1", null]) {
      const result = schema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("x.invalid");
    }
  });
});

describe("formIdValue", () => {
  it("turns a form's id into a number and leaves anything else for the schema to refuse", () => {
    expect(formIdValue("12")).toBe(12);
    expect(formIdValue(" 7 ")).toBe(7);
    for (const raw of ["1e3", "-1", "0", "012", "99999999999", ""]) expect(formIdValue(raw)).toBe(raw);
    expect(formIdValue(undefined)).toBeUndefined();
    const file = new File(["1"], "1.txt");
    expect(formIdValue(file)).toBe(file);
  });
});
