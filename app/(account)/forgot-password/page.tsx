import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { connection } from "next/server";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { getT } from "@/lib/i18n/messages";
import { mailConfigured } from "@/lib/mail/send";

export function generateMetadata(): Metadata {
  return { title: getT()("auth.forgotTitle"), robots: { index: false } };
}

// Rendered per request: whether the site sends mail is the running server's SMTP_URL, not the
// build's. Without it the page says so up front instead of offering a form that cannot work.
export default async function ForgotPasswordPage() {
  await connection();
  const t = getT();
  return (
    <section className="account-page">
      <h1>{t("auth.forgotTitle")}</h1>
      {mailConfigured() ? (
        <ForgotPasswordForm />
      ) : (
        <>
          <p role="alert" className="form-message form-message-error">
            {t("auth.forgotNotConfigured")}
          </p>
          <p>
            <Link href="/login">{t("auth.signIn")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
