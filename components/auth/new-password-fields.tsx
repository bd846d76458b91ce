"use client";

import { useTranslations } from "@/components/i18n/client-messages";
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from "@/lib/validation/auth-limits";
import { FormField } from "./form-field";

/** A new password and its confirmation, as registration, the password change and a reset ask for them. */
export function NewPasswordFields({
  name,
  confirmName,
  label,
  confirmLabel,
  errors,
}: {
  name: string;
  confirmName: string;
  label: string;
  confirmLabel: string;
  errors: Record<string, string[]>;
}) {
  const t = useTranslations("auth");
  return (
    <>
      <FormField
        name={name}
        type="password"
        label={label}
        hint={t("passwordHint", { min: PASSWORD_MIN_CHARS, max: PASSWORD_MAX_CHARS })}
        autoComplete="new-password"
        required
        errors={errors[name]}
      />
      <FormField
        name={confirmName}
        type="password"
        label={confirmLabel}
        autoComplete="new-password"
        required
        errors={errors[confirmName]}
      />
    </>
  );
}
