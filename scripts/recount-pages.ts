// Recomputes every chapter's stored sub-page count (Chapter.pageCount, used by the sitemap) at
// the configured CHAPTER_PAGE_CHARS. Run it on databases created before the column existed and
// after every change of CHAPTER_PAGE_CHARS:
//   npx tsx scripts/recount-pages.ts
// Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in .data/pg.
import { recountChapterPages } from "@/lib/data/recount-pages";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { runWithDatabase } from "./lib/database";

await runWithDatabase(async (url) => {
  const { chapters, changed } = await recountChapterPages(url, env.CHAPTER_PAGE_CHARS, {
    log: (m) => logger.debug(m),
  });
  logger.info(
    `recount-pages: ${chapters} chapters at ${env.CHAPTER_PAGE_CHARS} characters per page, ${changed} updated`,
  );
});
