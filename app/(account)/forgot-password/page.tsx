import type { Metadata } from "next";
import { Suspense } from "react";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("auth.forgotTitle"), robots: { index: false } };
}

export default function ForgotPasswordPage() {
  return (
    <section className="account-page">
      <h1>{getT()("auth.forgotTitle")}</h1>
      <Suspense>
        <ForgotPasswordForm />
      </Suspense>
    </section>
  );
}
