"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { useEffect, useState } from "react";

/** How often the bar asks the server how far the import has got. */
const POLL_MS = 700;

type Progress = { done: number; total: number };

/**
 * The progress bar of a running import, shown while its server action is pending. It polls
 * GET /api/import/<uploadId>/progress, which reads the counts the import writes to the database
 * after each batch (so it works whichever instance runs the import). Screen readers hear a
 * quarter-step announcement, not every tick.
 */
export function ImportProgress({ uploadId, chapters }: { uploadId: string; chapters: number }) {
  const t = useTranslations("import.ui");
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      try {
        const response = await fetch(`/api/import/${encodeURIComponent(uploadId)}/progress`, { cache: "no-store" });
        if (response.ok) {
          const body = (await response.json()) as { state: string; done: number; total: number };
          const counting = (body.state === "running" || body.state === "done") && body.total > 0;
          if (!stopped && counting) setProgress({ done: Math.min(body.done, body.total), total: body.total });
        }
      } catch {
        // A missed poll (network blip) only delays the bar; the import's own answer is what counts.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    }
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [uploadId]);

  const total = progress?.total ?? chapters;
  const done = progress?.done ?? 0;
  const quarter = progress ? Math.floor((done / total) * 4) : 0;
  return (
    <div className="import-progress">
      <label htmlFor="import-progress-bar">{t("progressLabel")}</label>
      <progress id="import-progress-bar" max={total} value={progress ? done : undefined} />
      <p data-testid="import-progress-count">{progress ? t("progressCount", { done, total }) : null}</p>
      <p role="status" className="visually-hidden">
        {quarter > 0 ? t("progressPercent", { percent: quarter * 25 }) : ""}
      </p>
    </div>
  );
}
