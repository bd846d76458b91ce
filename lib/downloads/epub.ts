import sharp from "sharp";
import type { Db } from "@/lib/db/client";
import { OG_COVER_WIDTH } from "@/lib/covers/sizes";
import { env } from "@/lib/env";
import { translate } from "@/lib/i18n/messages";
import { bookUuid, type DownloadBook, publicChapterBatches, volumeTitles } from "./source";
import { escapeXml as x, paragraphsOf, xmlSafe } from "./text";
import { ZipWriter } from "./zip";

// The EPUB 3 download: `mimetype` first and stored, META-INF/container.xml, then one XHTML file
// per chapter (and a title page per volume) written as the chapters stream from the database, and
// at the end the package document (OPF) and the navigation document, which need only the list
// of what was written (ids and titles). The cover, when the book has an uploaded one, is its
// largest rendition re-encoded as JPEG: every reading system shows JPEG, not all show WebP.
// The stylesheet sets no typeface (the reader's own applies) and indents Chinese paragraphs by
// two characters. CI runs epubcheck on a generated book (lib/downloads/epubcheck.test.ts).

type Entry = { id: string; href: string; title: string };
type NavVolume = { entry: Entry | null; chapters: Entry[] };

const CSS = `body { margin: 0 4%; line-height: 1.8; }
h1, h2 { line-height: 1.4; text-align: center; margin: 1.5em 0 1em; }
p { margin: 0 0 0.6em; }
:lang(zh) p, p:lang(zh) { margin: 0; text-indent: 2em; }
.intro p { text-indent: 0; }
.cover { margin: 0; padding: 0; text-align: center; }
.cover img { max-width: 100%; max-height: 100vh; }
nav ol { list-style: none; padding-left: 1em; }
`;

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

/** A moment as dcterms:modified wants it: UTC, to the second. */
function w3cDate(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

function xhtml(lang: string, title: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${x(lang)}" xml:lang="${x(lang)}">
<head>
<title>${x(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
${body}
</body>
</html>
`;
}

const paragraphs = (text: string) =>
  paragraphsOf(text)
    .map((p) => `<p>${x(p)}</p>`)
    .join("\n");

/** A title as a heading: never empty (XHTML's <title> may not be). */
const titleOr = (title: string, fallback: string) => (xmlSafe(title).trim() === "" ? fallback : title);

export async function writeEpub(db: Db, book: DownloadBook, write: (bytes: Buffer) => Promise<void>): Promise<void> {
  const lang = book.language;
  const zip = new ZipWriter(write, book.modifiedAt);
  await zip.add("mimetype", "application/epub+zip", { store: true });
  await zip.add("META-INF/container.xml", CONTAINER);
  await zip.add("OEBPS/style.css", CSS);

  const manifest: string[] = [
    `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>`,
    `<item id="css" href="style.css" media-type="text/css"/>`,
  ];
  const spine: string[] = [];

  const cover = book.coverUrl
    ? await db.coverImage.findUnique({
        where: { bookId_width: { bookId: book.id, width: OG_COVER_WIDTH } },
        select: { bytes: true },
      })
    : null;
  if (cover) {
    const jpeg = await sharp(cover.bytes).jpeg({ quality: 85 }).toBuffer();
    await zip.add("OEBPS/cover.jpg", jpeg);
    await zip.add(
      "OEBPS/cover.xhtml",
      xhtml(
        lang,
        book.title,
        `<section class="cover" epub:type="cover"><img src="cover.jpg" alt="${x(book.title)}"/></section>`,
      ),
    );
    manifest.push(`<item id="cover-image" href="cover.jpg" media-type="image/jpeg" properties="cover-image"/>`);
    manifest.push(`<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>`);
    spine.push(`<itemref idref="cover"/>`);
  }

  const author = translate("downloads.txtAuthor", { author: book.author });
  await zip.add(
    "OEBPS/title.xhtml",
    xhtml(
      lang,
      book.title,
      `<section epub:type="titlepage"><h1>${x(book.title)}</h1><p>${x(author)}</p></section>\n<section class="intro">${paragraphs(book.intro)}</section>`,
    ),
  );
  manifest.push(`<item id="title" href="title.xhtml" media-type="application/xhtml+xml"/>`);
  spine.push(`<itemref idref="title"/>`, `<itemref idref="nav"/>`);

  const volumes = await volumeTitles(db, book.id);
  const nav: NavVolume[] = [];
  let current: number | null | undefined;
  for await (const batch of publicChapterBatches(db, book.id)) {
    for (const chapter of batch) {
      if (chapter.volumeId !== current) {
        current = chapter.volumeId;
        const volumeTitle = current === null ? undefined : volumes.get(current);
        let entry: Entry | null = null;
        if (volumeTitle !== undefined) {
          // A volume that comes back after other chapters gets a page of its own again.
          entry = {
            id: `v${current}-${chapter.position}`,
            href: `v${current}-${chapter.position}.xhtml`,
            title: volumeTitle,
          };
          await zip.add(
            `OEBPS/${entry.href}`,
            xhtml(lang, volumeTitle, `<section epub:type="part"><h1>${x(volumeTitle)}</h1></section>`),
          );
          manifest.push(`<item id="${entry.id}" href="${entry.href}" media-type="application/xhtml+xml"/>`);
          spine.push(`<itemref idref="${entry.id}"/>`);
        }
        nav.push({ entry, chapters: [] });
      }
      const title = titleOr(chapter.title, translate("downloads.chapterNumber", { n: chapter.position }));
      const entry: Entry = { id: `c${chapter.id}`, href: `c${chapter.id}.xhtml`, title };
      await zip.add(
        `OEBPS/${entry.href}`,
        xhtml(
          lang,
          title,
          `<section epub:type="chapter">\n<h2>${x(title)}</h2>\n${paragraphs(chapter.body)}\n</section>`,
        ),
      );
      manifest.push(`<item id="${entry.id}" href="${entry.href}" media-type="application/xhtml+xml"/>`);
      spine.push(`<itemref idref="${entry.id}"/>`);
      nav[nav.length - 1]!.chapters.push(entry);
    }
  }

  const link = (e: Entry) => `<a href="${e.href}">${x(e.title)}</a>`;
  const items = (entries: Entry[]) => entries.map((e) => `<li>${link(e)}</li>`).join("\n");
  const tree = nav
    .map((v) => (v.entry ? `<li>${link(v.entry)}\n<ol>\n${items(v.chapters)}\n</ol>\n</li>` : items(v.chapters)))
    .join("\n");
  const tocTitle = translate("downloads.toc");
  await zip.add(
    "OEBPS/nav.xhtml",
    xhtml(
      lang,
      tocTitle,
      `<nav epub:type="toc" id="toc">\n<h1>${x(tocTitle)}</h1>\n<ol>\n${tree || `<li><a href="title.xhtml">${x(book.title)}</a></li>`}\n</ol>\n</nav>`,
    ),
  );

  const intro = paragraphsOf(book.intro).join("\n");
  await zip.add(
    "OEBPS/content.opf",
    `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${x(lang)}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id">${bookUuid(env.SITE_URL, book.id)}</dc:identifier>
<dc:title>${x(book.title)}</dc:title>
<dc:creator>${x(book.author)}</dc:creator>
<dc:language>${x(lang)}</dc:language>
${intro ? `<dc:description>${x(intro)}</dc:description>\n` : ""}<dc:source>${x(new URL(`/book/${book.id}`, env.SITE_URL).href)}</dc:source>
<meta property="dcterms:modified">${w3cDate(book.modifiedAt)}</meta>
${cover ? `<meta name="cover" content="cover-image"/>\n` : ""}</metadata>
<manifest>
${manifest.join("\n")}
</manifest>
<spine>
${spine.join("\n")}
</spine>
</package>
`,
  );
  await zip.finish();
}
