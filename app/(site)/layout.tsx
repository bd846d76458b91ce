import type { ReactNode } from "react";
import { HtmlDocument } from "@/components/layout/html-document";
import { SiteShell } from "@/components/layout/site-shell";
import { siteLocale } from "@/lib/i18n/messages";
import { siteMetadata } from "@/lib/seo/metadata";

export const metadata = siteMetadata();

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <HtmlDocument lang={siteLocale}>
      <SiteShell>{children}</SiteShell>
    </HtmlDocument>
  );
}
