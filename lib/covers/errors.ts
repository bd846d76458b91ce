import { MAX_COVER_BYTES, limitMegabytes, megabytes } from "@/lib/uploads/limits.mjs";

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
  /** The values the message names (TOO_LARGE: the file's size and the limit). */
  readonly params: Record<string, string | number>;

  constructor(
    code: CoverErrorCode,
    detail?: string,
    options?: { cause?: unknown; params?: Record<string, string | number> },
  ) {
    super(detail ? `${code}: ${detail}` : code, options);
    this.name = "CoverError";
    this.code = code;
    this.messageKey = `covers.errors.${code}`;
    this.params = options?.params ?? {};
  }
}

/** TOO_LARGE for an upload of `bytes`, naming its size and the limit. */
export function coverTooLarge(bytes: number): CoverError {
  return new CoverError("TOO_LARGE", `${bytes} bytes`, {
    params: { sizeMb: megabytes(bytes), maxMb: limitMegabytes(MAX_COVER_BYTES) },
  });
}

export function isCoverError(error: unknown): error is CoverError {
  return error instanceof CoverError;
}
