import type { Metadata } from "next";
import { permanentRedirect } from "next/navigation";
import { ChapterReader } from "@/components/chapter/chapter-reader";
import { chapterHref } from "@/lib/chapter-links";
import { loadChapter, sampleBookParams } from "@/lib/data/book-route";
import { chapterMetadata } from "@/lib/seo/chapter-metadata";

export async function generateStaticParams() {
  return [{ ...(await sampleBookParams()), page: "2" }];
}

export async function generateMetadata({ params }: PageProps<"/book/[id]/[chapterId]/[page]">): Promise<Metadata> {
  const { chapter, page } = await loadChapter(params);
  return chapterMetadata(chapter, page);
}

export default async function ChapterSubPage({ params }: PageProps<"/book/[id]/[chapterId]/[page]">) {
  const { chapter, page } = await loadChapter(params);
  // Sub-page 1 lives at the chapter's own URL.
  if (page === 1) permanentRedirect(chapterHref(chapter.book.id, chapter.id));
  return <ChapterReader chapter={chapter} page={page} />;
}
