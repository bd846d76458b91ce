import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { Select } from "@/components/dashboard/fields";
import { disableUserAction, enableUserAction, setUserRoleAction } from "@/lib/actions/admin";
import { requireRole } from "@/lib/auth/session";
import { isAdminError, searchUsers } from "@/lib/data/admin";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { ROLES } from "@/lib/validation/admin";
import { AdminNav } from "../nav";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export function generateMetadata(): Metadata {
  return { title: getT()("admin.users.title") };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default async function AdminUsersPage({ searchParams }: Props) {
  const user = await requireRole("ADMIN", "/admin/users");
  const actor = { id: user.id, role: user.role };
  const t = getT();
  const sp = await searchParams;
  const q = one(sp.q).slice(0, 100);
  const page = /^\d{1,4}$/.test(one(sp.page)) ? one(sp.page) : "1";
  const result = await searchUsers(db, actor, { q, page }).catch((e: unknown) => {
    if (isAdminError(e) && e.code === "INVALID") return null;
    throw e;
  });
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const link = (p: number) => `/admin/users?${new URLSearchParams({ q, page: String(p) })}`;
  return (
    <section className="dashboard admin">
      <h1>{t("admin.users.title")}</h1>
      <AdminNav current="users" />
      <form method="get" action="/admin/users" role="search" className="inline-form">
        <label htmlFor="admin-user-q">{t("admin.users.search")}</label>
        <input id="admin-user-q" name="q" type="search" defaultValue={q} maxLength={100} />
        <button type="submit">{t("admin.search")}</button>
      </form>
      {!result || result.users.length === 0 ? (
        <p>{t("admin.noResults")}</p>
      ) : (
        <div className="table-scroll">
          <table className="dashboard-table">
            <caption className="visually-hidden">{t("admin.users.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("auth.name")}</th>
                <th scope="col">{t("auth.email")}</th>
                <th scope="col">{t("admin.users.role")}</th>
                <th scope="col">{t("admin.users.status")}</th>
                <th scope="col">{t("admin.users.registered")}</th>
              </tr>
            </thead>
            <tbody>
              {result.users.map((u) => {
                const self = u.id === user.id;
                return (
                  <tr key={u.id}>
                    <th scope="row">
                      {u.name}
                      {self ? <span className="badge">{t("admin.users.you")}</span> : null}
                    </th>
                    <td>{u.email}</td>
                    <td>
                      {self ? (
                        t(`auth.roles.${u.role}`)
                      ) : (
                        <ActionForm action={setUserRoleAction} className="inline-form">
                          <input type="hidden" name="userId" value={u.id} />
                          <Select
                            name="role"
                            defaultValue={u.role}
                            aria-label={t("admin.users.roleOf", { name: u.name })}
                          >
                            {ROLES.map((r) => (
                              <option key={r} value={r}>
                                {t(`auth.roles.${r}`)}
                              </option>
                            ))}
                          </Select>
                          <button type="submit">{t("admin.users.changeRole")}</button>
                        </ActionForm>
                      )}
                    </td>
                    <td>
                      {u.disabledAt ? t("admin.users.disabled") : t("admin.users.active")}
                      {self ? null : (
                        <ActionForm
                          action={u.disabledAt ? enableUserAction : disableUserAction}
                          className="inline-form"
                        >
                          <input type="hidden" name="userId" value={u.id} />
                          <button
                            type="submit"
                            aria-label={t(u.disabledAt ? "admin.users.enableNamed" : "admin.users.disableNamed", {
                              name: u.name,
                            })}
                          >
                            {t(u.disabledAt ? "admin.users.enable" : "admin.users.disable")}
                          </button>
                        </ActionForm>
                      )}
                    </td>
                    <td>{formatDateTime(u.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {result && pages > 1 ? (
        <nav aria-label={t("pagination.label")} className="dashboard-links">
          {result.page > 1 ? <Link href={link(result.page - 1)}>{t("pagination.prev")}</Link> : null}{" "}
          <span>
            {result.page} / {pages}
          </span>{" "}
          {result.page < pages ? <Link href={link(result.page + 1)}>{t("pagination.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
