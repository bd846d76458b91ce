// The plain-text answer the site's server gives a request larger than it takes (413), and how
// the forms read it back. Next's client turns a server action's failed fetch into an Error whose
// message is the response body, when the status is 4xx/5xx and the Content-Type exactly
// `text/plain`; the upload forms recognise this text and show their own size message instead of
// the error page. The format is the contract between lib/server/body-limit.ts and
// components/dashboard/upload-refused-boundary.tsx.

const PREFIX = "413 Payload Too Large:";

/** The 413 text for a request of `bytes` (at least that many, for one sent in chunks) over `limit`. */
export function tooLargeText(bytes: number, limit: number, atLeast = false): string {
  return `${PREFIX} the request is ${atLeast ? "over " : ""}${bytes} bytes; the limit here is ${limit} bytes.\n`;
}

/** The request size a 413 text names, or null for any other message. */
export function bytesOfTooLarge(message: unknown): number | null {
  if (typeof message !== "string" || !message.startsWith(PREFIX)) return null;
  const match = /the request is (?:over )?(\d+) bytes/.exec(message);
  return match ? Number(match[1]) : null;
}
