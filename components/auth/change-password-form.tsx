"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { useActionState } from "react";
import { changePasswordAction } from "@/lib/actions/auth";
import { initialFormState } from "@/lib/actions/form-state";
import { FormField, FormMessage } from "./form-field";
import { NewPasswordFields } from "./new-password-fields";

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
      <NewPasswordFields
        name="newPassword"
        confirmName="newPasswordConfirm"
        label={t("newPassword")}
        confirmLabel={t("newPasswordConfirm")}
        errors={errors}
      />
      <FormMessage status="error" message={errors.form?.join(" ")} />
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("changePasswordSubmit")}
      </button>
    </form>
  );
}
