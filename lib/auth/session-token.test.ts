import { afterEach, describe, expect, it, vi } from "vitest";
import { secureCookiesFor } from "./session-token";

vi.mock("@/lib/db", () => ({ db: {} }));

describe("secureCookiesFor", () => {
  it("follows the site's scheme on auto, and SESSION_COOKIE_SECURE when it says so", () => {
    expect(secureCookiesFor("auto", "https://example.com")).toBe(true);
    expect(secureCookiesFor("auto", "http://localhost:3000")).toBe(false);
    // TLS ends at a proxy in front of a site that still calls itself http.
    expect(secureCookiesFor("true", "http://localhost:3000")).toBe(true);
    expect(secureCookiesFor("false", "https://example.com")).toBe(false);
  });
});

describe("every cookie the site sets follows SESSION_COOKIE_SECURE", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  async function cookieSettings(env: Record<string, string>) {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    vi.resetModules();
    const token = await import("./session-token");
    const { authOptions } = await import("./options");
    return {
      name: token.SESSION_COOKIE,
      secure: token.sessionCookieOptions.secure,
      // next-auth derives its session, CSRF and callback-url cookies (names and flags) from this.
      nextAuth: authOptions.useSecureCookies,
    };
  }

  it("true behind a TLS proxy with an http SITE_URL: Secure, with next-auth's __Secure- name", async () => {
    expect(await cookieSettings({ SITE_URL: "http://example.com", SESSION_COOKIE_SECURE: "true" })).toEqual({
      name: "__Secure-next-auth.session-token",
      secure: true,
      nextAuth: true,
    });
  });

  it("auto: Secure for an https SITE_URL, plain for http", async () => {
    expect(await cookieSettings({ SITE_URL: "https://example.com", SESSION_COOKIE_SECURE: "auto" })).toEqual({
      name: "__Secure-next-auth.session-token",
      secure: true,
      nextAuth: true,
    });
    expect(await cookieSettings({ SITE_URL: "http://localhost:3000" })).toEqual({
      name: "next-auth.session-token",
      secure: false,
      nextAuth: false,
    });
  });

  it("false: plain cookies even for an https SITE_URL (a local test over http)", async () => {
    expect(await cookieSettings({ SITE_URL: "https://example.com", SESSION_COOKIE_SECURE: "false" })).toEqual({
      name: "next-auth.session-token",
      secure: false,
      nextAuth: false,
    });
  });

  it("refuses a value that is none of auto, true, false", async () => {
    await expect(cookieSettings({ SESSION_COOKIE_SECURE: "yes" })).rejects.toThrow(/SESSION_COOKIE_SECURE/);
  });
});
