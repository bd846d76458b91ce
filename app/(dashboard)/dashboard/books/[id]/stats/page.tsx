import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { connection } from "next/server";
import { StatsChart } from "@/components/dashboard/stats-chart";
import { dashboardActor, orNotFound, routeId } from "@/lib/data/dashboard";
import { getBookForEdit, getBookStats } from "@/lib/data/signed-in";
import { formatCount } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";

type Params = { params: Promise<{ id: string }> };

const DAYS = 30;

export function generateMetadata(): Metadata {
  return { title: getT()("dashboard.statsTitle") };
}

export default async function BookStatsPage({ params }: Params) {
  const t = getT();
  const bookId = routeId((await params).id);
  const actor = await dashboardActor(`/dashboard/books/${bookId}/stats`);
  // "Today" is the request's time.
  await connection();
  const [book, stats] = await Promise.all([
    orNotFound(getBookForEdit(actor, bookId)),
    orNotFound(getBookStats(actor, bookId, DAYS)),
  ]);
  const series = [
    { key: "views", kind: "bar", title: t("dashboard.viewsPerDay"), total: stats.totals.views },
    { key: "shelfAdds", kind: "bar", title: t("dashboard.shelfAddsPerDay"), total: stats.totals.shelfAdds },
    { key: "wordsPublished", kind: "line", title: t("dashboard.wordsPerDay"), total: stats.totals.wordsPublished },
  ] as const;
  const first = stats.days[0]?.day ?? "";
  const last = stats.days.at(-1)?.day ?? "";
  return (
    <section className="dashboard">
      <p>
        <Link href={`/dashboard/books/${book.id}`}>{t("dashboard.backToBook", { title: book.title })}</Link>
      </p>
      <h1>{t("dashboard.statsOf", { title: book.title })}</h1>
      <p>{t("dashboard.statsRange", { days: DAYS, first, last })}</p>
      {series.map((s) => (
        <figure key={s.key} className="stats-figure">
          <figcaption>
            <h2>{s.title}</h2>
          </figcaption>
          <StatsChart
            id={`chart-${s.key}`}
            kind={s.kind}
            title={s.title}
            description={t("dashboard.chartDesc", { days: DAYS, first, last, total: s.total })}
            points={stats.days.map((d) => ({ label: d.day, value: d[s.key] }))}
          />
        </figure>
      ))}
      <h2>{t("dashboard.statsTable")}</h2>
      <div className="table-scroll">
        <table className="dashboard-table">
          <caption className="visually-hidden">{t("dashboard.statsTable")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.day")}</th>
              <th scope="col">{t("dashboard.views")}</th>
              <th scope="col">{t("dashboard.shelfAdds")}</th>
              <th scope="col">{t("dashboard.wordsPublished")}</th>
            </tr>
          </thead>
          <tbody>
            {stats.days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                <td className="cell-number">{formatCount(d.views)}</td>
                <td className="cell-number">{formatCount(d.shelfAdds)}</td>
                <td className="cell-number">{formatCount(d.wordsPublished)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("dashboard.total")}</th>
              <td className="cell-number">{formatCount(stats.totals.views)}</td>
              <td className="cell-number">{formatCount(stats.totals.shelfAdds)}</td>
              <td className="cell-number">{formatCount(stats.totals.wordsPublished)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
