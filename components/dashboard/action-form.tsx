"use client";

import { useActionState, type FormEvent, type ReactNode } from "react";
import { FormMessage } from "@/components/auth/form-field";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { RequestIdField, useRequestId } from "./request-id";

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  children: ReactNode;
  id?: string;
  className?: string;
  /** Where the result message goes: before the controls (default) or after them. */
  messageAfter?: boolean;
  /** For a form that creates a record: its idempotency key, made by the page per request (see request-id.tsx). */
  requestId?: string;
  /** Runs before the action; calling `event.preventDefault()` keeps the form from being sent. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
};

/**
 * A form posting a dashboard server action. It works without JavaScript (progressive
 * enhancement of useActionState); the result, and any field error, is announced next to it.
 */
export function ActionForm({ action, children, id, className, messageAfter, requestId, onSubmit }: Props) {
  const [state, formAction] = useActionState(action, initialFormState);
  const key = useRequestId(requestId ?? "", state);
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
      {requestId ? <RequestIdField value={key} /> : null}
      {children}
      {messageAfter ? message : null}
    </form>
  );
}
