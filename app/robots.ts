import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/seo/metadata";

// Public pages are open to crawlers; search results (endless, thin), the author dashboard, the
// admin, the API and a book's downloads (the same text again, and a file made on demand: a crawl
// must not set the download job off for every book) are not.
export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/search", "/dashboard", "/admin", "/api/", "/book/*/download"] }],
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
