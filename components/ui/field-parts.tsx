import type { ReactNode } from "react";

// The hint and error lines under a form control, and the aria-describedby that ties them to it.
export function describedBy(id: string, hint: unknown, errors?: string[]): string | undefined {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function HintAndErrors({ id, hint, errors }: { id: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="form-hint">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="form-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}
