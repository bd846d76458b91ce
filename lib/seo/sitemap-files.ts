import { absoluteUrl } from "./metadata";
import type { SitemapIndex } from "@/lib/data/queries/sitemap";
import type { SitemapEntry } from "./sitemap-xml";

// Names of the files listed by /sitemap.xml and served by /sitemaps/[file].
export type SitemapFile = { kind: "site" } | { kind: "books"; n: number } | { kind: "chapters"; n: number };

const FILE_NAME = /^(?:(site)|(books|chapters)-(0|[1-9]\d{0,5}))\.xml$/;

export function parseSitemapFile(name: string): SitemapFile | null {
  const m = FILE_NAME.exec(name);
  if (!m) return null;
  if (m[1]) return { kind: "site" };
  return { kind: m[2] === "books" ? "books" : "chapters", n: Number(m[3]) };
}

export function sitemapFileName(file: SitemapFile): string {
  return file.kind === "site" ? "site.xml" : `${file.kind}-${file.n}.xml`;
}

export function sitemapFileUrl(file: SitemapFile): string {
  return absoluteUrl(`/sitemaps/${sitemapFileName(file)}`);
}

/** The entries of the sitemap index: the site file, then books files, then chapters files. */
export function sitemapIndexEntries(index: SitemapIndex): SitemapEntry[] {
  return [
    { url: sitemapFileUrl({ kind: "site" }), lastModified: index.lastModified },
    ...index.bookFiles.map((f, n) => ({ url: sitemapFileUrl({ kind: "books", n }), lastModified: f.lastModified })),
    ...index.chapterFiles.map((f, n) => ({
      url: sitemapFileUrl({ kind: "chapters", n }),
      lastModified: f.lastModified,
    })),
  ];
}
