import type { ServerResponse } from "node:http";

// Next answers a page whose render failed with a 500 and an error document that needs JavaScript
// to show anything. When the failure is the database being away, that is the wrong answer: the
// page will work again by itself, so readers, crawlers and load balancers should be told 503 with
// Retry-After, and shown a page they can read. Which it is needs a probe of the database: a 5xx
// from Next is held back (head and body) until the probe answers, then either replaced by the
// "unavailable" page or let through unchanged. Other answers pass straight through.
//
// Next wraps write/end/writeHead again (its compression) after this: what arrives here is what
// goes on the wire, so it is replayed, or replaced, below those wrappers.

type Held = { head: unknown[]; chunks: unknown[][]; ended: boolean };

export type UnavailableAnswer = { headers: Record<string, string>; body: Buffer };

const isServerError = (status: number) => status >= 500 && status !== 503;

/** Makes `res` send `unavailable` (a 503) instead of a 5xx when `databaseIsDown()` says so. */
export function replaceServerErrorWhenDatabaseIsDown(
  res: ServerResponse,
  databaseIsDown: () => Promise<boolean>,
  unavailable: UnavailableAnswer,
): void {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  const call = (name: keyof typeof original, args: unknown[]) =>
    (original[name] as (...a: unknown[]) => unknown).apply(res, args);
  let passing = false;
  let held: Held | undefined;

  function hold(head: unknown[]): Held {
    const h: Held = { head, chunks: [], ended: false };
    held = h;
    void databaseIsDown().then(
      (down) => settle(h, down),
      () => settle(h, false),
    );
    return h;
  }

  function settle(h: Held, down: boolean) {
    passing = true;
    if (down) {
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      call("writeHead", [503, unavailable.headers]);
      call("end", [unavailable.body]);
      return;
    }
    call("writeHead", h.head);
    for (const args of h.chunks) call("write", args);
    if (h.ended) call("end", []);
  }

  /** True when the call goes through as it is; otherwise it is held (or dropped once settled). */
  function passes(status: number): boolean {
    if (passing) return true;
    if (held) return false;
    if (res.headersSent || !isServerError(status)) {
      passing = true;
      return true;
    }
    return false;
  }

  res.writeHead = ((...args: unknown[]) => {
    if (passes(Number(args[0]))) return call("writeHead", args);
    if (!held) hold(args);
    return res;
  }) as ServerResponse["writeHead"];

  res.write = ((...args: unknown[]) => {
    if (passes(res.statusCode)) return call("write", args);
    (held ?? hold([res.statusCode])).chunks.push(args.filter((a) => typeof a !== "function"));
    return true;
  }) as ServerResponse["write"];

  res.end = ((...args: unknown[]) => {
    if (passes(res.statusCode)) return call("end", args);
    const h = held ?? hold([res.statusCode]);
    const data = args.filter((a) => typeof a !== "function");
    if (data.length > 0 && data[0] !== undefined) h.chunks.push(data);
    h.ended = true;
    return res;
  }) as ServerResponse["end"];
}
