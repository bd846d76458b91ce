import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BookListing } from "@/components/book/book-listing";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { getBookListing, getCategories, getCategory } from "@/lib/data/catalog";
import { categoryName } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { listingMetadata } from "@/lib/seo/listing-metadata";
import { parseListingParams } from "@/lib/validation/listing";

export async function generateStaticParams() {
  const categories = await getCategories();
  return categories.length > 0 ? categories.map((c) => ({ slug: c.slug })) : [{ slug: "xuanhuan" }];
}

export async function generateMetadata({ params, searchParams }: PageProps<"/category/[slug]">): Promise<Metadata> {
  const { slug } = await params;
  const category = await getCategory(slug);
  if (!category) notFound();
  const t = getT();
  const name = categoryName(category);
  const query = await searchParams;
  return listingMetadata({
    title: t("listing.categoryTitle", { category: name }),
    description: t("listing.categoryDescription", { category: name }),
    base: `/category/${category.slug}`,
    searchParams: query,
    listing: await getBookListing(parseListingParams(query).params, category),
  });
}

// Reads the request (its query or session), so the page renders whole per request, in document
// order, rather than as a prerendered shell whose hole would stream after the footer
// (components/layout/site-shell.tsx).
export const instant = false;

export default async function CategoryPage({ params, searchParams }: PageProps<"/category/[slug]">) {
  const { slug } = await params;
  const category = await getCategory(slug);
  if (!category) notFound();
  const t = getT();
  const name = categoryName(category);
  return (
    <>
      <Breadcrumb items={[{ label: name }]} />
      <h1>{t("listing.categoryTitle", { category: name })}</h1>
      <BookListing base={`/category/${category.slug}`} searchParams={searchParams} category={category} />
    </>
  );
}
