import type { Metadata } from "next";
import { ChapterReader } from "@/components/chapter/chapter-reader";
import { loadChapter, sampleBookParams } from "@/lib/data/book-route";
import { chapterMetadata } from "@/lib/seo/chapter-metadata";

export async function generateStaticParams() {
  return [await sampleBookParams()];
}

export async function generateMetadata({ params }: PageProps<"/book/[id]/[chapterId]">): Promise<Metadata> {
  const { chapter, page } = await loadChapter(params);
  return chapterMetadata(chapter, page);
}

export default async function ChapterPage({ params }: PageProps<"/book/[id]/[chapterId]">) {
  const { chapter, page } = await loadChapter(params);
  return <ChapterReader chapter={chapter} page={page} />;
}
