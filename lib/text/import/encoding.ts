/**
 * Detection and decoding of uploaded TXT novels. Chinese web fiction circulates in UTF-8,
 * UTF-16 (Windows Notepad's "Unicode"), GBK/GB18030 and Big5; detection tries, in order:
 * a byte-order mark, UTF-16 by the pattern of its NUL bytes, strict UTF-8 validity, then
 * chardet's statistical guess restricted to the encodings we support.
 */
import chardet from "chardet";
import iconv from "iconv-lite";
import { ImportError, type BinaryFormat } from "./errors";

export const IMPORT_ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "gb18030", "big5"] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export type EncodingDetection = {
  encoding: ImportEncoding;
  /** 0–1; 1 for a byte-order mark or pure ASCII. */
  confidence: number;
  bom: boolean;
};

/** Bytes examined by the statistical and binary heuristics; tens of thousands of characters. */
const SAMPLE_BYTES = 64 * 1024;
/** chardet's share of it: its statistics settle within a few thousand characters, and it is slow. */
const CHARDET_SAMPLE_BYTES = 16 * 1024;
/** Above this share of plausible code units, bytes with NULs are taken for BOM-less UTF-16. */
const UTF16_PLAUSIBLE = 0.85;
/** Above this share of control bytes, a file without NULs is taken for binary. */
const CONTROL_RATIO = 0.05;
/** Above this share of U+FFFD after decoding, the encoding is wrong for the bytes. */
const REPLACEMENT_RATIO = 0.01;

export function isImportEncoding(value: string): value is ImportEncoding {
  return (IMPORT_ENCODINGS as readonly string[]).includes(value);
}

export function detectEncoding(bytes: Uint8Array): EncodingDetection {
  const bom = detectBom(bytes);
  if (bom) return { encoding: bom, confidence: 1, bom: true };

  const sample = bytes.subarray(0, SAMPLE_BYTES);
  if (sample.includes(0)) {
    const utf16 = sniffUtf16(sample);
    if (utf16) return { encoding: utf16.encoding, confidence: round(utf16.score), bom: false };
  }

  const utf8 = checkUtf8(bytes);
  if (utf8 === "ascii") return { encoding: "utf-8", confidence: 1, bom: false };
  if (utf8 === "valid") return { encoding: "utf-8", confidence: 0.99, bom: false };

  return guessLegacyEncoding(bytes);
}

/**
 * Decodes the whole file, dropping a BOM. NUL characters are dropped and unpaired surrogates
 * replaced, so the text can always be stored; throws DECODE_FAILED when the bytes are
 * evidently not in `encoding` (many undecodable sequences).
 */
export function decodeText(bytes: Uint8Array, encoding: ImportEncoding): string {
  let text: string;
  try {
    text = decodeNative(bytes, encoding) ?? iconv.decode(bytes, encoding, { stripBOM: true });
  } catch (error) {
    throw new ImportError("DECODE_FAILED", { encoding }, String(error), { cause: error });
  }
  if (!text.isWellFormed()) text = text.toWellFormed();
  if (text.includes("\0")) text = text.replaceAll("\0", "");

  const replaced = countOccurrences(text, "\uFFFD");
  if (replaced > Math.max(16, text.length * REPLACEMENT_RATIO)) {
    throw new ImportError("DECODE_FAILED", { encoding }, `${replaced} undecodable sequences in ${text.length} chars`);
  }
  return text;
}

/**
 * Node's own decoder (WHATWG encodings, native and about twice as fast as iconv-lite on GB18030),
 * or null on a Node built without full ICU, which only knows UTF-8 and UTF-16 LE.
 */
function decodeNative(bytes: Uint8Array, encoding: ImportEncoding): string | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    return null;
  }
  // TextDecoder drops a UTF-8 or UTF-16 BOM itself; GB18030's (84 31 95 33) decodes to U+FEFF.
  const text = decoder.decode(bytes);
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/** True when the bytes are evidently not a text file (a known binary signature, NULs, control bytes). */
export function isProbablyBinary(bytes: Uint8Array): boolean {
  return sniffBinaryFormat(bytes) !== null;
}

/** Throws NOT_TEXT, naming the format when its signature is known, if the bytes are not text. */
export function assertNotBinary(bytes: Uint8Array): void {
  const format = sniffBinaryFormat(bytes);
  if (format) throw new ImportError("NOT_TEXT", { format });
}

/** The binary format the bytes look like, or null when they look like text. */
export function sniffBinaryFormat(bytes: Uint8Array): BinaryFormat | null {
  const signature = matchSignature(bytes);
  if (signature) return signature;
  const bom = detectBom(bytes);
  if (bom === "utf-16le" || bom === "utf-16be") return null;

  const sample = bytes.subarray(0, SAMPLE_BYTES);
  if (sample.includes(0)) return sniffUtf16(sample) ? null : "other";

  let control = 0;
  for (const byte of sample) if (isControlByte(byte)) control++;
  return control > sample.length * CONTROL_RATIO ? "other" : null;
}

function detectBom(bytes: Uint8Array): ImportEncoding | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return "utf-8";
  // FF FE 00 00 would be UTF-32 LE, which no editor writes for novels; UTF-16 LE is what it almost always is.
  if (startsWith(bytes, [0xff, 0xfe])) return "utf-16le";
  if (startsWith(bytes, [0xfe, 0xff])) return "utf-16be";
  if (startsWith(bytes, [0x84, 0x31, 0x95, 0x33])) return "gb18030";
  return null;
}

/**
 * UTF-16 without a BOM: every line break (0A 00 / 00 0A) and ASCII character carries a NUL
 * byte, and the 16-bit units read in the right byte order are mostly CJK, punctuation or ASCII.
 */
function sniffUtf16(sample: Uint8Array): { encoding: "utf-16le" | "utf-16be"; score: number } | null {
  const le = plausibleUnitShare(sample, true);
  const be = plausibleUnitShare(sample, false);
  const best = le >= be ? { encoding: "utf-16le" as const, score: le } : { encoding: "utf-16be" as const, score: be };
  return best.score >= UTF16_PLAUSIBLE ? best : null;
}

function plausibleUnitShare(sample: Uint8Array, littleEndian: boolean): number {
  const units = sample.length >> 1;
  if (units === 0) return 0;
  let plausible = 0;
  for (let i = 0; i < units * 2; i += 2) {
    const a = sample[i] ?? 0;
    const b = sample[i + 1] ?? 0;
    if (isPlausibleUnit(littleEndian ? a | (b << 8) : (a << 8) | b)) plausible++;
  }
  return plausible / units;
}

function isPlausibleUnit(unit: number): boolean {
  return (
    unit === 0x09 ||
    unit === 0x0a ||
    unit === 0x0d ||
    (unit >= 0x20 && unit <= 0x7e) ||
    (unit >= 0xa0 && unit <= 0x24f) || // Latin-1 and Latin Extended
    (unit >= 0x2000 && unit <= 0x206f) || // general punctuation: — … “ ”
    (unit >= 0x3000 && unit <= 0x30ff) || // CJK punctuation, kana
    (unit >= 0x3400 && unit <= 0x4dbf) || // CJK extension A
    (unit >= 0x4e00 && unit <= 0x9fff) || // CJK unified ideographs
    (unit >= 0xff00 && unit <= 0xffef) // full-width forms
  );
}

/**
 * Strict UTF-8 check over the whole file, decoded in chunks so no second copy of a large file
 * is held. The decoded length equals the byte length exactly when every byte is ASCII.
 */
function checkUtf8(bytes: Uint8Array): "ascii" | "valid" | "invalid" {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const chunk = 1024 * 1024;
  let units = 0;
  try {
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      const end = Math.min(offset + chunk, bytes.length);
      units += decoder.decode(bytes.subarray(offset, end), { stream: end < bytes.length }).length;
    }
  } catch {
    // TypeError from a fatal decoder means "not UTF-8", which is the answer, not a failure.
    return "invalid";
  }
  return units === bytes.length ? "ascii" : "valid";
}

/**
 * GB18030 or Big5, by chardet's statistics, vetoed by decodability: Big5 bytes are nearly all
 * valid GBK, but GBK text read as Big5 hits undecodable sequences. Ties go to GB18030, by far
 * the more common encoding of Chinese TXT files.
 */
function guessLegacyEncoding(bytes: Uint8Array): EncodingDetection {
  let start = 0;
  while (start < bytes.length && (bytes[start] ?? 0) < 0x80) start++;
  const sample = bytes.subarray(start, start + SAMPLE_BYTES);

  const confidences = new Map<ImportEncoding, number>([
    ["gb18030", 0],
    ["big5", 0],
  ]);
  for (const match of chardet.analyse(sample.subarray(0, CHARDET_SAMPLE_BYTES))) {
    const encoding = mapChardetName(match.name);
    if (encoding && match.confidence > (confidences.get(encoding) ?? 0)) {
      confidences.set(encoding, match.confidence);
    }
  }

  const ranked = [...confidences].map(([encoding, confidence]) => ({
    encoding,
    confidence,
    invalid: countOccurrences(decodeNative(sample, encoding) ?? iconv.decode(sample, encoding), "\uFFFD"),
  }));
  ranked.sort((a, b) => a.invalid - b.invalid || b.confidence - a.confidence);
  const best = ranked[0] ?? { encoding: "gb18030" as const, confidence: 0 };
  return { encoding: best.encoding, confidence: round(Math.max(best.confidence, 10) / 100), bom: false };
}

/** chardet reports GB2312 and GBK text as GB18030, their superset; UTF-8 and UTF-16 were ruled out before. */
function mapChardetName(name: string): "gb18030" | "big5" | null {
  if (name === "GB18030") return "gb18030";
  if (name === "Big5") return "big5";
  return null;
}

function matchSignature(bytes: Uint8Array): BinaryFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWithText(bytes, "GIF87a") || startsWithText(bytes, "GIF89a")) return "gif";
  if (startsWithText(bytes, "RIFF") && startsWithText(bytes.subarray(8), "WEBP")) return "webp";
  if (startsWithText(bytes, "%PDF-")) return "pdf";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "doc";
  if (startsWithText(bytes, "Rar!\x1a\x07")) return "rar";
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return "7z";
  if (startsWith(bytes, [0x1f, 0x8b])) return "gzip";
  if (startsWithText(bytes, "PK\x03\x04") || startsWithText(bytes, "PK\x05\x06")) {
    // The first entries of an OOXML or EPUB container name what it is.
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
    if (head.includes("mimetypeapplication/epub+zip")) return "epub";
    if (head.includes("word/") || head.includes("[Content_Types].xml")) return "docx";
    return "zip";
  }
  return null;
}

function isControlByte(byte: number): boolean {
  // Tab, LF, VT, FF, CR and ESC occur in real text files; the rest do not.
  return (
    (byte < 0x20 &&
      byte !== 0x09 &&
      byte !== 0x0a &&
      byte !== 0x0b &&
      byte !== 0x0c &&
      byte !== 0x0d &&
      byte !== 0x1b) ||
    byte === 0x7f
  );
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

function startsWithText(bytes: Uint8Array, prefix: string): boolean {
  return startsWith(
    bytes,
    Array.from(prefix, (char) => char.charCodeAt(0)),
  );
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
