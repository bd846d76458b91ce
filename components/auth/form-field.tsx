import type { InputHTMLAttributes } from "react";
import { describedBy, HintAndErrors } from "@/components/ui/field-parts";

type Props = {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

/** A labelled input with its hint and its errors right below it, tied together for screen readers. */
export function FormField({ name, label, hint, errors, ...input }: Props) {
  const id = `field-${name}`;
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        {...input}
      />
      <HintAndErrors id={id} hint={hint} errors={errors} />
    </div>
  );
}

/** The form-level message: an alert for errors, a status for success. */
export function FormMessage({ status, message }: { status: string; message?: string }) {
  if (!message) return null;
  return status === "error" ? (
    <p role="alert" className="form-message form-message-error">
      {message}
    </p>
  ) : (
    <p role="status" className="form-message form-message-success">
      {message}
    </p>
  );
}
