import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { isSameOrigin } from "./origin";

const post = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/shelf", { method: "POST", headers });

describe("isSameOrigin", () => {
  it("accepts this site's origin: SITE_URL, or the Host the request was sent to", () => {
    expect(isSameOrigin(post({ origin: new URL(env.SITE_URL).origin }))).toBe(true);
    expect(isSameOrigin(post({ origin: "http://books.example:8080", host: "books.example:8080" }))).toBe(true);
    // TLS ended at a proxy: the scheme comes from X-Forwarded-Proto.
    expect(
      isSameOrigin(post({ origin: "https://books.example", host: "books.example", "x-forwarded-proto": "https" })),
    ).toBe(true);
  });

  it("refuses another origin, also when the request claims that host in X-Forwarded-Host", () => {
    expect(isSameOrigin(post({ origin: "https://evil.example", host: "localhost:3000" }))).toBe(false);
    expect(
      isSameOrigin(
        post({ origin: "https://evil.example", host: "localhost:3000", "x-forwarded-host": "evil.example" }),
      ),
    ).toBe(false);
    expect(isSameOrigin(post({ origin: "null" }))).toBe(false);
  });

  it("lets non-browser clients through without Origin, unless the browser marked the request cross-site", () => {
    expect(isSameOrigin(post({}))).toBe(true);
    expect(isSameOrigin(post({ "sec-fetch-site": "cross-site" }))).toBe(false);
  });
});
