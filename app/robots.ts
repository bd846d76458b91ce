import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/seo/metadata";

// Public pages are open to crawlers; search results (endless, thin), the author dashboard, the
// admin and the API are not.
export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/search", "/dashboard", "/admin", "/api/"] }],
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
