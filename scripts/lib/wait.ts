/**
 * Resolves once `url` answers 2xx; rejects after `timeoutMs`, or as soon as `gaveUp()` says the
 * server will not come (its process exited).
 */
export async function waitForUrl(
  url: string,
  opts: { timeoutMs?: number; gaveUp?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  while (
    !(await fetch(url).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (opts.gaveUp?.() || Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
