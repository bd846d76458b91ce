// Cache tags for public reads. A write revalidates exactly the tags of what it changed.
export const TAGS = {
  home: "home",
  // Any list of books: listings, rankings, recommendation blocks.
  books: "books",
  categories: "categories",
  book: (id: number) => `book:${id}`,
  chapter: (id: number) => `chapter:${id}`,
  category: (slug: string) => `category:${slug}`,
  author: (id: number) => `author:${id}`,
} as const;
