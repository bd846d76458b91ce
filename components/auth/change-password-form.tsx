"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changePasswordAction } from "@/lib/actions/auth";
import { initialFormState } from "@/lib/actions/form-state";
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from "@/lib/validation/auth";
import { FormField, FormMessage } from "./form-field";

export function ChangePasswordForm() {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState(changePasswordAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="account-form" noValidate>
      <FormMessage status={state.status} message={state.message} />
      <FormField
        name="currentPassword"
        type="password"
        label={t("currentPassword")}
        autoComplete="current-password"
        required
        errors={errors.currentPassword}
      />
      <FormField
        name="newPassword"
        type="password"
        label={t("newPassword")}
        hint={t("passwordHint", { min: PASSWORD_MIN_CHARS, max: PASSWORD_MAX_CHARS })}
        autoComplete="new-password"
        required
        errors={errors.newPassword}
      />
      <FormField
        name="newPasswordConfirm"
        type="password"
        label={t("newPasswordConfirm")}
        autoComplete="new-password"
        required
        errors={errors.newPasswordConfirm}
      />
      <FormMessage status="error" message={errors.form?.join(" ")} />
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("changePasswordSubmit")}
      </button>
    </form>
  );
}
