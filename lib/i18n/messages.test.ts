import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === "string" ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v, `${prefix}${k}.`)),
    ),
  );
}

describe.each([
  ["zh-CN", flatten(zh as Tree)],
  ["en", flatten(en as Tree)],
])("%s messages", (_, m) => {
  it("say 'correct the marked fields' in the same words on every form", () => {
    const texts = new Set([m["auth.fixErrors"], m["dashboard.fixErrors"], m["admin.errors.invalid"]]);
    expect(texts.size).toBe(1);
  });

  it("end the rate-limit message like every other sentence", () => {
    expect(m["auth.tooManyAttempts"]).toMatch(/[。.]$/);
  });

  it("state the limit when an admin text is too long", () => {
    expect(m["admin.errors.tooLong"]).toContain("{max, number}");
  });
});

it("has the same keys in both languages", () => {
  expect(Object.keys(flatten(en as Tree)).sort()).toEqual(Object.keys(flatten(zh as Tree)).sort());
});
