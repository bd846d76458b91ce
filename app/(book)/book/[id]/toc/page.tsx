import { ChapterLink } from "@/components/book/chapter-link";
import type { Metadata } from "next";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { loadToc, sampleBookParams } from "@/lib/data/book-route";
import { categoryName } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { pageMetadata } from "@/lib/seo/metadata";

export async function generateStaticParams() {
  const { id } = await sampleBookParams();
  return [{ id }];
}

export async function generateMetadata({ params }: PageProps<"/book/[id]/toc">): Promise<Metadata> {
  const { book, chapterTotal } = await loadToc(params);
  const t = getT();
  return pageMetadata({
    title: t("book.tocTitle", { title: book.title }),
    description: t("book.tocDescription", { title: book.title, count: chapterTotal }),
    path: `/book/${book.id}/toc`,
  });
}

// The whole table of contents in one page: plain links grouped by volume, no client code.
export default async function TocPage({ params }: PageProps<"/book/[id]/toc">) {
  const { book, volumes } = await loadToc(params);
  const t = getT();
  return (
    <>
      <Breadcrumb
        items={[
          { href: `/category/${book.category.slug}`, label: categoryName(book.category) },
          { href: `/book/${book.id}`, label: book.title },
          { label: t("book.toc") },
        ]}
      />
      <article className="panel">
        <h1>{t("book.tocTitle", { title: book.title })}</h1>
        <p className="muted">
          {t("book.byAuthor", { author: book.author.name })} · {t("book.chapters", { count: book.chapterCount })}
        </p>
        {volumes.map((v) => (
          <section key={v.id ?? "none"} className="toc-volume" aria-label={v.title ?? t("book.defaultVolume")}>
            <h2>{v.title ?? t("book.defaultVolume")}</h2>
            <ol className="chapter-grid">
              {v.chapters.map((c) => (
                <li key={c.id}>
                  <ChapterLink bookId={book.id} chapterId={c.id}>
                    {c.title}
                  </ChapterLink>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </article>
    </>
  );
}
