/**
 * Errors a TXT import reports to the author. Each carries a stable `code` for callers, and a
 * `messageKey` with `params` into the `import.errors` namespace of messages/*.json, so the UI
 * shows a translated explanation instead of a stack trace.
 */

import { MAX_IMPORT_BYTES, limitMegabytes, megabytes } from "@/lib/uploads/limits.mjs";

/** The largest upload accepted (lib/uploads/limits.mjs). */
export { MAX_IMPORT_BYTES };

export const IMPORT_ERROR_CODES = [
  "EMPTY_FILE",
  "NOT_TEXT",
  "NO_HEADINGS",
  "TOO_LARGE",
  "BAD_PATTERN",
  "DECODE_FAILED",
] as const;

export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** Key of each code's message, relative to the root of the message catalogs. */
export const IMPORT_ERROR_MESSAGE_KEYS = {
  EMPTY_FILE: "import.errors.emptyFile",
  NOT_TEXT: "import.errors.notText",
  NO_HEADINGS: "import.errors.noHeadings",
  TOO_LARGE: "import.errors.tooLarge",
  BAD_PATTERN: "import.errors.badPattern",
  DECODE_FAILED: "import.errors.decodeFailed",
} as const satisfies Record<ImportErrorCode, `import.errors.${string}`>;

/** What a binary upload looks like, when its signature is known ("other" otherwise). */
export type BinaryFormat =
  "png" | "jpeg" | "gif" | "webp" | "pdf" | "docx" | "epub" | "zip" | "doc" | "rar" | "7z" | "gzip" | "other";

/** Why a custom heading pattern was refused. */
export type BadPatternReason = "tooLong" | "invalid" | "matchesEmpty" | "unsafe" | "tooSlow";

type ParamsOf = {
  EMPTY_FILE: Record<string, never>;
  NOT_TEXT: { format: BinaryFormat };
  NO_HEADINGS: Record<string, never>;
  TOO_LARGE: { sizeMb: string; maxMb: number };
  BAD_PATTERN: { reason: BadPatternReason };
  DECODE_FAILED: { encoding: string };
};

export class ImportError<C extends ImportErrorCode = ImportErrorCode> extends Error {
  override name = "ImportError";
  readonly code: C;
  readonly messageKey: (typeof IMPORT_ERROR_MESSAGE_KEYS)[C];
  readonly params: ParamsOf[C];

  /** `detail` is for logs only (English, may quote the cause); authors see `messageKey`. */
  constructor(code: C, params: ParamsOf[C], detail?: string, options?: { cause?: unknown }) {
    super(`${code}${detail ? `: ${detail}` : ""}`, options);
    this.code = code;
    this.messageKey = IMPORT_ERROR_MESSAGE_KEYS[code];
    this.params = params;
  }
}

export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError;
}

/** Throws TOO_LARGE or EMPTY_FILE before any work is spent on the bytes. */
export function assertImportSize(bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new ImportError("TOO_LARGE", {
      sizeMb: megabytes(bytes.byteLength),
      maxMb: limitMegabytes(MAX_IMPORT_BYTES),
    });
  }
  if (bytes.byteLength === 0) throw new ImportError("EMPTY_FILE", {});
}
