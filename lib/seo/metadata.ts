import type { Metadata } from "next";
import { env } from "@/lib/env";
import { getT, ownScriptVariant, variantsEnabled } from "@/lib/i18n/messages";
import { SCRIPT_VARIANTS, variantHref } from "@/lib/i18n/script-variants";

// Site-wide defaults: the title template and the base for absolute URLs.
export function siteMetadata(): Metadata {
  const t = getT();
  return {
    metadataBase: new URL(env.SITE_URL),
    title: { default: t("home.title"), template: `%s - ${t("site.name")}` },
    description: t("site.description"),
    applicationName: t("site.name"),
    formatDetection: { telephone: false },
  };
}

export type PageMeta = {
  title: string;
  // Pages in the same segment as the layout that sets the title template get no suffix from
  // it: they ask for the full title instead.
  absoluteTitle?: boolean;
  description: string;
  path: string;
  noindex?: boolean;
  type?: "website" | "book" | "article";
  /** Shown by link previews (og:image, twitter:image): a book's cover. */
  image?: { url: string; alt: string; width: number; height: number };
  /** Atom feeds of the page, announced with <link rel="alternate">. */
  feeds?: { url: string; title: string }[];
};

/** A page description as search results and link previews show it: 160 characters at most. */
export function shortDescription(description: string): string {
  return description.length > 160 ? `${description.slice(0, 157)}…` : description;
}

// Per-page metadata: a self-referencing canonical URL, description and Open Graph basics.
// (The reading page, which Next does not render, writes the same tags with lib/seo/meta-tags.ts.)
export function pageMetadata({
  title,
  description,
  path,
  noindex = false,
  type = "website",
  absoluteTitle = false,
  image,
  feeds = [],
}: PageMeta): Metadata {
  const siteName = getT()("site.name");
  const short = shortDescription(description);
  const images = image ? [image] : undefined;
  return {
    title: absoluteTitle ? { absolute: `${title} - ${siteName}` } : title,
    description: short,
    alternates: {
      canonical: path,
      ...(noindex ? {} : { languages: scriptAlternates(path) }),
      ...(feeds.length > 0 ? { types: { "application/atom+xml": feeds } } : {}),
    },
    openGraph: { title, description: short, url: path, type: type === "book" ? "book" : type, siteName, images },
    twitter: { card: image ? "summary_large_image" : "summary", title, description: short, images },
    robots: noindex ? { index: false, follow: true } : undefined,
  };
}

/**
 * The page's language versions for hreflang (lib/i18n/script-variants.ts): the page as written,
 * which is also the x-default, in the UI's script, and its variant in the other script. Empty
 * on a site whose UI is not Chinese.
 */
export function scriptAlternates(path: string): Record<string, string> {
  if (!variantsEnabled) return {};
  const entries: [string, string][] = [["x-default", path]];
  for (const v of SCRIPT_VARIANTS) entries.push([v.lang, v.key === ownScriptVariant ? path : variantHref(v, path)]);
  return Object.fromEntries(entries);
}

/** An absolute URL on this site, for JSON-LD, feeds and sitemaps (metadata resolves its own). */
export function absoluteUrl(path: string): string {
  return new URL(path, env.SITE_URL).href;
}
