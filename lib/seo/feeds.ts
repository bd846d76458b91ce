import { Feed } from "feed";
import { chapterHref } from "@/lib/chapter-links";
import type { BookCard } from "@/lib/data/queries/filters";
import type { BookFeed } from "@/lib/data/queries/feeds";
import { getT } from "@/lib/i18n/messages";
import { siteLocale } from "@/lib/i18n/messages";
import { coverPath } from "./cover";
import { absoluteUrl } from "./metadata";
import { escapeXml } from "./sitemap-xml";

// Atom feeds, built with `feed`. It escapes feed-level text, but writes entry titles and
// summaries as type="html" CDATA: those are escaped here first, so a title like "<i>" reads as
// text in every reader (and "]]>" cannot end the CDATA). Dates come from the data, never the
// clock, so a feed is the same bytes until something is published.

export const SITE_FEED_PATH = "/feed.xml";
export const bookFeedPath = (bookId: number) => `/book/${bookId}/feed.xml`;

export function siteFeedLink() {
  return { url: SITE_FEED_PATH, title: getT()("feed.siteFeedLink") };
}

export function bookFeedLink(book: { id: number; title: string }) {
  return { url: bookFeedPath(book.id), title: getT()("feed.bookFeedLink", { title: book.title }) };
}

const EPOCH = new Date(0);

export function renderBookFeed({ book, chapters }: BookFeed): string {
  const t = getT();
  const feed = new Feed({
    id: absoluteUrl(`/book/${book.id}`),
    title: t("feed.bookTitle", { title: book.title }),
    description: book.intro,
    link: absoluteUrl(`/book/${book.id}`),
    language: book.language,
    image: absoluteUrl(coverPath(book)),
    updated: book.lastPublishedAt ?? book.updatedAt,
    generator: t("site.name"),
    feedLinks: { atom: absoluteUrl(bookFeedPath(book.id)) },
    author: { name: book.author.name, link: absoluteUrl(`/author/${book.author.id}`) },
    copyright: book.author.name,
  });
  for (const c of chapters) {
    const url = absoluteUrl(chapterHref(book.id, c.id));
    feed.addItem({
      id: url,
      link: url,
      title: escapeXml(c.title),
      date: c.updatedAt,
      published: c.publishedAt ?? c.updatedAt,
      description: escapeXml(
        t("feed.chapterSummary", { book: book.title, chapter: c.title, author: book.author.name }),
      ),
      author: [{ name: book.author.name }],
    });
  }
  return feed.atom1();
}

export function renderSiteFeed(books: BookCard[]): string {
  const t = getT();
  const updated = books.reduce<Date>(
    (max, b) => (b.lastPublishedAt && b.lastPublishedAt > max ? b.lastPublishedAt : max),
    EPOCH,
  );
  const feed = new Feed({
    id: absoluteUrl("/"),
    title: t("feed.siteTitle"),
    description: t("feed.siteDescription"),
    link: absoluteUrl("/"),
    language: siteLocale,
    updated,
    generator: t("site.name"),
    feedLinks: { atom: absoluteUrl(SITE_FEED_PATH) },
    copyright: t("site.name"),
  });
  for (const b of books) {
    if (!b.lastChapterId || !b.lastPublishedAt) continue;
    const url = absoluteUrl(chapterHref(b.id, b.lastChapterId));
    const chapter = b.lastChapterTitle ?? "";
    feed.addItem({
      id: url,
      link: url,
      title: escapeXml(`${b.title} · ${chapter}`),
      date: b.lastPublishedAt,
      description: escapeXml(t("feed.chapterSummary", { book: b.title, chapter, author: b.author.name })),
      author: [{ name: b.author.name, link: absoluteUrl(`/author/${b.author.id}`) }],
      category: [{ name: b.category.name, term: b.category.slug }],
    });
  }
  return feed.atom1();
}
