import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { HtmlDocument } from "@/components/layout/html-document";
import { SiteShell } from "@/components/layout/site-shell";
import { siteLocale } from "@/lib/i18n/messages";
import { siteMetadata } from "@/lib/seo/metadata";

export const metadata: Metadata = { ...siteMetadata(), robots: { index: false, follow: false } };

// The admin pages render per request, like the author dashboard: each reads the session and
// proxy.ts gives each response a fresh CSP nonce, which a prerendered shell could not carry.
export const instant = false;

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <HtmlDocument lang={siteLocale} nonce={nonce} forms="workspace">
      <SiteShell>{children}</SiteShell>
    </HtmlDocument>
  );
}
