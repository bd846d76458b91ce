import Link from "@/components/ui/link";
import type { ReactNode } from "react";
import { AccountNav } from "@/components/layout/account-nav";
import { getCategories } from "@/lib/data/catalog";
import { categoryName } from "@/lib/i18n/format";
import { getT, variantsEnabled } from "@/lib/i18n/messages";
import { ScriptSwitch } from "@/components/layout/script-switch";
import { SearchBox } from "@/components/search/search-box";

// Header, main landmark, footer and back-to-top: the same on every public page.
//
// No Suspense boundary here or in the pages: with one, a page's per-request part (a listing's
// page, search results, the shelf) is a hole in the prerendered shell and streams after the
// footer, which is where a browser without JavaScript shows it, outside <main>. Pages that read
// the request say `instant = false` instead and render whole, in document order
// (e2e/no-js-order.spec.ts); pages rendered at build time are not affected.
export async function SiteShell({ children }: { children: ReactNode }) {
  const t = getT();
  const categories = await getCategories();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("site.skipToContent")}
      </a>
      <header className="site-header">
        <div className="container">
          <Link href="/" className="site-logo">
            {t("site.name")}
          </Link>
          <nav aria-label={t("site.mainNav")} className="site-nav">
            <Link href="/">{t("nav.home")}</Link>
            <Link href="/books">{t("nav.books")}</Link>
            <Link href="/rank/popular">{t("nav.rank")}</Link>
            {categories.map((c) => (
              <Link key={c.slug} href={`/category/${c.slug}`}>
                {categoryName(c)}
              </Link>
            ))}
          </nav>
          <AccountNav />
          {variantsEnabled ? (
            <ScriptSwitch
              labels={{
                label: t("scriptSwitch.label"),
                hans: t("scriptSwitch.hans"),
                hansName: t("scriptSwitch.hansName"),
                hant: t("scriptSwitch.hant"),
                hantName: t("scriptSwitch.hantName"),
              }}
            />
          ) : null}
          <SearchBox />
        </div>
      </header>
      <main id="main" className="container">
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("site.footer")}</p>
        {/* Inside the footer landmark, so no content is outside a landmark; fixed in place by CSS. */}
        <a href="#top" className="back-to-top">
          {t("site.backToTop")}
        </a>
      </footer>
    </>
  );
}
