import type { Db } from "@/lib/db/client";
import { parseId } from "@/lib/validation/ids";
import { enqueueDownload } from "./job";
import { type DownloadFormat, readDownloadBook } from "./source";
import { findDownload, readDownload, touchDownload } from "./store";

// GET /book/<id>/download.txt and .epub. A public book with downloads on: the finished file of
// its current version, streamed from the database (ETag, Last-Modified, 304 on a match), or, when
// it is not made yet, the job is enqueued and the reader is sent (303) to /book/<id>/download,
// which says it is being prepared. Anything else is 404. None of these answers is stored by the
// reverse proxy or indexed: files are revalidated by the browser (no-cache + ETag), the rest is
// no-store; the book page that links here stays cached and the same for everyone.

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

/** A file name from a title: no path separators, controls or characters Windows refuses. */
export function fileNameOf(title: string): string {
  const name = title
    .replace(/[\u0000-\u001f\u007f"*/:<>?\\|]/g, " ")
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
    await enqueueDownload(db, book, format);
    return new Response(null, {
      status: 303,
      headers: { Location: `/book/${book.id}/download`, "Cache-Control": "no-store", ...NOINDEX },
    });
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
