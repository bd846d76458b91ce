import type { IncomingMessage, ServerResponse } from "node:http";
import { getT, siteLocale } from "@/lib/i18n/messages";
import { logger } from "@/lib/log";
import { escapeHtml } from "@/lib/reader/html";
import {
  MAX_COVER_BYTES,
  MAX_FORM_REQUEST_BYTES,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_REQUEST_BYTES,
  limitMegabytes,
  megabytes,
} from "@/lib/uploads/limits.mjs";
import { tooLargeText } from "@/lib/uploads/too-large";

// The site's server refuses a POST larger than the page it is sent to takes, before Next reads
// any of it: Next would buffer it first (the proxy up to 51 MB, then the server action's parser),
// and a body over its limit ends in "Unexpected end of form" and the error page. Only the TXT
// import pages take a 50 MB file; every other page and endpoint at most a 5 MB cover.
//
// A refused body is not parsed or kept, but what the client still sends is read and discarded,
// up to a bound, as nginx's lingering close does: a browser that is still uploading when the
// connection closes shows a connection error instead of the answer.

const IMPORT_PAGE = /^\/dashboard\/(?:books\/\d+\/)?import\/?(?:\?|$)/;
const LINGER_BYTES = MAX_IMPORT_REQUEST_BYTES;
const LINGER_MS = 30_000;

export type BodyLimit = {
  /** The largest request body taken. */
  maxBytes: number;
  /** The largest file the page's form takes: the limit its message names. */
  fileBytes: number;
};

/** What a POST to `url` may carry. */
export function bodyLimitFor(url: string): BodyLimit {
  return IMPORT_PAGE.test(url)
    ? { maxBytes: MAX_IMPORT_REQUEST_BYTES, fileBytes: MAX_IMPORT_BYTES }
    : { maxBytes: MAX_FORM_REQUEST_BYTES, fileBytes: MAX_COVER_BYTES };
}

/**
 * Answers a POST whose Content-Length is over its page's limit with 413 and returns true; Next
 * must then not see the request. A body sent in chunks (no Content-Length) is counted as it
 * arrives instead, and answered the same way once it goes over.
 */
export function refuseOversizedBody(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "POST") return false;
  const limit = bodyLimitFor(req.url ?? "/");
  const declared = req.headers["content-length"];
  if (declared !== undefined) {
    const bytes = Number(declared);
    if (!(bytes > limit.maxBytes)) return false;
    refuse(req, res, limit, bytes, false);
    linger(req);
    return true;
  }
  if (req.headers["transfer-encoding"] !== undefined) countChunkedBody(req, res, limit);
  return false;
}

/**
 * Counts a chunked body on its way to Next. IncomingMessage receives its body from the HTTP
 * parser through `push`; wrapping that one method counts every byte without reading the stream
 * (which would take the bytes from Next). Over the limit, the client is answered here, Next
 * receives nothing more, and the connection is closed with the answer, which ends Next's
 * unfinished read as a client that went away. (Browsers send a Content-Length: only other
 * clients come here, and they read an answer sent while they are still sending.)
 */
function countChunkedBody(req: IncomingMessage, res: ServerResponse, limit: BodyLimit): void {
  const push = req.push.bind(req);
  let seen = 0;
  let refused = false;
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (refused) return true;
    if (Buffer.isBuffer(chunk) || typeof chunk === "string") seen += Buffer.byteLength(chunk);
    if (seen <= limit.maxBytes) return push(chunk, encoding);
    refused = true;
    if (res.headersSent) req.socket.destroy();
    else refuse(req, res, limit, seen, true);
    return true;
  };
}

function refuse(req: IncomingMessage, res: ServerResponse, limit: BodyLimit, bytes: number, atLeast: boolean): void {
  logger.info({ url: req.url, bytes, limit: limit.maxBytes }, "a request over the body size limit was refused");
  const headers = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    // A chunked body is cut off here, so the connection cannot carry another request.
    ...(atLeast ? { Connection: "close" } : {}),
  };
  // A server action called by the page's script (Next-Action) is answered in plain text, which
  // Next's client hands to the form (lib/uploads/too-large.ts): the Content-Type must be exactly
  // `text/plain` for it to read the body. A form posted without JavaScript gets a page.
  if (req.headers["next-action"] !== undefined || !String(req.headers.accept ?? "").includes("text/html")) {
    res.writeHead(413, { ...headers, "Content-Type": "text/plain" });
    res.end(tooLargeText(bytes, limit.maxBytes, atLeast));
  } else {
    res.writeHead(413, {
      ...headers,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    });
    res.end(tooLargePage(req.url ?? "/", bytes, limit));
  }
}

/** Reads and drops what the client still sends, within bounds, then lets the connection go. */
function linger(req: IncomingMessage): void {
  let drained = 0;
  const close = () => req.socket.destroy();
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > LINGER_BYTES) close();
  });
  req.on("close", () => clearTimeout(timer));
  req.on("error", () => clearTimeout(timer));
  req.resume();
}

/** The answer to a form posted without JavaScript: what was too large, and a link back to the form. */
function tooLargePage(url: string, bytes: number, limit: BodyLimit): string {
  const t = getT();
  const title = escapeHtml(t("errors.uploadTooLargeTitle"));
  const body = escapeHtml(
    t("errors.uploadTooLargeBody", { sizeMb: megabytes(bytes), maxMb: limitMegabytes(limit.fileBytes) }),
  );
  // The form is on the page the post went to (a server action posts to its own page).
  const path = url.split("?")[0] ?? "";
  const back = escapeHtml(path.startsWith("/") && !path.startsWith("//") ? path : "/");
  return `<!doctype html>
<html lang="${siteLocale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.6">
<h1>${title}</h1>
<p role="alert">${body}</p>
<p><a href="${back}">${escapeHtml(t("errors.goBack"))}</a></p>
</body>
</html>
`;
}
