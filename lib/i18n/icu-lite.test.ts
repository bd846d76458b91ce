import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import zhHant from "@/messages/zh-Hant.json";
import { formatMessage } from "./icu-lite";

type Tree = { [key: string]: string | Tree };

function* leaves(tree: Tree, path: string[] = []): Generator<[string, string]> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") yield [[...path, key].join("."), value];
    else yield* leaves(value, [...path, key]);
  }
}

// The values a message is filled with: each argument it names, as each count a plural may
// distinguish, and as each choice of a select.
function samples(message: string): Record<string, string | number>[] {
  const names = new Set([...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]!));
  const selectChoices = [...message.matchAll(/\{\s*\w+\s*,\s*select\s*,\s*((?:\w+\s*\{[^{}]*\}\s*)+)\}/g)].flatMap(
    (m) => [...m[1]!.matchAll(/(\w+)\s*\{/g)].map((c) => c[1]!),
  );
  const out: Record<string, string | number>[] = [];
  for (const n of [0, 1, 2, 5, 21, 1234]) {
    out.push(Object.fromEntries([...names].map((name) => [name, n])));
  }
  for (const choice of [...selectChoices, "unknown"]) {
    out.push(Object.fromEntries([...names].map((name) => [name, choice])));
  }
  return out;
}

describe("the browser's message formatting", () => {
  it.each([
    ["zh-CN", zhCN],
    ["zh-Hant", zhHant],
    ["en", en],
  ] as const)("prints every %s message exactly as next-intl does on the server", (locale, catalog) => {
    const t = createTranslator({ locale, messages: catalog }) as unknown as (
      key: string,
      values?: Record<string, string | number>,
    ) => string;
    let checked = 0;
    for (const [key, message] of leaves(catalog as unknown as Tree)) {
      for (const values of samples(message)) {
        let expected: string;
        try {
          expected = t(key, values);
        } catch {
          continue;
        }
        // next-intl reports a value it cannot format by returning the key; skip those samples.
        if (expected === key && message !== key) continue;
        expect(formatMessage(locale, message, values), `${key} with ${JSON.stringify(values)}`).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("fills plurals, exact matches, numbers, selects and quoted braces", () => {
    const plural = "{count, plural, =0 {No new chapters} one {# new chapter} other {# new chapters}}";
    expect(formatMessage("en", plural, { count: 0 })).toBe("No new chapters");
    expect(formatMessage("en", plural, { count: 1 })).toBe("1 new chapter");
    expect(formatMessage("en", plural, { count: 1234 })).toBe("1,234 new chapters");
    expect(formatMessage("zh-CN", "{count, number} 字", { count: 12345 })).toBe("12,345 字");
    expect(formatMessage("en", "{k, select, png {a PNG image} other {a file}}", { k: "png" })).toBe("a PNG image");
    expect(formatMessage("en", "{k, select, png {a PNG image} other {a file}}", { k: "pdf" })).toBe("a file");
    expect(formatMessage("en", "'{literal}' and {user}'s", { user: "Li" })).toBe("{literal} and Li's");
    expect(formatMessage("en", "it''s", {})).toBe("it's");
  });

  it("refuses a message with unbalanced braces", () => {
    expect(() => formatMessage("en", "{count, plural, other {#}", {})).toThrow(SyntaxError);
    expect(() => formatMessage("en", "a } b", {})).toThrow(SyntaxError);
  });
});
