import type { Metadata } from "next";
import { ActionForm } from "@/components/dashboard/action-form";
import { setSiteNoticeAction } from "@/lib/actions/admin";
import { requireRole } from "@/lib/auth/session";
import { getSiteNoticeForAdmin } from "@/lib/data/signed-in";
import { getT } from "@/lib/i18n/messages";
import { SITE_NOTICE_MAX } from "@/lib/validation/admin";
import { AdminNav } from "../nav";

export function generateMetadata(): Metadata {
  return { title: getT()("admin.notice.title") };
}

export default async function AdminNoticePage() {
  const user = await requireRole("ADMIN", "/admin/notice");
  const t = getT();
  const text = await getSiteNoticeForAdmin({ id: user.id, role: user.role });
  return (
    <section className="dashboard admin">
      <h1>{t("admin.notice.title")}</h1>
      <AdminNav current="notice" />
      <ActionForm action={setSiteNoticeAction} className="admin-form">
        <label htmlFor="admin-notice">{t("admin.notice.text")}</label>
        <textarea
          id="admin-notice"
          name="text"
          rows={3}
          maxLength={SITE_NOTICE_MAX}
          defaultValue={text}
          aria-describedby="admin-notice-hint"
        />
        <p id="admin-notice-hint" className="form-hint">
          {t("admin.notice.hint", { max: SITE_NOTICE_MAX })}
        </p>
        <button type="submit">{t("admin.notice.save")}</button>
      </ActionForm>
    </section>
  );
}
