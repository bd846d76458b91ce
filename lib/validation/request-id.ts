// The idempotency key of a create (lib/validation/create-request.ts), in a module of its own so the
// reading page's script can make one without bundling zod.

/**
 * A random (version 4) UUID. Built on getRandomValues, not crypto.randomUUID, because browsers
 * expose randomUUID only on secure origins and a self-hosted site may be served over plain HTTP.
 */
export function newRequestId(): string {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
