import { ChapterLink } from "@/components/book/chapter-link";
import Link from "@/components/ui/link";
import type { BookCard } from "@/lib/data/queries/filters";
import { categoryName, formatDateTime, formatShortDate, newestDate } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";

// 最近更新: book, latest chapter, author and time, as a table.
export function LatestUpdates({ books }: { books: BookCard[] }) {
  const t = getT();
  const newest = newestDate(books.map((b) => b.lastPublishedAt));
  return (
    <table className="updates">
      <thead>
        <tr>
          <th scope="col" className="col-cat">
            {t("book.category")}
          </th>
          <th scope="col">{t("home.latest")}</th>
          <th scope="col">{t("book.latestChapter")}</th>
          <th scope="col" className="col-author">
            {t("book.author")}
          </th>
          <th scope="col" className="col-time">
            {t("home.updatedAt")}
          </th>
        </tr>
      </thead>
      <tbody>
        {books.map((b) => (
          <tr key={b.id}>
            <td className="col-cat">
              <Link href={`/category/${b.category.slug}`}>{categoryName(b.category)}</Link>
            </td>
            <td>
              <Link href={`/book/${b.id}`}>{b.title}</Link>
            </td>
            <td>
              {b.lastChapterId ? (
                <ChapterLink bookId={b.id} chapterId={b.lastChapterId}>
                  {b.lastChapterTitle}
                </ChapterLink>
              ) : null}
            </td>
            <td className="col-author">
              <Link href={`/author/${b.author.id}`}>{b.author.name}</Link>
            </td>
            <td className="col-time">
              <time dateTime={b.lastPublishedAt?.toISOString()} title={formatDateTime(b.lastPublishedAt)}>
                {formatShortDate(b.lastPublishedAt, newest)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
