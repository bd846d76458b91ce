import Link from "next/link";
import { Panel } from "@/components/ui/panel";
import { BookList } from "@/components/book/book-list";
import { ShelfButton } from "@/components/book/shelf-button";
import { Breadcrumb } from "@/components/layout/breadcrumb";
import { JsonLd } from "@/components/seo/json-ld";
import { chapterHref } from "@/lib/chapter-links";
import { getRecommendations } from "@/lib/data/catalog";
import type { ChapterPage } from "@/lib/data/queries/chapters";
import { categoryName, formatDateTime } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { chapterJsonLd } from "@/lib/seo/json-ld";
import { ChapterKeys } from "./chapter-keys";
import { ReaderSettings } from "./reader-settings";
import { ReadingProgress } from "./reading-progress";

type Link = { href: string; label: string } | null;

// Previous and next in reading order: sub-page first, then chapter.
function neighbours(chapter: ChapterPage, page: number) {
  const t = getT();
  const total = chapter.pages.length;
  const bookId = chapter.book.id;
  const prev: Link =
    page > 1
      ? { href: chapterHref(bookId, chapter.id, page - 1), label: t("chapter.prevPage") }
      : chapter.prev
        ? { href: chapterHref(bookId, chapter.prev.id), label: t("chapter.prevChapter") }
        : null;
  const next: Link =
    page < total
      ? { href: chapterHref(bookId, chapter.id, page + 1), label: t("chapter.nextPage") }
      : chapter.next
        ? { href: chapterHref(bookId, chapter.next.id), label: t("chapter.nextChapter") }
        : null;
  return { prev, next };
}

export async function ChapterReader({ chapter, page }: { chapter: ChapterPage; page: number }) {
  const t = getT();
  const { book } = chapter;
  const total = chapter.pages.length;
  const paragraphs = chapter.pages[page - 1] ?? [];
  const { prev, next } = neighbours(chapter, page);
  const { popular, newest } = await getRecommendations({ id: book.id, categoryId: book.categoryId });
  const title = total > 1 ? `${chapter.title}${t("chapter.pageOf", { page, total })}` : chapter.title;

  const nav = (
    <nav aria-label={t("chapter.chapterNav")} className="chapter-nav">
      <ul>
        <li>
          {prev ? (
            <Link href={prev.href} rel="prev">
              {prev.label}
            </Link>
          ) : (
            <span>{t("chapter.noPrev")}</span>
          )}
        </li>
        <li>
          <Link href={`/book/${book.id}/toc`}>{t("chapter.toc")}</Link>
        </li>
        <li>
          {next ? (
            <Link href={next.href} rel="next">
              {next.label}
            </Link>
          ) : (
            <span>{t("chapter.noNext")}</span>
          )}
        </li>
      </ul>
    </nav>
  );

  return (
    <>
      <JsonLd data={chapterJsonLd(chapter, page)} />
      <Breadcrumb
        items={[
          { href: `/category/${book.category.slug}`, label: categoryName(book.category) },
          { href: `/book/${book.id}`, label: book.title },
          { label: chapter.title },
        ]}
      />
      <ReaderSettings />
      <article className="reader" aria-labelledby="chapter-title">
        <h1 id="chapter-title">{title}</h1>
        <p className="chapter-meta">
          <Link href={`/book/${book.id}`}>{book.title}</Link> · {book.author.name} ·{" "}
          {t("book.wordsShort", { count: chapter.wordCount })} ·{" "}
          <time dateTime={chapter.publishedAt?.toISOString()}>{formatDateTime(chapter.publishedAt)}</time>
        </p>
        <div className="reader-actions">
          <ShelfButton bookId={book.id} />
        </div>
        {nav}
        <div className="chapter-body">
          {paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
        {page < total ? (
          <Link className="continue-link" href={chapterHref(book.id, chapter.id, page + 1)}>
            {t("chapter.continueNext")}
          </Link>
        ) : chapter.authorNote ? (
          <aside className="author-note" aria-label={t("chapter.authorNote")}>
            <h2>{t("chapter.authorNote")}</h2>
            {chapter.authorNote.split("\n").map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </aside>
        ) : null}
        {nav}
        <p className="hint">
          <Link href={`/book/${book.id}`}>{t("chapter.backToBook")}</Link> · {t("chapter.keyboardHint")}
        </p>
      </article>
      <div className="recommend grid-2">
        <Panel id="good-books" title={t("chapter.goodBooks")}>
          <BookList books={popular} />
        </Panel>
        <Panel id="new-books" title={t("chapter.newBooks")}>
          <BookList books={newest} />
        </Panel>
      </div>
      <ChapterKeys prev={prev?.href ?? null} next={next?.href ?? null} />
      <ReadingProgress bookId={book.id} chapterId={chapter.id} page={page} title={title} />
    </>
  );
}
