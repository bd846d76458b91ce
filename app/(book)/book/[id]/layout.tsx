import { HtmlDocument } from "@/components/layout/html-document";
import { SiteShell } from "@/components/layout/site-shell";
import { getBookLanguage } from "@/lib/data/catalog";
import { siteLocale } from "@/lib/i18n/messages";
import { siteMetadata } from "@/lib/seo/metadata";
import { parseId } from "@/lib/validation/ids";

export const metadata = siteMetadata();

// Root layout of a book's pages: <html lang> is the book's language, so an English book on a
// Chinese site is announced (and hyphenated, and read aloud) as English.
export default async function BookLayout({ children, params }: LayoutProps<"/book/[id]">) {
  const id = parseId((await params).id);
  const language = id === null ? null : await getBookLanguage(id);
  return (
    <HtmlDocument lang={language ?? siteLocale}>
      <SiteShell>{children}</SiteShell>
    </HtmlDocument>
  );
}
