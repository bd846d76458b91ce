import "server-only";
import { notFound } from "next/navigation";
import { parsePositiveIntId } from "@/lib/validation/listing";
import { getBookDetail, getChapterPage, getSampleBook, getTableOfContents } from "./catalog";

// Route-param loaders for the book pages: bad ids and missing records are 404s; database
// errors propagate (503 / error page), never a cached 404.

export async function loadBook(params: Promise<{ id: string }>) {
  const id = parsePositiveIntId((await params).id);
  const book = id === null ? null : await getBookDetail(id);
  if (!book) notFound();
  return book;
}

export async function loadToc(params: Promise<{ id: string }>) {
  const id = parsePositiveIntId((await params).id);
  const toc = id === null ? null : await getTableOfContents(id);
  if (!toc) notFound();
  return toc;
}

// `page` is the 1-based sub-page; a page past the last one is a 404.
export async function loadChapter(params: Promise<{ id: string; chapterId: string; page?: string }>) {
  const raw = await params;
  const bookId = parsePositiveIntId(raw.id);
  const chapterId = parsePositiveIntId(raw.chapterId);
  const page = raw.page === undefined ? 1 : parsePositiveIntId(raw.page);
  if (bookId === null || chapterId === null || page === null) notFound();
  const chapter = await getChapterPage(bookId, chapterId);
  if (!chapter || page > chapter.pages.length) notFound();
  return { chapter, page };
}

// One real set of params per dynamic route, for generateStaticParams (Cache Components wants
// at least one). Other ids render on first request and are cached after.
export async function sampleBookParams() {
  const sample = await getSampleBook();
  return { id: String(sample?.bookId ?? 1), chapterId: String(sample?.chapterId ?? 1) };
}
