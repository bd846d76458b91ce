"use client";

import Link from "@/components/ui/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "@/components/i18n/client-messages";
import { useActionState } from "react";
import { registerAction } from "@/lib/actions/auth";
import { initialFormState } from "@/lib/actions/form-state";
import { NAME_MAX_CHARS } from "@/lib/validation/auth-limits";
import { FormField, FormMessage } from "./form-field";
import { NewPasswordFields } from "./new-password-fields";

const LIMITS = { nameMax: NAME_MAX_CHARS };

export function RegisterForm() {
  const t = useTranslations("auth");
  const next = useSearchParams().get("next") ?? "";
  const [state, action, pending] = useActionState(registerAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="account-form" noValidate>
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="next" value={state.values?.next ?? next} />
      <FormField
        name="email"
        type="email"
        label={t("email")}
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={errors.email}
      />
      <FormField
        name="name"
        label={t("name")}
        hint={t("nameHint", LIMITS)}
        autoComplete="nickname"
        required
        defaultValue={state.values?.name}
        errors={errors.name}
      />
      <NewPasswordFields
        name="password"
        confirmName="passwordConfirm"
        label={t("password")}
        confirmLabel={t("passwordConfirm")}
        errors={errors}
      />
      <FormMessage status="error" message={errors.form?.join(" ")} />
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("registerSubmit")}
      </button>
      <p>
        {t("haveAccount")} <Link href={next ? `/login?next=${encodeURIComponent(next)}` : "/login"}>{t("signIn")}</Link>
      </p>
    </form>
  );
}
