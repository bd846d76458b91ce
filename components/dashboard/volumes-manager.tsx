import { ActionForm } from "@/components/dashboard/action-form";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { createVolumeAction, deleteVolumeAction, moveVolumeAction, renameVolumeAction } from "@/lib/actions/authoring";
import { getT } from "@/lib/i18n/messages";
import { VOLUME_TITLE_MAX } from "@/lib/validation/authoring";
import { newRequestId } from "@/lib/validation/create-request";

type Volume = { id: number; title: string };

/** Volumes of a book: add, rename, move up/down, delete (their chapters move, never vanish). */
export function VolumesManager({ bookId, volumes }: { bookId: number; volumes: Volume[] }) {
  const t = getT();
  const order = volumes.map((v) => v.id);
  return (
    <div className="volumes-manager">
      {volumes.length === 0 ? <p>{t("dashboard.noVolumes")}</p> : null}
      <ol>
        {volumes.map((v, i) => (
          <li key={v.id}>
            <ActionForm action={renameVolumeAction} className="inline-form">
              <input type="hidden" name="volumeId" value={v.id} />
              <label>
                <span className="visually-hidden">{t("dashboard.volumeTitleNumbered", { n: i + 1 })}</span>
                <input name="title" defaultValue={v.title} required maxLength={VOLUME_TITLE_MAX} />
              </label>{" "}
              <button type="submit">{t("dashboard.rename")}</button>
            </ActionForm>
            <MoveVolume bookId={bookId} volume={v} order={order} direction="up" disabled={i === 0} />
            <MoveVolume bookId={bookId} volume={v} order={order} direction="down" disabled={i === order.length - 1} />
            <ConfirmAction
              label={t("dashboard.deleteVolume")}
              name={t("dashboard.deleteVolumeNamed", { title: v.title })}
              question={t("dashboard.deleteVolumeConfirm", { title: v.title })}
            >
              <ActionForm action={deleteVolumeAction} className="inline-form">
                <input type="hidden" name="volumeId" value={v.id} />
                <button type="submit" className="button-danger">
                  {t("dashboard.deleteVolumeConfirmButton", { title: v.title })}
                </button>
              </ActionForm>
            </ConfirmAction>
          </li>
        ))}
      </ol>
      {volumes.length > 0 ? <p className="form-hint">{t("dashboard.deleteVolumeHint")}</p> : null}
      {/* Rendered per request (the dashboard never prerenders), so each author gets their own key. */}
      <ActionForm action={createVolumeAction} className="inline-form" requestId={newRequestId()}>
        <input type="hidden" name="bookId" value={bookId} />
        <label>
          {t("dashboard.newVolume")} <input name="title" required maxLength={VOLUME_TITLE_MAX} />
        </label>{" "}
        <button type="submit">{t("dashboard.addVolume")}</button>
      </ActionForm>
    </div>
  );
}

function MoveVolume(props: {
  bookId: number;
  volume: Volume;
  order: number[];
  direction: "up" | "down";
  disabled: boolean;
}) {
  const t = getT();
  const label = props.direction === "up" ? "dashboard.moveUpNamed" : "dashboard.moveDownNamed";
  return (
    <ActionForm action={moveVolumeAction} className="inline-form">
      <input type="hidden" name="bookId" value={props.bookId} />
      <input type="hidden" name="volumeId" value={props.volume.id} />
      <input type="hidden" name="direction" value={props.direction} />
      {props.order.map((id) => (
        <input key={id} type="hidden" name="order" value={id} />
      ))}
      <button type="submit" disabled={props.disabled} aria-label={t(label, { title: props.volume.title })}>
        {props.direction === "up" ? "↑" : "↓"}
      </button>
    </ActionForm>
  );
}
