import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { signOutEverywhereAction } from "@/lib/actions/auth";
import { requireUser } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("auth.accountTitle"), robots: { index: false } };
}

export default function AccountPage() {
  const t = getT();
  return (
    <section className="account-page">
      <h1>{t("auth.accountTitle")}</h1>
      <Suspense fallback={<p>{t("auth.loading")}</p>}>
        <AccountPanel />
      </Suspense>
    </section>
  );
}

// Reads the session cookie, so it renders per request inside the Suspense hole.
async function AccountPanel() {
  const t = getT();
  const user = await requireUser("/account");
  return (
    <>
      <p>{t("auth.signedInAs", { name: user.name, email: user.email })}</p>
      <p>{t("auth.role", { role: t(`auth.roles.${user.role}`) })}</p>
      <h2>{t("auth.changePasswordTitle")}</h2>
      <ChangePasswordForm />
      <h2>{t("moderation.blocksTitle")}</h2>
      <p>
        <Link href="/account/blocks">{t("moderation.manage")}</Link>
      </p>
      <h2>{t("auth.sessionsTitle")}</h2>
      <form action={signOutEverywhereAction} className="account-form">
        <p className="form-hint">{t("auth.signOutEverywhereHint")}</p>
        <button type="submit">{t("auth.signOutEverywhere")}</button>
      </form>
    </>
  );
}
