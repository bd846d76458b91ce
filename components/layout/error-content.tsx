"use client";

import Link from "@/components/ui/link";
import { useTranslations } from "@/components/i18n/client-messages";

// Shown when a page fails (e.g. the database is down). No details of the error reach the page.
export function ErrorContent({ reset }: { reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <section className="error-page panel" role="alert">
      <h1>{t("errorTitle")}</h1>
      <p>{t("errorBody")}</p>
      <p>
        <button type="button" className="button" onClick={reset}>
          {t("retry")}
        </button>{" "}
        <Link className="button button-secondary" href="/">
          {t("goHome")}
        </Link>
      </p>
    </section>
  );
}
