import { notFound } from "next/navigation";
import { connection } from "next/server";
import { db } from "@/lib/db";
import { DOWNLOAD_FORMATS } from "@/lib/downloads/source";
import { readDownloadStatus } from "@/lib/downloads/status";
import { getT } from "@/lib/i18n/messages";

/** Each format's link and state, read per request (the page around it is cached). */
export async function DownloadFormats({ bookId }: { bookId: number }) {
  await connection();
  const status = await readDownloadStatus(db, bookId);
  if (!status) notFound();
  const t = getT();
  return (
    <ul>
      {DOWNLOAD_FORMATS.map((format) => {
        const state = status.formats[format];
        return (
          <li key={format}>
            <a href={`/book/${bookId}/download.${format}`} rel="nofollow">
              {t("downloads.download", { format: format.toUpperCase() })}
            </a>{" "}
            <span className="muted">
              {t(`downloads.${format}`)}
              {state.state === "ready"
                ? ` · ${t("downloads.sizeKb", { kb: Math.max(1, Math.round(state.size / 1024)) })}`
                : null}
            </span>
            <br />
            <span className="form-hint">{t(`downloads.${format}Hint`)}</span>
            {state.state === "preparing" ? (
              <p role="status">
                {t("downloads.preparing")} <a href={`/book/${bookId}/download`}>{t("downloads.refresh")}</a>
              </p>
            ) : null}
            {state.state === "failed" ? <p role="status">{t("downloads.failed")}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
