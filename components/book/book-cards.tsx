import { ChapterLink } from "@/components/book/chapter-link";
import Link from "@/components/ui/link";
import type { BookCard } from "@/lib/data/queries/filters";
import { categoryName, formatWordCount, wordUnit } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { BookCover } from "./book-cover";

// Cover, title, author and a line of facts: for featured blocks and listings.
export function BookCards({
  books,
  headingLevel = 3,
  numbered = false,
}: {
  books: (BookCard & { intro?: string })[];
  headingLevel?: 2 | 3;
  /** A ranking: an ordered list, each card with its place. */
  numbered?: boolean;
}) {
  const t = getT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const List = numbered ? "ol" : "ul";
  return (
    <List className="book-cards">
      {books.map((b, i) => (
        <li key={b.id} className="book-card">
          <BookCover book={b} />
          <div className="book-card-body">
            <Heading>
              {numbered ? <span className="rank-no">{t("rank.place", { place: i + 1 })}</span> : null}
              <Link href={`/book/${b.id}`}>{b.title}</Link>
            </Heading>
            <p>
              <Link href={`/author/${b.author.id}`}>{b.author.name}</Link> · {categoryName(b.category)} ·{" "}
              {t(`status.${b.status}`)}
            </p>
            <p>
              {t("book.wordsShort", { count: formatWordCount(b.wordCount), unit: wordUnit(b.language) })} ·{" "}
              {t("book.chapters", { count: b.chapterCount })}
            </p>
            {b.intro ? <p className="intro">{b.intro}</p> : null}
            {b.lastChapterId && b.lastChapterTitle ? (
              <p>
                {t("book.latestChapterLabel")}
                <ChapterLink bookId={b.id} chapterId={b.lastChapterId}>
                  {b.lastChapterTitle}
                </ChapterLink>
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </List>
  );
}
