import Link from "@/components/ui/link";
import { JsonLd } from "@/components/seo/json-ld";
import { getT } from "@/lib/i18n/messages";
import { breadcrumbJsonLd } from "@/lib/seo/json-ld";

export type Crumb = { href?: string; label: string };

// 首页 > 分类 > 书名 > 章节: the last crumb is the current page. The same trail goes to search
// engines as a schema.org BreadcrumbList.
export function Breadcrumb({ items }: { items: Crumb[] }) {
  const t = getT();
  const all: Crumb[] = [{ href: "/", label: t("breadcrumb.home") }, ...items];
  return (
    <nav aria-label={t("breadcrumb.label")} className="breadcrumb">
      <ol>
        {all.map((c, i) => (
          <li key={i}>
            {c.href && i < all.length - 1 ? (
              <Link href={c.href}>{c.label}</Link>
            ) : (
              <span aria-current={i === all.length - 1 ? "page" : undefined}>{c.label}</span>
            )}
          </li>
        ))}
      </ol>
      <JsonLd data={breadcrumbJsonLd(all)} />
    </nav>
  );
}
