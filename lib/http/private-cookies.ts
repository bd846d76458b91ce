import type { OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from "node:http";

/** What every response that sets a cookie says about caching. */
export const COOKIE_CACHE_CONTROL = "private, no-store";

type HeaderList = OutgoingHttpHeaders | OutgoingHttpHeader[];

/** Headers passed to writeHead, as name → value (repeated names of an array form gathered). */
function headerEntries(headers: HeaderList): Map<string, OutgoingHttpHeader> {
  if (!Array.isArray(headers)) {
    return new Map(Object.entries(headers).filter((e): e is [string, OutgoingHttpHeader] => e[1] !== undefined));
  }
  // [[name, value], …] or [name, value, name, value, …]: Node accepts both.
  const pairs: [string, OutgoingHttpHeader][] = [];
  if (headers.every(Array.isArray)) for (const [name, value] of headers as string[][]) pairs.push([name!, value!]);
  else for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([String(headers[i]), headers[i + 1]!]);
  const gathered = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of pairs) {
    const entry = gathered.get(name.toLowerCase()) ?? { name, values: [] };
    entry.values.push(...(Array.isArray(value) ? value : [String(value)]));
    gathered.set(name.toLowerCase(), entry);
  }
  return new Map([...gathered.values()].map(({ name, values }) => [name, values.length === 1 ? values[0]! : values]));
}

/**
 * Makes every response of `res` that sets a cookie `Cache-Control: private, no-store`, whatever
 * the code that answered said (Next, next-auth, a route handler): a page cached by nginx, a CDN or
 * Next with a Set-Cookie in it would hand one visitor's cookie (a session, a CSRF token) to every
 * other. Next does send such answers: a server action that signs in and redirects answers with
 * the target page's RSC payload from its page cache, carrying that page's Cache-Control (for the
 * home page's "hours" life, `s-maxage=3600, stale-while-revalidate=…`) beside the session cookie.
 * The check runs as the status line and headers are written, so it sees headers set with
 * setHeader before and those passed to writeHead. Node calls writeHead itself for a response
 * that never called it (`_implicitHeader`), so no path around it is left.
 */
export function keepCookiesPrivate(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res);
  // writeHead(status, headers?) or writeHead(status, reason, headers?).
  // Headers passed along are set first, as Node itself does when some were set before.
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const headers = rest.find((arg): arg is HeaderList => typeof arg === "object" && arg !== null);
    const reason = rest.find((arg): arg is string => typeof arg === "string");
    if (headers) for (const [name, value] of headerEntries(headers)) this.setHeader(name, value);
    if (this.hasHeader("set-cookie")) this.setHeader("Cache-Control", COOKIE_CACHE_CONTROL);
    return reason === undefined ? writeHead(statusCode) : writeHead(statusCode, reason);
  } as ServerResponse["writeHead"];
}
