import type { ReactNode } from "react";

/**
 * A destructive action behind a disclosure: `label` only opens it; inside, `question` explains
 * what will happen next to the real submit button (`children`). Plain <details>, so it needs no
 * JavaScript and is reachable and operable by keyboard (Enter or Space on the summary).
 */
export function ConfirmAction({
  label,
  name,
  question,
  children,
}: {
  label: string;
  /** Accessible name of the summary when `label` alone is ambiguous (e.g. in a table row). */
  name?: string;
  question: string;
  children: ReactNode;
}) {
  return (
    <details className="confirm-action">
      <summary aria-label={name}>{label}</summary>
      <div className="confirm-action-body">
        <p>{question}</p>
        {children}
      </div>
    </details>
  );
}
