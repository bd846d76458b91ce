import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import zhHant from "@/messages/zh-Hant.json";
import { zhHantCatalogue } from "./zh-hant-catalogue";

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

// JSON.parse keeps the last of two equal keys in one object without a word; a merge that adds
// a key both branches added leaves one message silently unused.
function duplicateKeys(json: string): string[] {
  const found: string[] = [];
  const stack: Set<string>[] = [];
  const path: string[] = [];
  let lastKey = "";
  const token = /"((?:[^"\\]|\\.)*)"\s*(:)?|[{}]/g;
  for (let m = token.exec(json); m; m = token.exec(json)) {
    if (m[0] === "{") {
      stack.push(new Set());
      path.push(lastKey);
    } else if (m[0] === "}") {
      stack.pop();
      path.pop();
    } else if (m[2]) {
      lastKey = m[1] ?? "";
      const keys = stack.at(-1)!;
      if (keys.has(lastKey)) found.push([...path.slice(1), lastKey].join("."));
      keys.add(lastKey);
    }
  }
  return found;
}

it.each(["zh-CN", "en"])("%s messages name every key once per object", (locale) => {
  const text = readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), "utf8");
  expect(duplicateKeys(text)).toEqual([]);
  expect(duplicateKeys('{"a": {"b": "1", "b": "2"}}')).toEqual(["a.b"]);
});

// The Traditional Chinese catalogue is made from the Simplified one: a change to zh-CN.json that
// was not carried over (scripts/generate-zh-hant-messages.ts) fails here.
it("has the Traditional Chinese catalogue made from the current Simplified one", () => {
  expect(zhHant).toEqual(zhHantCatalogue(zh));
  const m = flatten(zhHant as Tree);
  expect(m["auth.signIn"]).toBe("登入");
  expect(m["reader.settings"]).toBe("閱讀設定");
  expect(m["search.submit"]).toMatch(/^搜尋/);
  expect(Object.keys(m).sort()).toEqual(Object.keys(flatten(zh as Tree)).sort());
});
