-- Number of reading sub-pages of a chapter at the default CHAPTER_PAGE_CHARS, so the sitemap can
-- list every sub-page without loading bodies. The splitter lives in TypeScript
-- (lib/text/paginate.ts), so existing rows are counted by `npx tsx scripts/recount-pages.ts`,
-- which must also run after CHAPTER_PAGE_CHARS changes.

-- AlterTable
ALTER TABLE "Chapter" ADD COLUMN     "pageCount" INTEGER NOT NULL DEFAULT 1;
