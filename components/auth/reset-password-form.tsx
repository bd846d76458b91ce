"use client";

import Link from "@/components/ui/link";
import { useTranslations } from "@/components/i18n/client-messages";
import { useActionState } from "react";
import { resetPasswordAction } from "@/lib/actions/auth";
import { initialFormState } from "@/lib/actions/form-state";
import { FormMessage } from "./form-field";
import { NewPasswordFields } from "./new-password-fields";

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
          <NewPasswordFields
            name="password"
            confirmName="passwordConfirm"
            label={t("newPassword")}
            confirmLabel={t("newPasswordConfirm")}
            errors={errors}
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
