import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("auth.signInTitle"), robots: { index: false } };
}

// Static page: the form is a client component, the session cookie is set by its server action.
export default function LoginPage() {
  return (
    <section className="account-page">
      <h1>{getT()("auth.signInTitle")}</h1>
      <SignInForm />
    </section>
  );
}
