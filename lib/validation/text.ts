import { z } from "zod";
import { describeInvalidCharacter, findInvalidCharacter, hasVisibleText } from "@/lib/text/normalize";

// A field of text a user types (a title, a chapter, a comment), the one way every domain checks
// it: refused with its position when it holds NUL or a broken character, normalised, then held to
// its caps in characters and in UTF-8 bytes. Messages are the domain's keys (`key("tooLong")`).

/** UTF-8 bytes of a string, without encoding it. */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export interface TextOptions {
  /** The domain's message key of a reason: `authoring.errors.<reason>`. */
  key: (reason: string) => string;
  normalize: (s: string) => string;
  /** Characters (UTF-16 units) after normalising. */
  max: number;
  /** UTF-8 bytes after normalising (4 × max when not given). */
  maxBytes?: number;
  /** Must show something: not only spaces, joiners or blank letters. */
  required?: boolean;
}

/**
 * A user-typed string: NUL and lone surrogates are refused (with their position), then the
 * text is normalised and checked against its character and byte caps. A raw length far beyond
 * the cap is refused before any normalisation work is done on it. A file where text is expected
 * is read as no text.
 */
export function textField(opts: TextOptions) {
  const { key } = opts;
  const maxBytes = opts.maxBytes ?? opts.max * 4;
  return z
    .preprocess((v) => (v instanceof File ? "" : v), z.string({ error: key("invalid") }))
    .refine((s) => s.length <= opts.max * 4 + 1000, { error: key("tooLong"), params: { max: opts.max }, abort: true })
    .superRefine((s, ctx) => {
      const found = findInvalidCharacter(s);
      if (found) {
        ctx.addIssue({
          code: "custom",
          // describeInvalidCharacter is the English fallback; the key's message is localised.
          message: found.kind === "nul" ? key("nulCharacter") : key("loneSurrogate"),
          params: { position: found.index + 1, description: describeInvalidCharacter(found) },
          abort: true,
        });
      }
    })
    .transform(opts.normalize)
    .pipe(
      z
        .string()
        .refine((s) => !opts.required || hasVisibleText(s), { error: key("required"), abort: true })
        // Past the character cap, the byte cap would only repeat the same complaint.
        .max(opts.max, { error: key("tooLong"), abort: true })
        .refine((s) => utf8Length(s) <= maxBytes, { error: key("tooManyBytes"), params: { max: maxBytes } }),
    );
}
