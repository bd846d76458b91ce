import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BookCards } from "@/components/book/book-cards";
import { getAuthorPage, getSampleBook } from "@/lib/data/catalog";
import { getT } from "@/lib/i18n/messages";
import { pageMetadata } from "@/lib/seo/metadata";
import { parseId } from "@/lib/validation/ids";

export async function generateStaticParams() {
  const sample = await getSampleBook();
  return [{ id: String(sample?.authorId ?? 1) }];
}

async function loadAuthor(params: PageProps<"/author/[id]">["params"]) {
  const id = parseId((await params).id);
  const author = id === null ? null : await getAuthorPage(id);
  if (!author) notFound();
  return author;
}

export async function generateMetadata({ params }: PageProps<"/author/[id]">): Promise<Metadata> {
  const author = await loadAuthor(params);
  const t = getT();
  return pageMetadata({
    title: t("author.title", { name: author.name }),
    description: author.bio || t("author.description", { name: author.name }),
    path: `/author/${author.id}`,
    type: "website",
  });
}

export default async function AuthorPage({ params }: PageProps<"/author/[id]">) {
  const author = await loadAuthor(params);
  const t = getT();
  return (
    <>
      <h1>{t("author.title", { name: author.name })}</h1>
      {author.bio ? <p>{author.bio}</p> : null}
      <section aria-labelledby="author-books" className="panel">
        <h2 id="author-books">{t("author.books")}</h2>
        <BookCards books={author.books} />
      </section>
    </>
  );
}
