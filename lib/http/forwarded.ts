import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

/**
 * Who may tell the site a client's address, host and scheme. The app reads the client's address
 * from the last `X-Forwarded-For` hop (sign-in limits, view counting) and Next checks a server
 * action's Origin against `X-Forwarded-Host`; a client that talks to the server directly could
 * send both. So the site's server (lib/server/site-server.ts) keeps these headers only from a
 * trusted proxy, by default this machine (deploy/nginx runs beside the app), and from anyone else
 * replaces the address with the socket's and drops the rest.
 */
const FORWARDED_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

export type TrustedProxies = { check(address: string): boolean };

/**
 * The trusted proxies from `TRUSTED_PROXIES`: addresses and CIDR ranges, comma-separated; unset,
 * the loopback addresses. Throws with the offending entry on a value that is neither.
 */
export function trustedProxies(setting: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (setting ?? "127.0.0.0/8, ::1")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = "", bits] = entry.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? null : Number(bits);
    const maxPrefix = family === 4 ? 32 : 128;
    if (family === 0 || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxPrefix))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === null) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return {
    check(address) {
      // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
      const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
      if (v4) return list.check(v4, "ipv4");
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/** Makes a request's forwarding headers say what the socket can vouch for (see above). */
export function settleForwardedHeaders(req: IncomingMessage, trusted: TrustedProxies): void {
  const peer = req.socket.remoteAddress ?? "";
  if (peer && trusted.check(peer)) return;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(peer)?.[1];
  req.headers["x-forwarded-for"] = v4 ?? (peer || "unknown");
  for (const name of FORWARDED_HEADERS) delete req.headers[name];
}

/**
 * Whether a request is a server action sent from another site: a POST to a page (with Next's
 * `Next-Action` header, or a form posted without JavaScript) whose Origin does not name the host
 * it was sent to (`X-Forwarded-Host`, which only a trusted proxy can set by now, else `Host`).
 * Next refuses these itself, but answers and logs them as server errors (500); the site's server
 * answers 403 first. The rule is Next's own (app-render/action-handler.js), so nothing Next
 * would run is refused: no Origin (a non-browser client, which carries no ambient cookies) passes.
 */
export function isCrossSiteAction(req: IncomingMessage): boolean {
  if (req.method !== "POST" || (req.url ?? "").startsWith("/api/")) return false;
  const type = String(req.headers["content-type"] ?? "");
  const action =
    req.headers["next-action"] !== undefined ||
    type.startsWith("multipart/form-data") ||
    type.startsWith("application/x-www-form-urlencoded");
  const origin = req.headers.origin;
  if (!action || origin === undefined) return false;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  const forwardedHost = String(req.headers["x-forwarded-host"] ?? "")
    .split(",")[0]
    ?.trim();
  return originHost !== (forwardedHost || req.headers.host);
}
