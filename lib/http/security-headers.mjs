// Sent with every response, by Next (next.config.mjs `headers()`) and by the reading pages, which
// Next does not render (lib/reader). Public pages are static and shared by every visitor, so their
// policy cannot carry a per-request nonce; it still forbids framing, plugins and foreign forms.
// The dashboard, admin and account pages add a nonce policy of their own (proxy.ts).
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "SAMEORIGIN" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
  {
    key: "Content-Security-Policy",
    value: "frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'",
  },
];
