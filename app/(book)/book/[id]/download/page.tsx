import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { loadBook, sampleBookParams } from "@/lib/data/book-route";
import { DOWNLOAD_FORMATS } from "@/lib/downloads/source";
import { getT } from "@/lib/i18n/messages";

type Props = PageProps<"/book/[id]/download">;

export async function generateStaticParams() {
  return [await sampleBookParams()];
}

/** The public book the address names, with downloads on; otherwise 404. */
async function downloadableBook(params: Props["params"]) {
  const book = await loadBook(params);
  if (!book.downloadsEnabled) notFound();
  return book;
}

// Not indexed: the files hold the book's chapter pages again, which crawlers already have.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const book = await downloadableBook(params);
  return {
    title: getT()("downloads.pageTitle", { title: book.title }),
    robots: { index: false, follow: false },
  };
}

// The book's TXT and EPUB files. Cached and the same for everyone, like the book page (its tags
// expire it when the book changes or its downloads are turned off): whether a file is made yet
// is said by the file's own address (lib/downloads/serve.ts), so this page needs no per-request
// part and reads completely without JavaScript.
export default async function DownloadPage({ params }: Props) {
  const book = await downloadableBook(params);
  const t = getT();
  return (
    <>
      <Breadcrumb items={[{ href: `/book/${book.id}`, label: book.title }, { label: t("downloads.heading") }]} />
      <article className="panel" aria-labelledby="download-title">
        <h1 id="download-title">{t("downloads.pageTitle", { title: book.title })}</h1>
        <p>{t("downloads.intro", { title: book.title, author: book.author.name })}</p>
        <ul>
          {DOWNLOAD_FORMATS.map((format) => (
            <li key={format}>
              <a href={`/book/${book.id}/download.${format}`} rel="nofollow">
                {t("downloads.download", { format: format.toUpperCase() })}
              </a>{" "}
              <span className="muted">{t(`downloads.${format}`)}</span>
              <br />
              <span className="form-hint">{t(`downloads.${format}Hint`)}</span>
            </li>
          ))}
        </ul>
        <p className="form-hint">{t("downloads.note")}</p>
        <p>
          <Link href={`/book/${book.id}`}>{t("downloads.backToBook")}</Link>
        </p>
      </article>
    </>
  );
}
