// The process is shutting down (scripts/serve.ts got SIGTERM or SIGINT). The site's server raises
// it before it stops taking requests; long work in flight (a TXT import writing thousands of
// chapters) stops at its next safe point instead of being cut off when the process exits. On
// globalThis: the server loads this module through tsx and Next's bundles load their own copy.

const KEY = Symbol.for("shuhai.shutdown");

function controller(): AbortController {
  const g = globalThis as unknown as Record<symbol, AbortController | undefined>;
  return (g[KEY] ??= new AbortController());
}

/** Aborted once the process begins to shut down. */
export function shutdownSignal(): AbortSignal {
  return controller().signal;
}

export function beginShutdown(): void {
  controller().abort();
}
