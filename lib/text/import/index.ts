/** TXT import: the public API the data layer and the upload UI call. */
export {
  IMPORT_ERROR_CODES,
  IMPORT_ERROR_MESSAGE_KEYS,
  ImportError,
  MAX_IMPORT_BYTES,
  assertImportSize,
  isImportError,
  type BadPatternReason,
  type BinaryFormat,
  type ImportErrorCode,
} from "./errors";
export {
  IMPORT_ENCODINGS,
  assertNotBinary,
  decodeText,
  detectEncoding,
  isImportEncoding,
  isProbablyBinary,
  sniffBinaryFormat,
  type EncodingDetection,
  type ImportEncoding,
} from "./encoding";
export {
  MAX_CUSTOM_HEADING_LENGTH,
  MAX_CUSTOM_PATTERN_LENGTH,
  MAX_HEADING_LENGTH,
  compileHeadingPattern,
  parseHeading,
  type Heading,
  type HeadingPattern,
  type SpecialHeading,
} from "./headings";
export { parseChineseNumber, parseHeadingNumber, parseRomanNumber } from "./numerals";
export {
  CUSTOM_PATTERN_BUDGET_MS,
  DEFAULT_PROLOGUE_TITLE,
  splitNovel,
  type ImportedChapter,
  type ImportedVolume,
  type SplitNovel,
  type SplitOptions,
} from "./split";
export {
  SUSPICIOUS_MESSAGE_KEYS,
  findSuspiciousHeadings,
  importFingerprint,
  parseImport,
  previewImport,
  summarizeImport,
  type ImportOptions,
  type ImportPreview,
  type ParsedImport,
  type SuspiciousHeading,
} from "./preview";
