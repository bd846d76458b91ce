import { env } from "@/lib/env";

/**
 * CSRF guard for state-changing route handlers (server actions have Next's own check): a
 * browser sends Origin with every POST, and it must be this site, either SITE_URL or the host the
 * request was addressed to (its Host header). Requests without Origin come from non-browser clients, which carry
 * no ambient cookies to abuse, unless Sec-Fetch-Site says the browser sent it cross-site.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") !== "cross-site";
  const allowed = new Set([new URL(env.SITE_URL).origin]);
  // Host, not X-Forwarded-Host: a client can set the latter to match its own forged Origin, and a
  // proxy that rewrites Host is covered by SITE_URL. The scheme may come from the proxy.
  const host = request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
    allowed.add(`${proto}://${host}`);
  }
  return allowed.has(origin);
}
