import Link from "@/components/ui/link";
import { getT } from "@/lib/i18n/messages";

export const ADMIN_SECTIONS = ["users", "categories", "featured", "notice", "books"] as const;

/** Links between the admin pages; the current one is marked for assistive technology. */
export function AdminNav({ current }: { current?: (typeof ADMIN_SECTIONS)[number] }) {
  const t = getT();
  return (
    <nav aria-label={t("admin.title")} className="admin-nav">
      <Link href="/admin" aria-current={current ? undefined : "page"}>
        {t("admin.overview")}
      </Link>
      {ADMIN_SECTIONS.map((s) => (
        <Link key={s} href={`/admin/${s}`} aria-current={current === s ? "page" : undefined}>
          {t(`admin.${s}.title`)}
        </Link>
      ))}
    </nav>
  );
}
