import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo, type SharpOptions } from "sharp";
import { MAX_COVER_BYTES } from "@/lib/uploads/limits.mjs";
import { CoverError, coverTooLarge } from "./errors";
import { COVER_CONTENT_TYPE, COVER_SIZES, type CoverWidth } from "./sizes";

// Turns an uploaded file into the cover renditions the pages serve. Nothing about the upload is
// trusted: the type is sniffed from the bytes (never the file name or the browser's MIME type),
// the header is read before anything is decoded, and the image is decoded once, cropped to 3:4
// and re-encoded, so no metadata (EXIF, GPS, ICC, comments) and no foreign payload survives.

export { MAX_COVER_BYTES };
export const MAX_COVER_DIMENSION = 6000;
export const MIN_COVER_DIMENSION = 200;
const DECODE_TIMEOUT_SECONDS = 15;
const WEBP_QUALITY = 80;
// Transparent areas of a PNG/WebP/GIF cover become white rather than the page background.
const BACKGROUND = "#ffffff";

export type CoverSourceFormat = "jpeg" | "png" | "webp" | "gif" | "avif";

export interface CoverRendition {
  width: CoverWidth;
  height: number;
  contentType: typeof COVER_CONTENT_TYPE;
  bytes: Uint8Array<ArrayBuffer>;
  /** Hex SHA-256 of `bytes`. */
  sha256: string;
}

export interface ProcessedCover {
  /** 12 hex digits derived from every rendition's bytes: changes whenever any of them does. */
  version: string;
  renditions: CoverRendition[];
  source: { format: CoverSourceFormat; width: number; height: number };
}

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

/** The image type the bytes really are, from their magic numbers; null for anything else. */
export function sniffImageType(bytes: Uint8Array): CoverSourceFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return "gif";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  // ISO BMFF: a leading `ftyp` box whose major or a compatible brand is AVIF.
  if (bytes.length >= 16 && ascii(bytes, 4, 8) === "ftyp") {
    const boxSize = Math.min(new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0), bytes.length);
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
    if (brands.some((b) => b === "avif" || b === "avis")) return "avif";
  }
  return null;
}

// How libvips names each sniffed type in its metadata (AVIF is read through libheif).
const SHARP_FORMAT: Record<CoverSourceFormat, string> = {
  jpeg: "jpeg",
  png: "png",
  webp: "webp",
  gif: "gif",
  avif: "heif",
};

const INPUT_OPTIONS: SharpOptions = {
  // Refuse to decode anything bigger than the dimension cap allows (a "pixel bomb").
  limitInputPixels: MAX_COVER_DIMENSION * MAX_COVER_DIMENSION,
  // A truncated or damaged file is refused rather than rendered half grey.
  failOn: "warning",
  // Animated GIF/WebP: the first frame.
  pages: 1,
};

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Validates an uploaded cover and renders it as WebP at every width in COVER_SIZES.
 * Throws CoverError (NOT_AN_IMAGE, TOO_LARGE, DIMENSIONS_TOO_LARGE, TOO_SMALL, UNREADABLE).
 */
export async function processCover(upload: Uint8Array): Promise<ProcessedCover> {
  if (upload.length > MAX_COVER_BYTES) throw coverTooLarge(upload.length);
  const format = sniffImageType(upload);
  if (!format) throw new CoverError("NOT_AN_IMAGE");
  const input = Buffer.from(upload.buffer, upload.byteOffset, upload.byteLength);

  let metadata: Metadata;
  try {
    // Header only: nothing is decoded yet, so the pixel limit is checked below with a clear code.
    metadata = await sharp(input, { ...INPUT_OPTIONS, limitInputPixels: false }).metadata();
  } catch (error) {
    throw new CoverError("UNREADABLE", "header", { cause: error });
  }
  if (metadata.format !== SHARP_FORMAT[format] || (format === "avif" && metadata.compression !== "av1")) {
    throw new CoverError("NOT_AN_IMAGE", `sniffed ${format}, decoder says ${metadata.format}`);
  }
  const { width, height } = metadata.autoOrient;
  if (width > MAX_COVER_DIMENSION || height > MAX_COVER_DIMENSION) {
    throw new CoverError("DIMENSIONS_TOO_LARGE", `${width}×${height}`);
  }
  if (width < MIN_COVER_DIMENSION || height < MIN_COVER_DIMENSION) {
    throw new CoverError("TOO_SMALL", `${width}×${height}`);
  }

  // Decode once into the largest rendition's pixels; the smaller ones are resized from those.
  const largest = COVER_SIZES.reduce((a, b) => (b.width > a.width ? b : a));
  let master: { data: Buffer; info: OutputInfo };
  try {
    master = await sharp(input, INPUT_OPTIONS)
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .autoOrient()
      .flatten({ background: BACKGROUND })
      .resize(largest.width, largest.height, { fit: "cover", position: "centre" })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new CoverError("UNREADABLE", "decode", { cause: error });
  }

  const raw = { width: master.info.width, height: master.info.height, channels: master.info.channels };
  const renditions = await Promise.all(
    COVER_SIZES.map(async ({ width: w, height: h }): Promise<CoverRendition> => {
      const out = await sharp(master.data, { raw })
        .resize(w, h, { fit: "cover" })
        .webp({ quality: WEBP_QUALITY, effort: 4 })
        .toBuffer();
      const bytes = new Uint8Array(out.byteLength);
      bytes.set(out);
      return { width: w, height: h, contentType: COVER_CONTENT_TYPE, bytes, sha256: sha256(bytes) };
    }),
  );
  const version = sha256(Buffer.from(renditions.map((r) => r.sha256).join(":"))).slice(0, 12);
  return { version, renditions, source: { format, width, height } };
}
