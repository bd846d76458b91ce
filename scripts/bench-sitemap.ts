// Times the sitemap queries and XML on the current database (DATABASE_URL, else the embedded one
// in SHUHAI_DATA_DIR / .data/pg): the index (boundaries over all chapters) and the largest
// chapters file. For the bench catalog: `npx tsx scripts/db.ts seed --demo --books 10000 --chapters 200`.
import { createPrismaClient } from "@/lib/db/client";
import { querySitemapIndex, queryChapterUrls } from "@/lib/data/queries/sitemap";
import { logger } from "@/lib/log";
import { renderUrlset } from "@/lib/seo/sitemap-xml";
import { openDatabase } from "./lib/database";

const database = await openDatabase((m) => logger.debug(m));
const db = createPrismaClient(database.url);
try {
  const chapters = await db.chapter.count();
  let t = performance.now();
  const index = await querySitemapIndex(db);
  const indexMs = performance.now() - t;
  logger.info(
    `index: ${chapters} chapters, ${index.chapterFiles.length} chapter files, ${index.bookFiles.length} book files in ${indexMs.toFixed(0)} ms`,
  );
  const largest = index.chapterFiles.reduce((a, b) => (b.urls > a.urls ? b : a));
  for (let run = 1; run <= 3; run++) {
    t = performance.now();
    const urls = await queryChapterUrls(db, largest);
    const queryMs = performance.now() - t;
    const xml = renderUrlset(
      urls.map((u) => ({ url: new URL(u.path, "https://shuhai.example").href, lastModified: u.lastModified })),
    );
    const totalMs = performance.now() - t;
    logger.info(
      `chapters file (${largest.afterId}, ${largest.lastId}]: ${urls.length} URLs, ${(xml.length / 1e6).toFixed(1)} MB; ` +
        `query ${queryMs.toFixed(0)} ms, query + XML ${totalMs.toFixed(0)} ms (run ${run})`,
    );
  }
} finally {
  await db.$disconnect();
  await database.stop();
}
