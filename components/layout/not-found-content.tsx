import Link from "@/components/ui/link";
import { getT } from "@/lib/i18n/messages";

export function NotFoundContent() {
  const t = getT();
  return (
    <section className="error-page panel">
      <h1>{t("errors.notFoundTitle")}</h1>
      <p>{t("errors.notFoundBody")}</p>
      <p>
        <Link className="button" href="/">
          {t("errors.goHome")}
        </Link>
      </p>
    </section>
  );
}
