// Why a cover was refused. Each code has a message under `covers.errors` in messages/*.json.
export const COVER_ERROR_CODES = [
  "NOT_AN_IMAGE",
  "TOO_LARGE",
  "DIMENSIONS_TOO_LARGE",
  "TOO_SMALL",
  "UNREADABLE",
  "NOT_FOUND",
] as const;

export type CoverErrorCode = (typeof COVER_ERROR_CODES)[number];

export class CoverError extends Error {
  readonly code: CoverErrorCode;
  /** Key of the user-facing message, e.g. `covers.errors.TOO_LARGE`. */
  readonly messageKey: `covers.errors.${CoverErrorCode}`;

  constructor(code: CoverErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${code}: ${detail}` : code, options);
    this.name = "CoverError";
    this.code = code;
    this.messageKey = `covers.errors.${code}`;
  }
}

export function isCoverError(error: unknown): error is CoverError {
  return error instanceof CoverError;
}
