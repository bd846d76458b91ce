import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BookCards } from "@/components/book/book-cards";
import { getSampleTag, getTagPage } from "@/lib/data/catalog";
import { getT } from "@/lib/i18n/messages";
import { pageMetadata } from "@/lib/seo/metadata";

// A tag's books (the book page's tags link here), most read first: static, like the author page.

export async function generateStaticParams() {
  return [{ slug: (await getSampleTag()) ?? "none" }];
}

async function loadTag(params: PageProps<"/tag/[slug]">["params"]) {
  const slug = decodeURIComponent((await params).slug);
  const tag = /^[a-z0-9-]{1,60}$/.test(slug) ? await getTagPage(slug) : null;
  if (!tag || tag.books.length === 0) notFound();
  return tag;
}

export async function generateMetadata({ params }: PageProps<"/tag/[slug]">): Promise<Metadata> {
  const tag = await loadTag(params);
  const t = getT();
  return pageMetadata({
    title: t("tag.title", { name: tag.name }),
    description: t("tag.description", { name: tag.name }),
    path: `/tag/${tag.slug}`,
    type: "website",
  });
}

export default async function TagPage({ params }: PageProps<"/tag/[slug]">) {
  const tag = await loadTag(params);
  const t = getT();
  return (
    <>
      <h1>{t("tag.title", { name: tag.name })}</h1>
      <section aria-labelledby="tag-books" className="panel">
        <h2 id="tag-books">{t("tag.books")}</h2>
        <BookCards books={tag.books} />
      </section>
    </>
  );
}
