import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DownloadFormats } from "@/components/book/download-formats";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { loadBook, sampleBookParams } from "@/lib/data/book-route";
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

// Not indexed: the files are the book's own chapter pages again, which crawlers already have.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const book = await downloadableBook(params);
  return {
    title: getT()("downloads.pageTitle", { title: book.title }),
    robots: { index: false, follow: false },
  };
}

// The book's TXT and EPUB files: a link to each, with its size once made, or "being prepared"
// and a refresh link while the job makes it (lib/downloads). Works without JavaScript.
export default async function DownloadPage({ params }: Props) {
  const book = await downloadableBook(params);
  const t = getT();
  return (
    <>
      <Breadcrumb items={[{ href: `/book/${book.id}`, label: book.title }, { label: t("downloads.heading") }]} />
      <article className="panel" aria-labelledby="download-title">
        <h1 id="download-title">{t("downloads.pageTitle", { title: book.title })}</h1>
        <p>{t("downloads.intro", { title: book.title, author: book.author.name })}</p>
        <Suspense fallback={<p className="muted">…</p>}>
          <DownloadFormats bookId={book.id} />
        </Suspense>
        <p>
          <Link href={`/book/${book.id}`}>{t("downloads.backToBook")}</Link>
        </p>
      </article>
    </>
  );
}
