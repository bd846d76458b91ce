// Text as the downloads write it. XML 1.0 cannot hold every character a string can (NUL and the
// other C0 controls but tab and newline, lone surrogates, U+FFFE and U+FFFF): they are dropped,
// in the TXT file too, so both formats say the same. Everything else is kept as written (a bidi
// control inside a paragraph of Arabic is the author's), and escaped for XML where it goes there.

// Every code point XML 1.0 forbids (Char production), lone surrogates included.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text without characters XML 1.0 forbids. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, "");
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text for an XML element or attribute value: forbidden characters dropped, markup escaped. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A chapter body's paragraphs: one per line, blank lines and surrounding blanks left out. */
export function paragraphsOf(body: string): string[] {
  return xmlSafe(body)
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}
