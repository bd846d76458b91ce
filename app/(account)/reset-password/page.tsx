import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { isResetLinkUsable } from "@/lib/data/account";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("auth.resetTitle"), robots: { index: false }, referrer: "no-referrer" };
}

// The page a reset mail links to: the new-password form while the link works, otherwise why it
// does not and a way to ask for a new one.
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const t = getT();
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const usable = await isResetLinkUsable(token);
  return (
    <section className="account-page">
      <h1>{t("auth.resetTitle")}</h1>
      {usable ? (
        <ResetPasswordForm token={token} />
      ) : (
        <>
          <p role="alert" className="form-message form-message-error">
            {t("auth.resetInvalid")}
          </p>
          <p>
            <Link href="/forgot-password">{t("auth.resetAskAgain")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
