import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { BookCards } from "@/components/book/book-cards";
import { getRanking } from "@/lib/data/catalog";
import { getT } from "@/lib/i18n/messages";
import { pageMetadata } from "@/lib/seo/metadata";
import { parseRankKind, RANK_KINDS } from "@/lib/validation/listing";
import { RANK_MIN_RATINGS, RATING_PRIOR_MEAN, RATING_PRIOR_VOTES } from "@/lib/validation/reviews";

export function generateStaticParams() {
  return RANK_KINDS.map((kind) => ({ kind }));
}

export async function generateMetadata({ params }: PageProps<"/rank/[kind]">): Promise<Metadata> {
  const kind = parseRankKind((await params).kind);
  if (!kind) notFound();
  const t = getT();
  const name = t(`rank.${kind}`);
  return pageMetadata({
    title: t("rank.title", { kind: name }),
    description: t("rank.description", { kind: name }),
    path: `/rank/${kind}`,
  });
}

export default async function RankPage({ params }: PageProps<"/rank/[kind]">) {
  const kind = parseRankKind((await params).kind);
  if (!kind) notFound();
  const t = getT();
  const books = await getRanking(kind);
  return (
    <>
      <h1>{t(`rank.${kind}`)}</h1>
      <nav aria-label={t("nav.rank")} className="category-links" style={{ marginBottom: "1rem" }}>
        {RANK_KINDS.map((k) => (
          <Link key={k} href={`/rank/${k}`} aria-current={k === kind ? "page" : undefined}>
            {t(`rank.${k}`)}
          </Link>
        ))}
      </nav>
      {kind === "rated" ? (
        <p className="muted">
          {t("rank.ratedNote", { m: RATING_PRIOR_VOTES, c: RATING_PRIOR_MEAN, min: RANK_MIN_RATINGS })}
        </p>
      ) : kind === "week" || kind === "month" ? (
        <p className="muted">{t(`rank.${kind}Note`)}</p>
      ) : null}
      {books.length > 0 ? <BookCards books={books} headingLevel={2} numbered /> : <p>{t("rank.empty")}</p>}
    </>
  );
}
