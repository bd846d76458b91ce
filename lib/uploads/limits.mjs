// How large an upload may be: the one place these numbers are written. The forms check a chosen
// file against them in the browser, the actions check them again, the site's server
// (lib/server/body-limit.ts) refuses a larger request before anything reads its body, and
// next.config.mjs takes its body limits from here. deploy/nginx's client_max_body_size is a copy
// of MAX_REQUEST_BYTES that limits.test.ts keeps in step. Plain JavaScript (with limits.d.mts) so
// that next.config.mjs can import it; nothing here may need the server.

const MB = 1024 * 1024;

/** The largest TXT file an import accepts. */
export const MAX_IMPORT_BYTES = 50 * MB;

/** The largest cover image accepted. */
export const MAX_COVER_BYTES = 5 * MB;

/** Room in a request for the multipart boundaries and the form's other fields, beside its file. */
export const FORM_OVERHEAD_BYTES = 1 * MB;

/** The largest request the import pages take: the file plus the rest of the form. */
export const MAX_IMPORT_REQUEST_BYTES = MAX_IMPORT_BYTES + FORM_OVERHEAD_BYTES;

/** The largest request any other page or endpoint takes (the cover form's is the largest). */
export const MAX_FORM_REQUEST_BYTES = MAX_COVER_BYTES + FORM_OVERHEAD_BYTES;

/** The largest request the site takes at all: what Next and the reverse proxy are set to. */
export const MAX_REQUEST_BYTES = Math.max(MAX_IMPORT_REQUEST_BYTES, MAX_FORM_REQUEST_BYTES);

/** MAX_REQUEST_BYTES in the notation of Next's body limits ("51mb", 1024-based like nginx's "51m"). */
export const BODY_SIZE_LIMIT = `${MAX_REQUEST_BYTES / MB}mb`;

/** A size in megabytes as the messages print it: "60.2". */
export function megabytes(bytes) {
  return (bytes / MB).toFixed(1);
}

/** A limit in whole megabytes: 50. */
export function limitMegabytes(bytes) {
  return Math.round(bytes / MB);
}
