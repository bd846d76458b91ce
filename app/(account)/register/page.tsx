import type { Metadata } from "next";
import { RegisterForm } from "@/components/auth/register-form";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("auth.registerTitle"), robots: { index: false } };
}

export default function RegisterPage() {
  return (
    <section className="account-page">
      <h1>{getT()("auth.registerTitle")}</h1>
      <RegisterForm />
    </section>
  );
}
