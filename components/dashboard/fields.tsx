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

/**
 * A select whose default choice follows `defaultValue`. React applies a select's defaultValue
 * only when it mounts, and React 19 resets a form to those defaults after its action: the form
 * would show the first value again after a save (and send it with the next one). Keyed on its
 * default, the select mounts afresh when the saved value (refreshed after a save, or echoed
 * back after an error) changes, so the reset shows what was saved.
 */
export function Select({ defaultValue, ...rest }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select key={String(defaultValue ?? "")} defaultValue={defaultValue} {...rest} />;
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
      <Select
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        {...rest}
      >
        {children}
      </Select>
      <HintAndErrors id={id} hint={hint} errors={errors} />
    </div>
  );
}
