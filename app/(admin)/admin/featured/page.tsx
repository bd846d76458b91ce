import type { Metadata } from "next";
import { ActionForm } from "@/components/dashboard/action-form";
import { setFeaturedAction } from "@/lib/actions/admin";
import { requireRole } from "@/lib/auth/session";
import { type FeaturedRow } from "@/lib/data/admin";
import { listFeatured } from "@/lib/data/signed-in";
import { getT } from "@/lib/i18n/messages";
import { FEATURED_KINDS, FEATURED_MAX } from "@/lib/validation/admin";
import { AdminNav } from "../nav";

export function generateMetadata(): Metadata {
  return { title: getT()("admin.featured.title") };
}

type Kind = (typeof FEATURED_KINDS)[number];

/**
 * Each button posts the whole list as it should become (hidden `bookIds` in order), so moving,
 * removing and adding all go through one action and work without JavaScript.
 */
function ListForm({
  kind,
  ids,
  label,
  text,
  danger,
  children,
}: {
  kind: Kind;
  ids: number[];
  /** Accessible name, naming the book. */
  label: string;
  /** Visible text; the label when absent. */
  text?: string;
  danger?: boolean;
  children?: React.ReactNode;
}) {
  return (
    <ActionForm action={setFeaturedAction} className="inline-form">
      <input type="hidden" name="kind" value={kind} />
      {ids.map((id) => (
        <input key={id} type="hidden" name="bookIds" value={id} />
      ))}
      {children}
      <button type="submit" aria-label={label} className={danger ? "button-small button-danger" : "button-small"}>
        {text ?? label}
      </button>
    </ActionForm>
  );
}

function swap(ids: number[], i: number, j: number): number[] {
  const out = [...ids];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

function SlotList({ kind, rows }: { kind: Kind; rows: FeaturedRow[] }) {
  const t = getT();
  const ids = rows.map((r) => r.bookId);
  return (
    <section aria-labelledby={`featured-${kind}`}>
      <h2 id={`featured-${kind}`}>{t(`admin.featured.${kind}`)}</h2>
      {rows.length === 0 ? <p>{t("admin.featured.empty")}</p> : null}
      <ol className="admin-slots">
        {rows.map((r, i) => (
          <li key={r.bookId}>
            <span className="admin-slot-title">
              {r.title} <small>#{r.bookId}</small>
              {r.hidden ? <span className="badge">{t("admin.books.hidden")}</span> : null}
            </span>
            <span className="row-steps">
              {i > 0 ? (
                <ListForm
                  kind={kind}
                  ids={swap(ids, i, i - 1)}
                  label={t("admin.upNamed", { name: r.title })}
                  text={`↑ ${t("admin.up")}`}
                />
              ) : null}
              {i < rows.length - 1 ? (
                <ListForm
                  kind={kind}
                  ids={swap(ids, i, i + 1)}
                  label={t("admin.downNamed", { name: r.title })}
                  text={`↓ ${t("admin.down")}`}
                />
              ) : null}
              <ListForm
                kind={kind}
                ids={ids.filter((id) => id !== r.bookId)}
                label={t("admin.featured.removeNamed", { name: r.title })}
                text={t("admin.featured.remove")}
                danger
              />
            </span>
          </li>
        ))}
      </ol>
      {rows.length < FEATURED_MAX ? (
        <ActionForm action={setFeaturedAction} className="inline-form">
          <input type="hidden" name="kind" value={kind} />
          {ids.map((id) => (
            <input key={id} type="hidden" name="bookIds" value={id} />
          ))}
          <label htmlFor={`featured-add-${kind}`}>{t("admin.featured.bookId")}</label>
          <input id={`featured-add-${kind}`} name="bookIds" inputMode="numeric" pattern="\d+" required />
          <button type="submit">{t("admin.featured.add")}</button>
        </ActionForm>
      ) : null}
    </section>
  );
}

export default async function AdminFeaturedPage() {
  const user = await requireRole("ADMIN", "/admin/featured");
  const t = getT();
  const lists = await listFeatured({ id: user.id, role: user.role });
  return (
    <section className="dashboard admin">
      <h1>{t("admin.featured.title")}</h1>
      <AdminNav current="featured" />
      <p className="form-hint">{t("admin.featured.hint")}</p>
      {FEATURED_KINDS.map((kind) => (
        <SlotList key={kind} kind={kind} rows={lists[kind]} />
      ))}
    </section>
  );
}
