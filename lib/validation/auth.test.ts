import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { changePasswordSchema, loginSchema, nextPathSchema, registerSchema } from "./auth";
import { zodFieldErrors } from "./field-errors";

/** Field → the reasons' names (`auth.errors.<name>`), as the account forms report them. */
function fieldErrors(error: z.ZodError): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(zodFieldErrors(error, "auth")).map(([field, list]) => [
      field,
      list.map((e) => e.key.replace(/^auth\.errors\./, "")),
    ]),
  );
}

const valid = { email: "Reader@Example.COM", name: "读者", password: "password1", passwordConfirm: "password1" };
const errorsOf = (input: unknown) => {
  const r = registerSchema.safeParse(input);
  return r.success ? {} : fieldErrors(r.error);
};

describe("registerSchema", () => {
  it("lower-cases and trims the address", () => {
    expect(registerSchema.parse({ ...valid, email: "  Reader@Example.COM " }).email).toBe("reader@example.com");
  });

  it("rejects fields a visitor must not set, such as role", () => {
    expect(errorsOf({ ...valid, role: "ADMIN" })).toEqual({ role: ["unknownField"] });
    expect(errorsOf({ ...valid, sessionVersion: "9" })).toEqual({ sessionVersion: ["unknownField"] });
  });

  it("normalises the display name: bidi controls and zero-width characters go, spaces collapse", () => {
    const r = registerSchema.parse({ ...valid, name: "  \u202Eevil\u202C\u200B  name\u2066 " });
    expect(r.name).toBe("evil name");
    expect(registerSchema.parse({ ...valid, name: "Cafe\u0301" }).name).toBe("Café");
  });

  it("refuses names that would look empty: Hangul fillers, the blank Braille pattern, lone accents", () => {
    for (const name of ["\u3164\u3164", "\u2800", "\u0301\u0301\u0301", "\uFFA0 \u115F\u1160"]) {
      expect(errorsOf({ ...valid, name })).toEqual({ name: ["nameRequired"] });
    }
    expect(registerSchema.parse({ ...valid, name: "书\u3164海" }).name).toBe("书海");
    expect(registerSchema.parse({ ...valid, name: "🇨🇳🇯🇵" }).name).toBe("🇨🇳🇯🇵");
    expect(registerSchema.parse({ ...valid, name: "读者👨\u200D👩\u200D👧" }).name).toBe("读者👨\u200D👩\u200D👧");
    expect(registerSchema.parse({ ...valid, name: "读\u200D者" }).name).toBe("读者");
    expect(registerSchema.parse({ ...valid, name: "—_—" }).name).toBe("—_—");
  });

  it("counts the name in characters after normalisation: 1–30", () => {
    expect(errorsOf({ ...valid, name: "\u200B\u202E \u200D" })).toEqual({ name: ["nameRequired"] });
    expect(registerSchema.safeParse({ ...valid, name: "书".repeat(30) }).success).toBe(true);
    expect(registerSchema.safeParse({ ...valid, name: `${"书".repeat(30)}\u200B\u200B` }).success).toBe(true);
    expect(errorsOf({ ...valid, name: "书".repeat(31) })).toEqual({ name: ["nameTooLong"] });
    expect(errorsOf({ ...valid, name: "bell\u0007" })).toEqual({ name: ["nameInvalid"] });
  });

  it("counts CJK password characters as characters: 8–128", () => {
    const ok = (p: string) => registerSchema.safeParse({ ...valid, password: p, passwordConfirm: p }).success;
    expect(ok("书海书海书海书海")).toBe(true); // 8 characters, 24 bytes
    expect(errorsOf({ ...valid, password: "书海书海书海书", passwordConfirm: "书海书海书海书" })).toEqual({
      password: ["passwordTooShort"],
    });
    expect(ok("书".repeat(128))).toBe(true); // 384 bytes
    expect(ok("😀".repeat(128))).toBe(true); // 512 bytes, 256 UTF-16 units
    const long = "书".repeat(129);
    expect(errorsOf({ ...valid, password: long, passwordConfirm: long })).toEqual({ password: ["passwordTooLong"] });
  });

  it("caps the password's bytes before hashing", () => {
    // 10 characters, each "a" with 30 combining marks: 610 bytes.
    const heavy = `a${"\u0301".repeat(30)}`.repeat(10);
    expect(errorsOf({ ...valid, password: heavy, passwordConfirm: heavy }).password).toEqual(["passwordTooManyBytes"]);
    const huge = "x".repeat(100_000);
    expect(errorsOf({ ...valid, password: huge, passwordConfirm: huge }).password).toEqual(["passwordTooManyBytes"]);
  });

  it("rejects NUL and lone surrogates in every field", () => {
    expect(errorsOf({ ...valid, password: "pass\u0000word1", passwordConfirm: "pass\u0000word1" }).password).toEqual([
      "invalidCharacter",
    ]);
    expect(errorsOf({ ...valid, password: "password\uD800", passwordConfirm: "password\uD800" }).password).toEqual([
      "invalidCharacter",
    ]);
    expect(errorsOf({ ...valid, name: "name\uDC00" }).name).toEqual(["invalidCharacter"]);
    expect(errorsOf({ ...valid, email: "a\u0000@example.com" }).email).toEqual(["invalidCharacter"]);
  });

  it("requires the confirmation to match", () => {
    expect(errorsOf({ ...valid, passwordConfirm: "password2" })).toEqual({ passwordConfirm: ["passwordMismatch"] });
  });
});

describe("loginSchema and changePasswordSchema", () => {
  it("accept any stored password within the caps, and nothing else", () => {
    expect(loginSchema.safeParse({ email: "a@example.com", password: "x" }).success).toBe(true);
    expect(loginSchema.safeParse({ email: "a@example.com", password: "x", userId: "1" }).success).toBe(false);
    expect(loginSchema.safeParse({ email: "a@example.com", password: "x".repeat(513) }).success).toBe(false);
    expect(
      changePasswordSchema.safeParse({
        currentPassword: "old",
        newPassword: "newpassword",
        newPasswordConfirm: "newpassword",
        userId: "2",
      }).success,
    ).toBe(false);
  });

  it("only follows `next` to paths on this site", () => {
    expect(nextPathSchema.parse("/account")).toBe("/account");
    expect(nextPathSchema.parse("//evil.example")).toBe("/");
    expect(nextPathSchema.parse("/\\evil.example")).toBe("/");
    expect(nextPathSchema.parse("https://evil.example")).toBe("/");
    expect(nextPathSchema.parse(undefined)).toBe("/");
  });
});
