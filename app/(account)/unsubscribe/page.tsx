import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { unsubscribeAction } from "@/lib/actions/notices";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("notices.unsubscribeTitle"), robots: { index: false }, referrer: "no-referrer" };
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

// The page a digest's link opens: one button stops the update e-mails, no sign-in (the link's
// token proves it came from us). A GET never changes anything (mail scanners open links); mail
// clients that offer "unsubscribe" post to /api/notices/unsubscribe instead (RFC 8058).
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = getT();
  const params = await searchParams;
  let body;
  if (params.done) body = <p role="status">{t("notices.unsubscribed")}</p>;
  else if (params.error || !one(params.u) || !one(params.t))
    body = (
      <p role="alert" className="form-message form-message-error">
        {t("notices.errors.badLink")}
      </p>
    );
  else
    body = (
      <form action={unsubscribeAction} className="account-form">
        <input type="hidden" name="u" value={one(params.u)} />
        <input type="hidden" name="t" value={one(params.t)} />
        <p>{t("notices.unsubscribeAsk")}</p>
        <button type="submit">{t("notices.unsubscribeButton")}</button>
      </form>
    );
  return (
    <section className="account-page">
      <h1>{t("notices.unsubscribeTitle")}</h1>
      {body}
      <p>
        <Link href="/">{t("site.name")}</Link>
      </p>
    </section>
  );
}
