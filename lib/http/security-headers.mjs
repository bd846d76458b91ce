import { createHash } from "node:crypto";

// Sent with every response, by Next (next.config.mjs `headers()`) and by the reading pages, which
// Next does not render (lib/reader). Public pages are static and shared by every visitor, so their
// policy cannot carry a per-request nonce; it still forbids framing, plugins and foreign forms.
// The dashboard, admin and account pages add a nonce policy of their own (proxy.ts).
//
// No script-src on the public pages Next renders and sends as rendered (lists, rankings, search):
// besides its own files, the App Router writes the page's RSC payload into the HTML as inline
// scripts, `self.__next_f.push(…)`, one per streamed chunk (next/dist/server/app-render/
// use-flight-response.js), and React adds inline scripts that reveal streamed parts. Their text is
// the page's data, different on every page and after every publish, so no hash fixed when the
// server starts can allow them, and a nonce would make every cached copy of a page differ. The
// only ways to allow them are 'unsafe-inline', which forbids nothing that matters, or a policy
// computed per cached page. The reading pages are entirely the site's own HTML, and home, book
// pages and contents reach browsers without Next's scripts (lib/server/lean-document.ts): their
// policy allows this site's files and the hashes of the inline scripts they carry, and nothing
// else (`securityHeadersWithScripts`).
const BASE_POLICY = ["frame-ancestors 'self'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"];

const headersWithPolicy = (policy) => [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "SAMEORIGIN" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
  { key: "Content-Security-Policy", value: policy.join("; ") },
];

export const SECURITY_HEADERS = headersWithPolicy(BASE_POLICY);

/** The CSP source that allows one inline script: the SHA-256 of its exact text, as the page carries it. */
export function scriptHashSource(source) {
  return `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
}

/**
 * The security headers of a page whose scripts are all known: files from this origin and the
 * given inline scripts (their text exactly as rendered). Nothing else runs: no other inline
 * script, no inline event handler, no eval, no script from elsewhere.
 */
export function securityHeadersWithScripts(inlineScripts) {
  const sources = ["'self'", ...new Set(inlineScripts.map(scriptHashSource))];
  return headersWithPolicy([`script-src ${sources.join(" ")}`, ...BASE_POLICY]);
}
