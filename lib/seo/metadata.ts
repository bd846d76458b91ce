import type { Metadata } from "next";
import { env } from "@/lib/env";
import { getT } from "@/lib/i18n/messages";

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

// Per-page metadata: a self-referencing canonical URL, description and Open Graph basics.
export function pageMetadata({
  title,
  description,
  path,
  noindex = false,
  type = "website",
  absoluteTitle = false,
}: {
  title: string;
  // Pages in the same segment as the layout that sets the title template get no suffix from
  // it: they ask for the full title instead.
  absoluteTitle?: boolean;
  description: string;
  path: string;
  noindex?: boolean;
  type?: "website" | "book" | "article";
}): Metadata {
  const siteName = getT()("site.name");
  return {
    title: absoluteTitle ? { absolute: `${title} - ${siteName}` } : title,
    description: description.length > 160 ? `${description.slice(0, 157)}…` : description,
    alternates: { canonical: path },
    openGraph: { title, description, url: path, type: type === "book" ? "book" : type, siteName },
    robots: noindex ? { index: false, follow: true } : undefined,
  };
}
