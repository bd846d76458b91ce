import type { Metadata } from "next";
import { Panel } from "@/components/ui/panel";
import Link from "@/components/ui/link";
import { BookCards } from "@/components/book/book-cards";
import { BookList } from "@/components/book/book-list";
import { LatestUpdates } from "@/components/book/latest-updates";
import {
  getCategories,
  getFeatured,
  getLatestUpdates,
  getNewestBooks,
  getRanking,
  getSiteNotice,
} from "@/lib/data/catalog";
import { categoryName } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { JsonLd } from "@/components/seo/json-ld";
import { siteFeedLink } from "@/lib/seo/feeds";
import { websiteJsonLd } from "@/lib/seo/json-ld";
import { pageMetadata } from "@/lib/seo/metadata";
import { HOME_RANK_KINDS } from "@/lib/validation/listing";

export function generateMetadata(): Metadata {
  const t = getT();
  return {
    ...pageMetadata({ title: t("home.title"), description: t("site.description"), path: "/", feeds: [siteFeedLink()] }),
    title: { absolute: t("home.title") },
  };
}

export default async function HomePage() {
  const t = getT();
  const [notice, featured, newBooksSlot, newest, latest, categories, ...ranks] = await Promise.all([
    getSiteNotice(),
    getFeatured("EDITOR_PICK"),
    getFeatured("NEW_BOOK"),
    getNewestBooks(10),
    getLatestUpdates(30),
    getCategories(),
    ...HOME_RANK_KINDS.map((kind) => getRanking(kind, 10)),
  ]);
  const newBooks = newBooksSlot.length > 0 ? newBooksSlot : newest;
  return (
    <>
      <JsonLd data={websiteJsonLd()} />
      <h1 className="visually-hidden">{t("site.name")}</h1>
      {notice ? (
        <aside className="site-notice" aria-label={t("site.notice")}>
          {notice}
        </aside>
      ) : null}
      <Panel id="featured" title={t("home.featured")}>
        <BookCards books={featured} />
      </Panel>
      <div className="grid-2">
        <Panel id="latest" title={t("home.latest")} more={{ href: "/books", label: t("home.more") }}>
          <LatestUpdates books={latest} />
        </Panel>
        <div>
          <Panel id="new-books" title={t("home.newBooks")} more={{ href: "/rank/new", label: t("home.more") }}>
            <BookList books={newBooks} />
          </Panel>
          <Panel id="categories" title={t("home.categories")}>
            <div className="category-links">
              {categories.map((c) => (
                <Link key={c.slug} href={`/category/${c.slug}`}>
                  {categoryName(c)}
                </Link>
              ))}
            </div>
          </Panel>
        </div>
      </div>
      <section aria-labelledby="rankings">
        <h2 id="rankings" className="visually-hidden">
          {t("home.rankings")}
        </h2>
        <div className="rank-grid">
          {HOME_RANK_KINDS.map((kind, i) =>
            // A ranking with no book yet (the rating ranking on a new site) is left out.
            ranks[i]?.length ? (
              <section key={kind} className="panel" aria-labelledby={`rank-${kind}`}>
                <div className="panel-head">
                  <h3 id={`rank-${kind}`}>{t(`rank.${kind}`)}</h3>
                  <Link href={`/rank/${kind}`}>{t("home.more")}</Link>
                </div>
                <BookList books={ranks[i]} numbered />
              </section>
            ) : null,
          )}
        </div>
      </section>
    </>
  );
}
