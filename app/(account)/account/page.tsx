import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { signOutEverywhereAction } from "@/lib/actions/auth";
import { setNoticeEmailAction } from "@/lib/actions/notices";
import { requireUser } from "@/lib/auth/session";
import { getNoticeEmail } from "@/lib/data/signed-in";
import { mailConfigured } from "@/lib/mail/send";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("auth.accountTitle"), robots: { index: false } };
}

export default function AccountPage({ searchParams }: PageProps<"/account">) {
  const t = getT();
  return (
    <section className="account-page">
      <h1>{t("auth.accountTitle")}</h1>
      <AccountPanel searchParams={searchParams} />
    </section>
  );
}

// Reads the session cookie, so it renders per request
// (the account layout renders its pages whole, per request).
async function AccountPanel({ searchParams }: { searchParams: PageProps<"/account">["searchParams"] }) {
  const t = getT();
  const user = await requireUser("/account");
  const { notices } = await searchParams;
  const noticeEmail = mailConfigured() && (await getNoticeEmail(user.id));
  return (
    <>
      <p>{t("auth.signedInAs", { name: user.name, email: user.email })}</p>
      <p>{t("auth.role", { role: t(`auth.roles.${user.role}`) })}</p>
      <h2>{t("auth.changePasswordTitle")}</h2>
      <ChangePasswordForm />
      {mailConfigured() ? (
        <>
          <h2 id="notice-email">{t("notices.emailTitle")}</h2>
          <form action={setNoticeEmailAction} className="account-form">
            <p className="form-hint">{t("notices.emailHint")}</p>
            <label>
              <input type="checkbox" name="noticeEmail" defaultChecked={noticeEmail} /> {t("notices.emailOn")}
            </label>
            <button type="submit">{t("notices.emailSave")}</button>
            {notices === "saved" ? (
              <p role="status" className="form-message form-message-success">
                {t("notices.emailSaved")}
              </p>
            ) : null}
          </form>
        </>
      ) : null}
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
