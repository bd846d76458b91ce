import { ownScriptVariant, variantsEnabled } from "@/lib/i18n/messages";
import { SCRIPT_VARIANTS, type ScriptVariant } from "@/lib/i18n/script-variants";
import { absoluteUrl } from "./metadata";
import type { SitemapIndex } from "@/lib/data/queries/sitemap";
import type { SitemapEntry } from "./sitemap-xml";

// Names of the files listed by /sitemap.xml and served by /sitemaps/[file]. Each file of pages as
// written has a twin for the variant in the other script (zh-hant-books-0.xml lists
// /zh-hant/book/… on a Simplified site), so that every file stays within the protocol's 50,000 URLs.
type Pages = { kind: "site" } | { kind: "books"; n: number } | { kind: "chapters"; n: number };
export type SitemapFile = Pages & { variant?: ScriptVariant };

const FILE_NAME = /^(?:zh-han([st])-)?(?:(site)|(books|chapters)-(0|[1-9]\d{0,5}))\.xml$/;

export function parseSitemapFile(name: string): SitemapFile | null {
  const m = FILE_NAME.exec(name);
  if (!m) return null;
  const variant = m[1] ? SCRIPT_VARIANTS.find((v) => v.key === (m[1] === "t" ? "hant" : "hans")) : undefined;
  if (variant && (!variantsEnabled || variant.key === ownScriptVariant)) return null;
  const pages: Pages = m[2] ? { kind: "site" } : { kind: m[3] === "books" ? "books" : "chapters", n: Number(m[4]) };
  return variant ? { ...pages, variant } : pages;
}

export function sitemapFileName(file: SitemapFile): string {
  const name = file.kind === "site" ? "site.xml" : `${file.kind}-${file.n}.xml`;
  return file.variant ? `${file.variant.prefix.slice(1)}-${name}` : name;
}

export function sitemapFileUrl(file: SitemapFile): string {
  return absoluteUrl(`/sitemaps/${sitemapFileName(file)}`);
}

/**
 * The entries of the sitemap index: the site file, then books files, then chapters files; then
 * the same for the variant in the other script (on a Chinese site).
 */
export function sitemapIndexEntries(index: SitemapIndex): SitemapEntry[] {
  const written = writtenEntries(index);
  const other = SCRIPT_VARIANTS.find((v) => v.key !== ownScriptVariant)!;
  if (!variantsEnabled) return written;
  return [
    ...written,
    ...written.map((e) => ({ ...e, url: e.url.replace(/\/sitemaps\//, `/sitemaps/${other.prefix.slice(1)}-`) })),
  ];
}

function writtenEntries(index: SitemapIndex): SitemapEntry[] {
  return [
    { url: sitemapFileUrl({ kind: "site" }), lastModified: index.lastModified },
    ...index.bookFiles.map((f, n) => ({ url: sitemapFileUrl({ kind: "books", n }), lastModified: f.lastModified })),
    ...index.chapterFiles.map((f, n) => ({
      url: sitemapFileUrl({ kind: "chapters", n }),
      lastModified: f.lastModified,
    })),
  ];
}
