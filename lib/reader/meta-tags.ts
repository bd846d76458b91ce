import { getT } from "@/lib/i18n/messages";
import { absoluteUrl, scriptAlternates, shortDescription, type PageMeta } from "@/lib/seo/metadata";
import { markup, type SafeHtml } from "./html";

/**
 * The <head> tags of a page Next does not render (the reading page, lib/reader): the same
 * title, canonical URL, feeds, Open Graph and Twitter tags that pageMetadata gives Next's pages.
 */
export function metaTags(meta: PageMeta): SafeHtml {
  const { title, description, path, noindex = false, type = "website", image, feeds = [] } = meta;
  const siteName = getT()("site.name");
  const short = shortDescription(description);
  const url = absoluteUrl(path);
  const imageTags = image
    ? markup`<meta property="og:image" content="${absoluteUrl(image.url)}">
<meta property="og:image:width" content="${image.width}">
<meta property="og:image:height" content="${image.height}">
<meta property="og:image:alt" content="${image.alt}">
<meta name="twitter:image" content="${absoluteUrl(image.url)}">
<meta name="twitter:image:alt" content="${image.alt}">
`
    : null;
  return markup`<title>${title} - ${siteName}</title>
<meta name="description" content="${short}">
<meta name="application-name" content="${siteName}">
<link rel="canonical" href="${url}">
${
  noindex
    ? null
    : Object.entries(scriptAlternates(path)).map(
        ([lang, href]) => markup`<link rel="alternate" hreflang="${lang}" href="${absoluteUrl(href)}">
`,
      )
}${feeds.map(
    (f) => markup`<link rel="alternate" type="application/atom+xml" href="${absoluteUrl(f.url)}" title="${f.title}">
`,
  )}<meta name="format-detection" content="telephone=no">
${
  noindex
    ? markup`<meta name="robots" content="noindex, follow">
`
    : null
}<meta property="og:title" content="${title}">
<meta property="og:description" content="${short}">
<meta property="og:url" content="${url}">
<meta property="og:site_name" content="${siteName}">
<meta property="og:type" content="${type}">
<meta name="twitter:card" content="${image ? "summary_large_image" : "summary"}">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${short}">
${imageTags}<link rel="icon" href="/favicon.ico" sizes="48x48" type="image/x-icon">
<link rel="icon" href="/icon.svg" sizes="any" type="image/svg+xml">`;
}
