import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requireRole } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/messages";
import { ADMIN_SECTIONS, AdminNav } from "./nav";

export function generateMetadata(): Metadata {
  return { title: getT()("admin.title") };
}

export default async function AdminPage() {
  await requireRole("ADMIN", "/admin");
  const t = getT();
  return (
    <section className="dashboard admin">
      <h1>{t("admin.title")}</h1>
      <AdminNav />
      <ul className="admin-overview">
        {ADMIN_SECTIONS.map((s) => (
          <li key={s}>
            <Link href={`/admin/${s}`}>{t(`admin.${s}.title`)}</Link> — {t(`admin.${s}.summary`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
