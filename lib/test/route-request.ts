// Requests for route handlers called directly from Vitest, next to lib/test/action-harness.ts
// (which supplies the session cookie through next/headers). A browser on this site sends its own
// Origin with every POST/DELETE; pass `origin` to send another one, or null to send none. Use,
// with the harness's three vi.mock lines and setUpActionRequests() (see app/api/shelf/route.test.ts):
//
//   // connection() only marks a route dynamic; outside Next's request scope it would throw.
//   vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));
//
//   expect(await answerOf(POST(routeRequest("/api/shelf", { json: { bookId: 1 } })))).toMatchObject({ status: 200 });

/** The site's own origin in tests (SITE_URL's default). */
export const SITE_ORIGIN = "http://localhost:3000";

export interface RouteRequestInit {
  method?: string;
  /** Sent as JSON; `raw` instead sends these exact characters. */
  json?: unknown;
  raw?: string | Uint8Array;
  origin?: string | null;
  headers?: Record<string, string>;
}

export function routeRequest(path: string, init: RouteRequestInit = {}): Request {
  const { method = "POST", json, raw, origin = SITE_ORIGIN, headers = {} } = init;
  const body = raw ?? (json === undefined ? undefined : JSON.stringify(json));
  return new Request(new URL(path, SITE_ORIGIN), {
    method,
    headers: {
      host: new URL(SITE_ORIGIN).host,
      ...(origin === null ? {} : { origin }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body as BodyInit | undefined,
  });
}

/** A response's status, JSON body and Cache-Control, for one assertion. */
export async function answerOf(response: Response | Promise<Response>) {
  const r = await response;
  const text = await r.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: r.status, body, cacheControl: r.headers.get("cache-control") };
}
