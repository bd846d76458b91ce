/**
 * A value loaded once and kept for `maxAgeMs`; after that the old value is still returned while
 * a fresh one loads in the background (one load at a time). `invalidate()` drops it, so the next
 * read waits for a fresh one. A failed background load keeps the old value and is reported to
 * `onError`; a read with no value to fall back on rejects.
 */
export function refreshing<T>(
  load: () => Promise<T>,
  maxAgeMs: number,
  opts: { onError: (error: unknown) => void; now?: () => number },
) {
  const now = opts.now ?? Date.now;
  let value: { data: T; at: number } | undefined;
  let loading: Promise<T> | undefined;
  let generation = 0;

  function start(): Promise<T> {
    if (loading) return loading;
    const started = generation;
    const at = now();
    loading = load().then(
      (data) => {
        if (started === generation) value = { data, at };
        loading = undefined;
        return data;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  }

  return {
    async get(): Promise<T> {
      if (!value) return start();
      if (now() - value.at > maxAgeMs) start().catch(opts.onError);
      return value.data;
    },
    invalidate(): void {
      generation++;
      value = undefined;
      loading = undefined;
    },
  };
}
