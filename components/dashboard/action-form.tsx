"use client";

import { useActionState, type FormEvent, type ReactNode } from "react";
import { FormMessage } from "@/components/auth/form-field";
import { initialFormState, type FormState } from "@/lib/actions/form-state";

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  children: ReactNode;
  id?: string;
  className?: string;
  /** Where the result message goes: before the controls (default) or after them. */
  messageAfter?: boolean;
  /** Runs before the action; calling `event.preventDefault()` keeps the form from being sent. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
};

/**
 * A form posting a dashboard server action. It works without JavaScript (progressive
 * enhancement of useActionState); the result, and any field error, is announced next to it.
 */
export function ActionForm({ action, children, id, className, messageAfter, onSubmit }: Props) {
  const [state, formAction] = useActionState(action, initialFormState);
  const fieldErrors = Object.values(state.fieldErrors ?? {}).flat();
  const message = (
    <>
      <FormMessage status={state.status} message={state.message} />
      {fieldErrors.length > 0 ? <FormMessage status="error" message={fieldErrors.join(" ")} /> : null}
    </>
  );
  return (
    <form action={formAction} onSubmit={onSubmit} id={id} className={className}>
      {messageAfter ? null : message}
      {children}
      {messageAfter ? message : null}
    </form>
  );
}
