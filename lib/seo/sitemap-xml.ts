// Sitemap protocol XML (https://www.sitemaps.org/protocol.html): a sitemap index and url sets.
// Every URL is absolute and XML-escaped; lastmod is W3C datetime in UTC.

/** `alternates`: the page's other language (script) versions, hreflang → absolute URL. */
export type SitemapEntry = { url: string; lastModified: Date | null; alternates?: Record<string, string> };

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => XML_ENTITIES[c] ?? c);
}

const XML_ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" };

function entry(tag: "url" | "sitemap", e: SitemapEntry): string {
  const lastmod = e.lastModified ? `<lastmod>${e.lastModified.toISOString()}</lastmod>` : "";
  let links = "";
  for (const [lang, href] of Object.entries(e.alternates ?? {})) {
    links += `<xhtml:link rel="alternate" hreflang="${escapeXml(lang)}" href="${escapeXml(href)}"/>`;
  }
  return `<${tag}><loc>${escapeXml(e.url)}</loc>${lastmod}${links}</${tag}>\n`;
}

// The xhtml namespace carries hreflang alternates (https://developers.google.com/search/docs/specialty/international/localized-versions#sitemap).
export function renderUrlset(entries: SitemapEntry[]): string {
  let xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n';
  for (const e of entries) xml += entry("url", e);
  return `${xml}</urlset>\n`;
}

export function renderSitemapIndex(entries: SitemapEntry[]): string {
  let xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
  for (const e of entries) xml += entry("sitemap", e);
  return `${xml}</sitemapindex>\n`;
}

export function xmlResponse(xml: string, contentType = "application/xml"): Response {
  return new Response(xml, { headers: { "Content-Type": `${contentType}; charset=utf-8` } });
}
