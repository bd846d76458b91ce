// Cache tags of public reads. A write expires exactly the tags of what it changed
// (lib/data/authoring/revalidation.ts works them out), so a publish never expires pages it did
// not change. Site-wide blocks shown inside a book's pages (好书推荐, 新书推荐, similar books) carry
// no tag at all: they refresh on a timer (lib/data/recommendations.ts), or every publish anywhere
// would expire every page that shows them.
export const TAGS = {
  home: "home",
  // Lists of book cards: listings, rankings, latest updates, category and author pages, search.
  books: "books",
  // Category names and order (the header's navigation, breadcrumbs).
  categories: "categories",
  // What every page of a book shows of it: title, author, category, language, cover, and whether
  // it is public at all. A rename expires all of the book's pages, chapter pages included. (No
  // write renames an author yet; one that does must expire book:<id> of each of their books.)
  book: (id: number) => `book:${id}`,
  // The book's own index pages beyond that: the book page, the table of contents and the feed
  // (chapter list, counters, intro, tags, status). A publish expires them, not the chapter pages.
  toc: (id: number) => `toc:${id}`,
  // One chapter's pages: its text and title, and its links to the previous and next chapter.
  chapter: (id: number) => `chapter:${id}`,
  // The sitemap files: they refresh hourly for what is new, and at once when a book or chapter
  // leaves the public site (so crawlers are not sent to pages that are gone).
  sitemap: "sitemap",
  category: (slug: string) => `category:${slug}`,
  // A chapter's comments: their lists and counts (JSON and the comments page). A comment expires
  // only this, never the chapter's reading pages, which load the comments after the page.
  comments: (chapterId: number) => `comments:${chapterId}`,
  // A book's reviews and rating: its reviews pages and the book page's ratings block. A review,
  // vote or moderation expires only this (the book page with it), never the chapters.
  reviews: (bookId: number) => `reviews:${bookId}`,
  author: (id: number) => `author:${id}`,
} as const;
