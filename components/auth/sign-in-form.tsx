"use client";

import Link from "@/components/ui/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "@/components/i18n/client-messages";
import { useActionState } from "react";
import { signInAction } from "@/lib/actions/auth";
import { initialFormState } from "@/lib/actions/form-state";
import { FormField, FormMessage } from "./form-field";

export function SignInForm() {
  const t = useTranslations("auth");
  const params = useSearchParams();
  const next = params.get("next") ?? "";
  const reset = params.get("reset") === "1";
  const [state, action, pending] = useActionState(signInAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="account-form" noValidate>
      <FormMessage status={state.status} message={state.message} />
      {reset && state.status === "idle" ? <FormMessage status="success" message={t("passwordResetDone")} /> : null}
      <input type="hidden" name="next" value={state.values?.next ?? next} />
      <FormField
        name="email"
        type="email"
        label={t("email")}
        autoComplete="username"
        required
        defaultValue={state.values?.email}
        errors={errors.email}
      />
      <FormField
        name="password"
        type="password"
        label={t("password")}
        autoComplete="current-password"
        required
        errors={errors.password}
      />
      <FormMessage status="error" message={errors.form?.join(" ")} />
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("signInSubmit")}
      </button>
      <p>
        <Link href="/forgot-password">{t("forgotPassword")}</Link>
      </p>
      <p>
        {t("noAccount")}{" "}
        <Link href={next ? `/register?next=${encodeURIComponent(next)}` : "/register"}>{t("register")}</Link>
      </p>
    </form>
  );
}
