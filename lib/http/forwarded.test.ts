import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/rate-limit";
import { isCrossSiteAction, settleForwardedHeaders, trustedProxies } from "./forwarded";

function request(peer: string, headers: Record<string, string>): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: { ...headers } } as unknown as IncomingMessage;
}

const forged = {
  "x-forwarded-for": "203.0.113.99",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "http",
  forwarded: "for=203.0.113.99;host=evil.example",
  "x-real-ip": "203.0.113.99",
  host: "shuhai.example",
};

describe("forwarding headers", () => {
  it("replaces what a client sends directly with what its socket shows", () => {
    const req = request("198.51.100.7", forged);
    settleForwardedHeaders(req, trustedProxies(undefined));
    expect(req.headers).toEqual({ "x-forwarded-for": "198.51.100.7", host: "shuhai.example" });
    expect(clientIp(req.headers["x-forwarded-for"] as string)).toBe("198.51.100.7");
    // An IPv4 client of a dual-stack socket is keyed as IPv4.
    const mapped = request("::ffff:198.51.100.8", forged);
    settleForwardedHeaders(mapped, trustedProxies(undefined));
    expect(mapped.headers["x-forwarded-for"]).toBe("198.51.100.8");
  });

  it("keeps them from a trusted proxy: this machine by default, or the configured ranges", () => {
    for (const peer of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      const req = request(peer, forged);
      settleForwardedHeaders(req, trustedProxies(undefined));
      expect(req.headers).toEqual(forged);
    }
    const lan = trustedProxies("10.0.0.0/8, 2001:db8::/32, 192.0.2.10");
    for (const peer of ["10.1.2.3", "2001:db8::5", "192.0.2.10"]) expect(lan.check(peer), peer).toBe(true);
    for (const peer of ["127.0.0.1", "192.0.2.11", "11.0.0.1", "2001:db9::1"])
      expect(lan.check(peer), peer).toBe(false);
  });

  it("refuses a setting that names no address", () => {
    expect(() => trustedProxies("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => trustedProxies("localhost")).toThrow(/localhost/);
    expect(() => trustedProxies("::1/129")).toThrow(/::1\/129/);
  });
});

describe("server actions from another site", () => {
  const action = (headers: Record<string, string>, url = "/dashboard/books/new", method = "POST") =>
    ({
      method,
      url,
      headers: { host: "shuhai.example", "next-action": "abc123", ...headers },
    }) as unknown as IncomingMessage;

  it("are refused when the Origin names another host, or none", () => {
    expect(isCrossSiteAction(action({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteAction(action({ origin: "null" }))).toBe(true);
    expect(isCrossSiteAction(action({ origin: "not a url" }))).toBe(true);
    // A form posted without JavaScript is an action too.
    const form = action({ origin: "https://evil.example", "content-type": "multipart/form-data; boundary=x" });
    delete form.headers["next-action"];
    expect(isCrossSiteAction(form)).toBe(true);
  });

  it("pass from the site itself, through a trusted proxy's host, or without an Origin", () => {
    expect(isCrossSiteAction(action({ origin: "https://shuhai.example" }))).toBe(false);
    expect(isCrossSiteAction(action({ origin: "https://books.example", "x-forwarded-host": "books.example" }))).toBe(
      false,
    );
    expect(isCrossSiteAction(action({}))).toBe(false);
    // Not actions: reads, API routes (they check their own Origin), plain POSTs.
    expect(isCrossSiteAction(action({ origin: "https://evil.example" }, "/book/1", "GET"))).toBe(false);
    expect(isCrossSiteAction(action({ origin: "https://evil.example" }, "/api/views"))).toBe(false);
    const plain = action({ origin: "https://evil.example", "content-type": "application/json" });
    delete plain.headers["next-action"];
    expect(isCrossSiteAction(plain)).toBe(false);
  });

  it("cannot pass by forging X-Forwarded-Host from outside", () => {
    const req = action({ origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    Object.assign(req, { socket: { remoteAddress: "198.51.100.7" } });
    settleForwardedHeaders(req, trustedProxies(undefined));
    expect(isCrossSiteAction(req)).toBe(true);
  });
});
