import "server-only";
import { notFound } from "next/navigation";
import { parseId } from "@/lib/validation/ids";
import { getBookDetail, getSampleBook, getTableOfContents } from "./catalog";

// Route-param loaders for the book pages: bad ids and missing records are 404s; database
// errors propagate (503 / error page), never a cached 404.

export async function loadBook(params: Promise<{ id: string }>) {
  const id = parseId((await params).id);
  const book = id === null ? null : await getBookDetail(id);
  if (!book) notFound();
  return book;
}

export async function loadToc(params: Promise<{ id: string }>) {
  const id = parseId((await params).id);
  const toc = id === null ? null : await getTableOfContents(id);
  if (!toc) notFound();
  return toc;
}

// One real set of params per dynamic route, for generateStaticParams (Cache Components wants
// at least one). Other ids render on first request and are cached after.
export async function sampleBookParams() {
  const sample = await getSampleBook();
  return { id: String(sample?.bookId ?? 1) };
}

/** One real chapter's params, for generateStaticParams of a chapter's routes (its comments). */
export async function sampleChapterParams() {
  const sample = await getSampleBook();
  return { id: String(sample?.bookId ?? 1), chapterId: String(sample?.chapterId ?? 1) };
}
