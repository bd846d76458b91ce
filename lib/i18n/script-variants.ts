// 简体 / 繁體: every public page can also be read converted to the other script, at its own
// address so that crawlers index it and every visitor of an address gets the same page:
//
//   /book/40/toc            the page as written (the site's UI language, books as their authors wrote them)
//   /zh-hant/book/40/toc    the same page in Traditional Chinese (OpenCC cn → tw)
//   /zh-hans/book/40/toc    the same page in Simplified Chinese (OpenCC tw → cn): a book written
//                           in traditional characters, for a reader who asks for simplified
//
// The site's server converts the finished page (lib/i18n/script-convert.ts; for Next's pages in
// lib/server/page-pass.ts, for the reading pages in lib/reader/handler.ts) and keeps the
// result as it keeps the page. This file is the addresses only, for the browser's code as well.
// Conversion is by OpenCC's dictionaries (opencc-js): phrase by phrase (头发 → 頭髮, 发展 → 發展),
// not character by character, and never changes the author's vocabulary (no 软件 → 軟體).

export type ScriptVariant = {
  key: "hant" | "hans";
  /** The address prefix. */
  prefix: "/zh-hant" | "/zh-hans";
  /** The page's language tag (`<html lang>`, hreflang). */
  lang: "zh-Hant" | "zh-Hans";
};

export const SCRIPT_VARIANTS: readonly ScriptVariant[] = [
  { key: "hans", prefix: "/zh-hans", lang: "zh-Hans" },
  { key: "hant", prefix: "/zh-hant", lang: "zh-Hant" },
];

const VARIANT_PATH = /^\/zh-han([st])(?=\/|$)/;

/** The variant an address asks for and the address of the page as written; null: no variant. */
export function splitVariant(pathname: string): { variant: ScriptVariant; path: string } | null {
  const match = VARIANT_PATH.exec(pathname);
  if (!match) return null;
  const variant = SCRIPT_VARIANTS.find((v) => v.key === (match[1] === "t" ? "hant" : "hans"))!;
  return { variant, path: pathname.slice(match[0].length) || "/" };
}

/** The address of a page (path, query and fragment) in a variant. */
export function variantHref(variant: ScriptVariant, href: string): string {
  return href === "/" ? variant.prefix : `${variant.prefix}${href}`;
}

// Pages that are not the catalogue's have no variants: the signed-in tools and account pages
// (per-visitor, rendered with a nonce by proxy.ts), APIs, files and Next's own addresses. A file
// is anything whose last segment has an extension (covers, downloads, feeds, sitemaps).
const WITHOUT_VARIANTS =
  /^\/(?:_next|_shuhai|api|dashboard|admin|account|login|register|forgot-password|reset-password|unsubscribe|notices|zh-han[st])(?:[/?#]|$)|^\/[^?#]*\.[a-z0-9]+(?:[?#]|$)|^\/\//i;

/** Whether an address on this site (starting with "/") is a page that has script variants. */
export function hasVariants(href: string): boolean {
  return href.startsWith("/") && !WITHOUT_VARIANTS.test(href);
}

/**
 * In the browser: `href` in the 繁體 / 简体 variant of the page the reader is on, for links code
 * makes (search suggestions, the browser's shelf), which the server's conversion never sees.
 */
export function inCurrentVariant(href: string): string {
  const current = currentVariant();
  return current && hasVariants(href) ? variantHref(current, href) : href;
}

/** In the browser: the 繁體 / 简体 variant of the page the reader is on (null: the page as written). */
export function currentVariant(): ScriptVariant | null {
  return typeof window === "undefined" ? null : (splitVariant(window.location.pathname)?.variant ?? null);
}

/** The search box's suggestions for `q`, in the script of the page the reader is on. */
export function suggestionsUrl(q: string): string {
  const variant = currentVariant();
  return `/api/search/suggest?q=${encodeURIComponent(q)}${variant ? `&script=${variant.key}` : ""}`;
}
