"use client";

import Link from "@/components/ui/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "@/components/i18n/client-messages";
import { useActionState } from "react";
import { requestPasswordResetAction } from "@/lib/actions/auth";
import { initialFormState } from "@/lib/actions/form-state";
import { FormField, FormMessage } from "./form-field";

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState(requestPasswordResetAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  // A form posted without JavaScript comes back as /forgot-password?sent=1.
  const sent = useSearchParams().get("sent") === "1" && state.status === "idle";
  return (
    <form action={action} className="account-form" noValidate>
      <FormMessage status={state.status} message={state.message} />
      {sent ? <FormMessage status="success" message={t("forgotSent")} /> : null}
      <p>{t("forgotIntro")}</p>
      <FormField
        name="email"
        type="email"
        label={t("email")}
        autoComplete="username"
        required
        defaultValue={state.values?.email}
        errors={errors.email}
      />
      <FormMessage status="error" message={errors.form?.join(" ")} />
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("forgotSubmit")}
      </button>
      <p>
        <Link href="/login">{t("signIn")}</Link>
      </p>
    </form>
  );
}
