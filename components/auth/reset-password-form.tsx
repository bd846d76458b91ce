"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { resetPasswordAction } from "@/lib/actions/auth";
import { initialFormState } from "@/lib/actions/form-state";
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from "@/lib/validation/auth-limits";
import { FormField, FormMessage } from "./form-field";

/** The new-password form of a reset link; `token` comes from the link and goes back hidden. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState(resetPasswordAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  // A link that stopped working is said once; the form then offers a new link instead.
  const spent = state.status === "error" && state.values?.token === "";
  return (
    <form action={action} className="account-form" noValidate>
      <FormMessage status={state.status} message={state.message} />
      {spent ? (
        <p>
          <Link href="/forgot-password">{t("resetAskAgain")}</Link>
        </p>
      ) : (
        <>
          <input type="hidden" name="token" value={token} />
          <FormField
            name="password"
            type="password"
            label={t("newPassword")}
            hint={t("passwordHint", { min: PASSWORD_MIN_CHARS, max: PASSWORD_MAX_CHARS })}
            autoComplete="new-password"
            required
            errors={errors.password}
          />
          <FormField
            name="passwordConfirm"
            type="password"
            label={t("newPasswordConfirm")}
            autoComplete="new-password"
            required
            errors={errors.passwordConfirm}
          />
          <FormMessage status="error" message={errors.form?.join(" ")} />
          <button type="submit" disabled={pending}>
            {pending ? t("submitting") : t("resetSubmit")}
          </button>
        </>
      )}
    </form>
  );
}
