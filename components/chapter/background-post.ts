"use client";

/**
 * POSTs a small JSON body that no one waits for: with `beacon`, through navigator.sendBeacon
 * (survives the page being closed; sent as text/plain, which the routes accept), otherwise, or
 * when the beacon is refused, through a keepalive fetch. A failure is dropped: callers send
 * nothing a reader would miss (a read count, a position the browser also keeps).
 */
export function postInBackground(url: string, body: unknown, opts: { beacon: boolean }): void {
  const text = JSON.stringify(body);
  if (opts.beacon && navigator.sendBeacon?.(url, new Blob([text], { type: "text/plain" }))) return;
  fetch(url, { method: "POST", body: text, keepalive: true, headers: { "Content-Type": "application/json" } }).catch(
    () => {},
  );
}
