import { getBookUrls, getChapterUrls, getSiteUrls, getSitemapIndex } from "@/lib/data/crawler";
import type { SitemapUrl } from "@/lib/data/queries/sitemap";
import { variantHref } from "@/lib/i18n/script-variants";
import { absoluteUrl, scriptAlternates } from "@/lib/seo/metadata";
import { parseSitemapFile } from "@/lib/seo/sitemap-files";
import { renderUrlset, xmlResponse } from "@/lib/seo/sitemap-xml";
import { RANK_KINDS } from "@/lib/validation/listing";

export function generateStaticParams() {
  return [{ file: "site.xml" }];
}

// One file of the sitemap index: site.xml (home, listings, categories), books-N.xml (book pages
// and tables of contents), chapters-N.xml (every sub-page of a range of chapters).
export async function GET(_request: Request, { params }: RouteContext<"/sitemaps/[file]">) {
  const file = parseSitemapFile((await params).file);
  if (!file) return notFound();
  let urls: SitemapUrl[];
  if (file.kind === "site") {
    urls = await getSiteUrls(RANK_KINDS);
  } else {
    const index = await getSitemapIndex();
    if (file.kind === "books") {
      if (file.n >= index.bookFiles.length) return notFound();
      urls = await getBookUrls(file.n);
    } else {
      const range = index.chapterFiles[file.n];
      if (!range) return notFound();
      urls = await getChapterUrls({ afterId: range.afterId, lastId: range.lastId });
    }
  }
  const { variant } = file;
  return xmlResponse(
    renderUrlset(
      urls.map((u) => ({
        url: absoluteUrl(variant ? variantHref(variant, u.path) : u.path),
        lastModified: u.lastModified,
        alternates: Object.fromEntries(
          Object.entries(scriptAlternates(u.path)).map(([lang, path]) => [lang, absoluteUrl(path)]),
        ),
      })),
    ),
  );
}

function notFound() {
  return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
