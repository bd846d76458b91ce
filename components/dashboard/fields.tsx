import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { describedBy, HintAndErrors } from "@/components/ui/field-parts";

type Common = { name: string; label: string; hint?: ReactNode; errors?: string[] };

/** A labelled textarea with its hint and errors, as FormField is for inputs. */
export function TextAreaField({
  name,
  label,
  hint,
  errors,
  ...rest
}: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id">) {
  const id = `field-${name}`;
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        {...rest}
      />
      <HintAndErrors id={id} hint={hint} errors={errors} />
    </div>
  );
}

/** A labelled select with its hint and errors. */
export function SelectField({
  name,
  label,
  hint,
  errors,
  children,
  ...rest
}: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id">) {
  const id = `field-${name}`;
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        {...rest}
      >
        {children}
      </select>
      <HintAndErrors id={id} hint={hint} errors={errors} />
    </div>
  );
}
