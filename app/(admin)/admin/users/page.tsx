import type { Metadata } from "next";
import { ActionForm } from "@/components/dashboard/action-form";
import { Select } from "@/components/dashboard/fields";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Pagination } from "@/components/ui/pagination";
import { disableUserAction, enableUserAction, setUserRoleAction } from "@/lib/actions/admin";
import { liftSuspensionAction, suspendCommentingAction } from "@/lib/actions/moderation";
import { requireRole } from "@/lib/auth/session";
import type { AdminUserRow } from "@/lib/data/admin";
import { isDomainError } from "@/lib/data/errors";
import { isSuspended } from "@/lib/data/moderation/may-post";
import { searchUsers } from "@/lib/data/signed-in";
import { formatDateTime } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { ROLES } from "@/lib/validation/admin";
import { SUSPENSION_CHOICES } from "@/lib/validation/moderation";
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
  const result = await searchUsers(actor, { q, page }).catch((e: unknown) => {
    if (isDomainError(e) && e.code === "INVALID") return null;
    throw e;
  });
  // The request's moment, to tell a suspension in force from one that has ended.
  const now = new Date();
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
          <table className="dashboard-table stack-table">
            <caption className="visually-hidden">{t("admin.users.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("auth.name")}</th>
                <th scope="col">{t("auth.email")}</th>
                <th scope="col">{t("admin.users.role")}</th>
                <th scope="col">{t("admin.users.status")}</th>
                <th scope="col">{t("moderation.admin.commenting")}</th>
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
                    <td data-label={t("auth.email")}>{u.email}</td>
                    <td data-label={t("admin.users.role")} className="cell-wide">
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
                          <button type="submit" aria-label={`${t("admin.users.changeRole")}: ${u.name}`}>
                            {t("admin.users.changeRole")}
                          </button>
                        </ActionForm>
                      )}
                    </td>
                    <td data-label={t("admin.users.status")} className="cell-wide">
                      <span className="row-steps">
                        {u.disabledAt ? t("admin.users.disabled") : t("admin.users.active")}
                        {self ? null : u.disabledAt ? (
                          <ActionForm action={enableUserAction} className="inline-form">
                            <input type="hidden" name="userId" value={u.id} />
                            <button type="submit" aria-label={t("admin.users.enableNamed", { name: u.name })}>
                              {t("admin.users.enable")}
                            </button>
                          </ActionForm>
                        ) : (
                          <ConfirmAction
                            label={t("admin.users.disable")}
                            name={t("admin.users.disableNamed", { name: u.name })}
                            question={t("admin.users.disableConfirm", { name: u.name })}
                          >
                            <ActionForm action={disableUserAction} className="inline-form">
                              <input type="hidden" name="userId" value={u.id} />
                              <button type="submit" className="button-danger">
                                {t("admin.users.disableConfirmButton", { name: u.name })}
                              </button>
                            </ActionForm>
                          </ConfirmAction>
                        )}
                      </span>
                    </td>
                    <td data-label={t("moderation.admin.commenting")} className="cell-wide">
                      <Commenting user={u} self={self} now={now} />
                    </td>
                    <td data-label={t("admin.users.registered")}>{formatDateTime(u.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {result ? <Pagination page={result.page} pageCount={pages} href={link} /> : null}
    </section>
  );
}

/** Whether the user may comment, like and report; a suspension for some days or until lifted, or lifting it. */
function Commenting({ user: u, self, now }: { user: AdminUserRow; self: boolean; now: Date }) {
  const t = getT();
  const suspended = isSuspended(u, now);
  return (
    <span className="row-steps">
      {!suspended
        ? t("moderation.admin.canPost")
        : u.suspendedUntil
          ? t("moderation.admin.suspendedUntil", { until: formatDateTime(u.suspendedUntil) })
          : t("moderation.admin.suspendedIndefinitely")}
      {self ? null : suspended ? (
        <ActionForm action={liftSuspensionAction} className="inline-form">
          <input type="hidden" name="userId" value={u.id} />
          <button type="submit" aria-label={t("moderation.admin.liftNamed", { name: u.name })}>
            {t("moderation.admin.lift")}
          </button>
        </ActionForm>
      ) : (
        <ActionForm action={suspendCommentingAction} className="inline-form">
          <input type="hidden" name="userId" value={u.id} />
          <Select name="duration" defaultValue="7" aria-label={t("moderation.admin.duration", { name: u.name })}>
            {SUSPENSION_CHOICES.map((d) => (
              <option key={d} value={d}>
                {d === "indefinite"
                  ? t("moderation.admin.indefinite")
                  : t("moderation.admin.days", { days: Number(d) })}
              </option>
            ))}
          </Select>
          <button type="submit" aria-label={t("moderation.admin.suspendNamed", { name: u.name })}>
            {t("moderation.admin.suspend")}
          </button>
        </ActionForm>
      )}
    </span>
  );
}
