// Sitemap protocol XML (https://www.sitemaps.org/protocol.html): a sitemap index and url sets.
// Every URL is absolute and XML-escaped; lastmod is W3C datetime in UTC.

export type SitemapEntry = { url: string; lastModified: Date | null };

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => XML_ENTITIES[c] ?? c);
}

const XML_ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" };

function entry(tag: "url" | "sitemap", e: SitemapEntry): string {
  const lastmod = e.lastModified ? `<lastmod>${e.lastModified.toISOString()}</lastmod>` : "";
  return `<${tag}><loc>${escapeXml(e.url)}</loc>${lastmod}</${tag}>\n`;
}

export function renderUrlset(entries: SitemapEntry[]): string {
  let xml = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
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
