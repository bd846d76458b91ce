import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CommentsView } from "@/components/comments/comments-view";
import { sampleChapterParams } from "@/lib/data/book-route";
import { getCommentableChapter } from "@/lib/data/comments/public";
import { getT } from "@/lib/i18n/messages";
import { parseId } from "@/lib/validation/ids";

type Props = PageProps<"/book/[id]/[chapterId]/comments">;

export async function generateStaticParams() {
  return [await sampleChapterParams()];
}

/** The public chapter the address names, in the book it names; otherwise 404. */
async function chapterOf(params: Props["params"]) {
  const { id, chapterId } = await params;
  const bookId = parseId(id);
  const chapter = bookId === null ? null : await getCommentableChapter(parseId(chapterId) ?? 0);
  if (!chapter || chapter.bookId !== bookId) notFound();
  return chapter;
}

// Comment pages are not indexed: millions of thin, ever-changing pages would spend crawlers'
// time that the chapters themselves deserve, and the chapter page is where the text is. Links on
// them are followed.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const chapter = await chapterOf(params);
  const t = getT();
  return {
    title: t("comments.pageTitle", { chapter: `${chapter.book.title} ${chapter.title}` }),
    robots: { index: false, follow: true },
  };
}

// Reads the request (its query or session), so the page renders whole per request, in document
// order, rather than as a prerendered shell whose hole would stream after the footer
// (components/layout/site-shell.tsx).
export const instant = false;

// 本章说 without JavaScript: the chapter's comments, newest or most liked first, a page at a time,
// one comment's replies (?thread=), and the form to write one. The reading page links here.
export default function CommentsPage({ params, searchParams }: Props) {
  return <CommentsView chapter={chapterOf(params)} searchParams={searchParams} />;
}
