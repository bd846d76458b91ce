import { type NextRequest, NextResponse } from "next/server";
import { decodeSessionToken, SESSION_COOKIE } from "@/lib/auth/session-token";

// Two jobs for the signed-in tools (dashboard, admin) and the account pages, none for public
// pages, which are not matched and stay static and shared (their fixed policy is in next.config.mjs):
//
// 1. A per-request nonce Content-Security-Policy. Those pages render per request anyway; Next
//    reads the nonce from the request's CSP header and puts it on its own scripts.
// 2. An early answer for page requests that cannot succeed, while the status can still be set:
//    no valid session → 307 to the sign-in page; /admin without the ADMIN role → 404. Past this
//    point the page has started streaming with status 200, so a refusal there could only render.
//    The token's claims decide here; the pages, actions and data layer check the account in the
//    database again (disabled, sessionVersion, current role), so this is never the only check.

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and Next set style attributes (e.g. hidden route announcer); they need inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const SIGNED_IN_ONLY = /^\/(dashboard|admin|account)(\/|$)/;
const ADMIN_ONLY = /^\/admin(\/|$)/;

async function refusal(request: NextRequest): Promise<NextResponse | null> {
  // Server actions (POST) answer for themselves: a redirect there is part of the action protocol.
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const { pathname, search } = request.nextUrl;
  if (!SIGNED_IN_ONLY.test(pathname)) return null;
  const claims = await decodeSessionToken(request.cookies.get(SESSION_COOKIE)?.value);
  if (!claims) {
    const login = new URL("/login", request.url);
    login.searchParams.set("next", pathname + search);
    return NextResponse.redirect(login, 307);
  }
  if (ADMIN_ONLY.test(pathname) && claims.role !== "ADMIN") {
    // A path no route matches renders the site's not-found page, with status 404.
    return NextResponse.rewrite(new URL("/_not-found-for-role", request.url), { status: 404 });
  }
  return null;
}

export async function proxy(request: NextRequest) {
  const refused = await refusal(request);
  if (refused) return refused;

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Inline literals: Next reads the matcher statically.
export const config = {
  matcher: [
    {
      source: "/(dashboard|admin|account)/:path*",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    {
      source: "/(dashboard|admin|account|login|register|forgot-password|reset-password|unsubscribe)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
