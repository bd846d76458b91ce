import type { Db } from "@/lib/db/client";
import { translate } from "@/lib/i18n/messages";
import { type DownloadBook, isChinese, publicChapterBatches, volumeTitles } from "./source";
import { paragraphsOf, xmlSafe } from "./text";

// The TXT download: UTF-8 with a byte order mark and CRLF line ends, because that is what every
// reader's tool opens right: Windows Notepad before 2019 and many Chinese reading apps take a
// file without a BOM for GBK (mojibake), and old Notepad shows LF-only files as one line; UTF-8
// readers elsewhere skip the BOM. The book's title, author and intro, then each volume's title
// where a volume starts, each chapter's title and its paragraphs, one per line (indented by two
// ideographic spaces in a Chinese book, as Chinese TXT files are), a blank line between
// chapters. Written a batch of chapters at a time.

export const TXT_BOM = "\uFEFF";
const EOL = "\r\n";

const line = (text: string) =>
  `${xmlSafe(text)
    .replace(/[\r\n]+/g, " ")
    .trim()}${EOL}`;

export async function writeTxt(db: Db, book: DownloadBook, write: (bytes: Buffer) => Promise<void>): Promise<void> {
  const indent = isChinese(book.language) ? "\u3000\u3000" : "";
  const volumes = await volumeTitles(db, book.id);
  let head = TXT_BOM + line(book.title) + line(translate("downloads.txtAuthor", { author: book.author }));
  const intro = paragraphsOf(book.intro);
  if (intro.length > 0) {
    head += EOL + line(translate("downloads.txtIntro"));
    for (const p of intro) head += indent + line(p);
  }
  await write(Buffer.from(head, "utf8"));
  let volume: number | null = null;
  for await (const batch of publicChapterBatches(db, book.id)) {
    let out = "";
    for (const chapter of batch) {
      if (chapter.volumeId !== volume) {
        volume = chapter.volumeId;
        const title = volume === null ? undefined : volumes.get(volume);
        if (title !== undefined) out += EOL + EOL + line(title);
      }
      out += EOL + EOL + line(chapter.title) + EOL;
      for (const p of paragraphsOf(chapter.body)) out += indent + line(p);
    }
    await write(Buffer.from(out, "utf8"));
  }
}
