import { chapterHref } from "@/lib/chapter-links";
import type { ChapterPage } from "@/lib/data/queries/chapters";
import { categoryName } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { coverImage } from "./cover";
import { bookFeedLink } from "./feeds";
import type { PageMeta } from "./metadata";

// Each sub-page is its own canonical URL with "(n/m)" in the title.
export function chapterMeta(chapter: ChapterPage, page: number): PageMeta {
  const t = getT();
  const total = chapter.pages.length;
  const chapterTitle = total > 1 ? `${chapter.title}${t("chapter.pageOf", { page, total })}` : chapter.title;
  const firstParagraph = chapter.pages[page - 1]?.[0] ?? "";
  return {
    title: `${chapterTitle} - ${chapter.book.title}`,
    description: `${t("chapter.metaDescription", {
      book: chapter.book.title,
      chapter: chapter.title,
      author: chapter.book.author.name,
      category: categoryName(chapter.book.category),
    })} ${firstParagraph}`,
    path: chapterHref(chapter.book.id, chapter.id, page),
    type: "article",
    image: coverImage(chapter.book),
    feeds: [bookFeedLink(chapter.book)],
  };
}
