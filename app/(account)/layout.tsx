import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { HtmlDocument } from "@/components/layout/html-document";
import { SiteShell } from "@/components/layout/site-shell";
import { siteLocale } from "@/lib/i18n/messages";
import { siteMetadata } from "@/lib/seo/metadata";

export const metadata: Metadata = { ...siteMetadata(), robots: { index: false, follow: false } };

// The account pages (sign in, register, account) take passwords, so they get the same per-request
// nonce Content-Security-Policy as the dashboard (proxy.ts): no script runs there that the
// server did not put there. A nonce cannot live in a prerendered shell, so these pages render per
// request, in a root layout of their own that reads the request's nonce.
export const instant = false;

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <HtmlDocument lang={siteLocale} nonce={nonce} forms="account">
      <SiteShell>{children}</SiteShell>
    </HtmlDocument>
  );
}
