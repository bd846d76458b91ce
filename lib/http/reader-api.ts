import "server-only";
import { connection } from "next/server";
import { z } from "zod";
import { isSameOrigin } from "@/lib/auth/origin";
import { revalidateTag } from "next/cache";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/data/authoring/actor";
import { type DomainError, isDomainError, refusalMessages } from "@/lib/data/errors";

// Shared frame of the reader's JSON endpoints (/api/shelf, /api/progress): per-user answers,
// never stored by a browser or a CDN; 401 when signed out; state-changing requests only from
// this site; bodies parsed with strict schemas, a bad one answered 400 with the field errors.

const NO_STORE = { "Cache-Control": "private, no-store" };

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** 204: done, nothing to say. */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: NO_STORE });
}

type Handler = (user: CurrentUser) => Promise<Response>;

export async function readerEndpoint(request: Request, handle: Handler): Promise<Response> {
  await connection();
  if (request.method !== "GET" && !isSameOrigin(request)) return json({ error: "cross-origin request refused" }, 403);
  const user = await getCurrentUser();
  if (!user) return json({ error: "sign in required" }, 401);
  return handle(user);
}

const BODY_MAX_BYTES = 64 * 1024;

/** The body as UTF-8 text, or null once it is over `max` bytes: a larger body is not read on. */
async function readText(request: Request, max: number): Promise<string | null> {
  if (Number(request.headers.get("content-length")) > max) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * A whole-number query parameter (`?bookId=12`) checked by `schema` as `{ [name]: value }`: 400
 * with the schema's field errors otherwise. Digits become a number; anything else is handed to the
 * schema as the text it is, to be refused there.
 */
export function parseIdQuery<S extends z.ZodType>(
  request: Request,
  name: string,
  schema: S,
): { ok: true; data: z.infer<S> } | { ok: false; response: Response } {
  const raw = new URL(request.url).searchParams.get(name);
  const parsed = schema.safeParse({ [name]: raw && /^\d{1,10}$/.test(raw) ? Number(raw) : raw });
  if (!parsed.success) {
    return {
      ok: false,
      response: json({ error: "invalid input", issues: z.flattenError(parsed.error).fieldErrors }, 400),
    };
  }
  return { ok: true, data: parsed.data };
}

/**
 * The request's JSON body parsed with `schema`. Reads it as text whatever the Content-Type, so
 * navigator.sendBeacon (text/plain) works too. A body over `maxBytes` is answered 413, a bad one
 * 400 with what is wrong: `issues` per field, `formErrors` for the whole body (an unknown field,
 * not an object).
 */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = BODY_MAX_BYTES,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  const text = await readText(request, maxBytes);
  if (text === null) return { ok: false, response: json({ error: "body too large" }, 413) };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, response: json({ error: "body is not JSON" }, 400) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { fieldErrors, formErrors } = z.flattenError(parsed.error);
    return { ok: false, response: json({ error: "invalid input", issues: fieldErrors, formErrors }, 400) };
  }
  return { ok: true, data: parsed.data };
}

const STATUS: Record<DomainError["code"], number> = { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, INVALID: 400 };

/**
 * A signed-in reader's write through JSON, the endpoint twin of a form action
 * (lib/actions/client.ts): the data layer parses the input (with the same schema a form goes
 * through) and checks who may do it; the tags it returns are expired; a DomainError is answered
 * with its status and the translated messages (`error` for the whole request, `fieldErrors`).
 * `body: false` for a write named by its address alone (DELETE /api/comments/<id>).
 */
export function writeEndpoint<R extends { tags: string[] }>(
  request: Request,
  run: (actor: Actor, body: unknown) => Promise<R>,
  answer: (result: NoInfer<R>) => Response,
  opts: { body?: boolean } = {},
): Promise<Response> {
  return readerEndpoint(request, async (user) => {
    let body: unknown = {};
    if (opts.body !== false) {
      const parsed = await parseBody(request, z.unknown());
      if (!parsed.ok) return parsed.response;
      body = parsed.data;
    }
    let result: R;
    try {
      result = await run({ id: user.id, role: user.role }, body);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const { message, fieldErrors } = refusalMessages(error);
      return json({ error: message, fieldErrors }, STATUS[error.code]);
    }
    // updateTag is for server actions only; in a route handler this expires the tags at once too.
    for (const tag of result.tags) revalidateTag(tag, { expire: 0 });
    return answer(result);
  });
}
