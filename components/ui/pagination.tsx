import Link from "@/components/ui/link";
import { getT } from "@/lib/i18n/messages";

// Previous / next page links with "page n of m"; plain links, so it works without JavaScript.
export function Pagination({
  page,
  pageCount,
  href,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const t = getT();
  return (
    <nav aria-label={t("pagination.label")} className="pagination">
      <ul>
        <li>
          {page > 1 ? (
            <Link href={href(page - 1)} rel="prev">
              {t("pagination.prev")}
            </Link>
          ) : (
            <span aria-disabled="true">{t("pagination.prev")}</span>
          )}
        </li>
        <li>
          <span>{t("pagination.page", { page, total: pageCount })}</span>
        </li>
        <li>
          {page < pageCount ? (
            <Link href={href(page + 1)} rel="next">
              {t("pagination.next")}
            </Link>
          ) : (
            <span aria-disabled="true">{t("pagination.next")}</span>
          )}
        </li>
      </ul>
    </nav>
  );
}
