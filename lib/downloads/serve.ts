import type { Db } from "@/lib/db/client";
import { getT, siteLocale } from "@/lib/i18n/messages";
import { escapeHtml } from "@/lib/reader/html";
import { parseId } from "@/lib/validation/ids";
import { downloadFailed, enqueueDownload } from "./job";
import { type DownloadBook, type DownloadFormat, readDownloadBook } from "./source";
import { findDownload, readDownload, touchDownload } from "./store";

// GET /book/<id>/download.txt and .epub. A public book with downloads on: the finished file of
// its current version, streamed from the database (ETag, Last-Modified, 304 on a match). When it
// is not made yet, the job is enqueued and the answer is 202 with a small page saying it is being
// prepared, a refresh link and a `Refresh` header: the browser asks again by itself and, once the
// file is there, saves it (no JavaScript needed; a Suspense-streamed page would show nothing
// without it). A job that failed for good is a 503 saying so. Anything else is 404. None of these
// answers is stored by the reverse proxy or indexed: files are revalidated by the browser
// (no-cache + ETag), the rest is no-store; the download page that links here is cached and the
// same for everyone, like the book page.

const CONTENT_TYPES: Record<DownloadFormat, string> = {
  txt: "text/plain; charset=utf-8",
  epub: "application/epub+zip",
};

const NOINDEX = { "X-Robots-Tag": "noindex, nofollow" };

function notFound(): Response {
  return new Response("Not found\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...NOINDEX },
  });
}

/** A Content-Disposition for `name`: an ASCII fallback and the UTF-8 name (RFC 6266, RFC 5987). */
export function attachment(name: string, fallback: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * A file name from a title: no path separators, controls or characters Windows refuses, and no
 * bidi controls (which could show "…exe.txt" for a name that ends in .exe).
 */
export function fileNameOf(title: string): string {
  const name = title
    .replace(/[\u0000-\u001f\u007f"*/:<>?\\|\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  return name.slice(0, 80) || "book";
}

function notModified(request: Request, etag: string, modifiedAt: Date): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
  const since = Date.parse(request.headers.get("if-modified-since") ?? "");
  return !Number.isNaN(since) && Math.floor(modifiedAt.getTime() / 1000) * 1000 <= since;
}

export const REFRESH_SECONDS = 5;

/** The answer while the file is made (202), or after making it failed for good (503). */
function preparing(book: DownloadBook, format: DownloadFormat, failed: boolean): Response {
  const t = getT();
  const title = escapeHtml(t("downloads.pageTitle", { title: book.title }));
  const message = escapeHtml(t(failed ? "downloads.failed" : "downloads.preparing", { format: format.toUpperCase() }));
  const html = `<!doctype html>
<html lang="${siteLocale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.6">
<h1>${title}</h1>
<p role="status">${message}</p>
<p>${failed ? "" : `<a href="/book/${book.id}/download.${format}" rel="nofollow">${escapeHtml(t("downloads.refresh"))}</a> · `}<a href="/book/${book.id}/download">${escapeHtml(t("downloads.backToDownloads"))}</a></p>
</body>
</html>
`;
  return new Response(html, {
    status: failed ? 503 : 202,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Retry-After": String(failed ? 3600 : REFRESH_SECONDS),
      ...(failed ? {} : { Refresh: String(REFRESH_SECONDS) }),
      ...NOINDEX,
    },
  });
}

export async function answerDownload(
  db: Db,
  rawId: string,
  format: DownloadFormat,
  request: Request,
): Promise<Response> {
  const bookId = parseId(rawId);
  const book = bookId === null ? null : await readDownloadBook(db, bookId);
  if (!book?.downloadsEnabled) return notFound();
  const file = await findDownload(db, book.id, format, book.version);
  if (!file) {
    if (await downloadFailed(db, book, format)) return preparing(book, format, true);
    await enqueueDownload(db, book, format);
    return preparing(book, format, false);
  }
  await touchDownload(db, file.id);
  const etag = `"${file.sha256}"`;
  const headers = {
    ETag: etag,
    "Last-Modified": file.modifiedAt.toUTCString(),
    "Cache-Control": "no-cache",
    ...NOINDEX,
  };
  if (notModified(request, etag, file.modifiedAt)) return new Response(null, { status: 304, headers });
  return new Response(readDownload(db, file.id), {
    headers: {
      ...headers,
      "Content-Type": CONTENT_TYPES[format],
      "Content-Length": String(file.size),
      "Content-Disposition": attachment(`${fileNameOf(book.title)}.${format}`, `book-${book.id}.${format}`),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
