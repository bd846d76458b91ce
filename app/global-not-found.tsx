import type { Metadata } from "next";
import { HtmlDocument } from "@/components/layout/html-document";
import { NotFoundContent } from "@/components/layout/not-found-content";
import { SiteShell } from "@/components/layout/site-shell";
import { getT } from "@/lib/i18n/messages";
import { siteLocale } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("errors.notFoundTitle"), robots: { index: false } };
}

// URLs that match no route at all keep the site's layout too.
export default function GlobalNotFound() {
  return (
    <HtmlDocument lang={siteLocale}>
      <SiteShell>
        <NotFoundContent />
      </SiteShell>
    </HtmlDocument>
  );
}
