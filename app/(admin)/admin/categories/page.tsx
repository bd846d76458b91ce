import type { Metadata } from "next";
import { ActionForm } from "@/components/dashboard/action-form";
import {
  createCategoryAction,
  deleteCategoryAction,
  moveCategoryAction,
  renameCategoryAction,
} from "@/lib/actions/admin";
import { requireRole } from "@/lib/auth/session";
import { listCategories } from "@/lib/data/signed-in";
import { formatCount } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/messages";
import { CATEGORY_NAME_EN_MAX, CATEGORY_NAME_MAX, CATEGORY_SLUG_MAX } from "@/lib/validation/admin";
import { AdminNav } from "../nav";

export function generateMetadata(): Metadata {
  return { title: getT()("admin.categories.title") };
}

export default async function AdminCategoriesPage() {
  const user = await requireRole("ADMIN", "/admin/categories");
  const t = getT();
  const categories = await listCategories({ id: user.id, role: user.role });
  return (
    <section className="dashboard admin">
      <h1>{t("admin.categories.title")}</h1>
      <AdminNav current="categories" />
      <div className="table-scroll">
        <table className="dashboard-table stack-table">
          <caption className="visually-hidden">{t("admin.categories.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.categories.slug")}</th>
              <th scope="col">{t("admin.categories.names")}</th>
              <th scope="col">{t("admin.categories.books")}</th>
              <th scope="col">{t("admin.categories.order")}</th>
              <th scope="col">{t("admin.categories.delete")}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c.id}>
                <th scope="row">{c.slug}</th>
                <td data-label={t("admin.categories.names")} className="cell-wide">
                  <ActionForm action={renameCategoryAction} className="inline-form">
                    <input type="hidden" name="categoryId" value={c.id} />
                    <input
                      name="name"
                      defaultValue={c.name}
                      required
                      maxLength={CATEGORY_NAME_MAX}
                      aria-label={t("admin.categories.nameOf", { slug: c.slug })}
                    />
                    <input
                      name="nameEn"
                      defaultValue={c.nameEn}
                      required
                      maxLength={CATEGORY_NAME_EN_MAX}
                      aria-label={t("admin.categories.nameEnOf", { slug: c.slug })}
                    />
                    <button type="submit" aria-label={`${t("admin.categories.rename")}: ${c.slug}`}>
                      {t("admin.categories.rename")}
                    </button>
                  </ActionForm>
                </td>
                <td data-label={t("admin.categories.books")} className="cell-number">
                  {formatCount(c.books)}
                </td>
                <td className="cell-actions">
                  {(["up", "down"] as const).map((direction) =>
                    (direction === "up" ? i > 0 : i < categories.length - 1) ? (
                      <ActionForm key={direction} action={moveCategoryAction} className="inline-form">
                        <input type="hidden" name="categoryId" value={c.id} />
                        <input type="hidden" name="direction" value={direction} />
                        <button type="submit" aria-label={t(`admin.${direction}Named`, { name: c.slug })}>
                          {t(`admin.${direction}`)}
                        </button>
                      </ActionForm>
                    ) : null,
                  )}
                </td>
                <td className="cell-actions">
                  {c.books === 0 ? (
                    <ActionForm action={deleteCategoryAction} className="inline-form">
                      <input type="hidden" name="categoryId" value={c.id} />
                      <button
                        type="submit"
                        className="button-danger"
                        aria-label={t("admin.categories.deleteNamed", { slug: c.slug })}
                      >
                        {t("admin.categories.delete")}
                      </button>
                    </ActionForm>
                  ) : (
                    <span className="form-hint">{t("admin.categories.notEmpty")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("admin.categories.create")}</h2>
      <ActionForm action={createCategoryAction} className="admin-form">
        <label>
          {t("admin.categories.slug")}
          <input name="slug" required maxLength={CATEGORY_SLUG_MAX} pattern="[a-z0-9]+(-[a-z0-9]+)*" />
        </label>
        <label>
          {t("admin.categories.name")}
          <input name="name" required maxLength={CATEGORY_NAME_MAX} />
        </label>
        <label>
          {t("admin.categories.nameEn")}
          <input name="nameEn" required maxLength={CATEGORY_NAME_EN_MAX} />
        </label>
        <div className="dashboard-buttons">
          <button type="submit">{t("admin.categories.create")}</button>
        </div>
      </ActionForm>
    </section>
  );
}
