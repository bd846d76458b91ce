"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { requestPasswordResetAction } from "@/lib/actions/auth";
import { initialFormState } from "@/lib/actions/form-state";
import { FormField, FormMessage } from "./form-field";

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState(requestPasswordResetAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="account-form" noValidate>
      <FormMessage status={state.status} message={state.message} />
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
