import { z } from "zod";

/**
 * The idempotency key of a create form: every form that creates a record (book, chapter, volume,
 * TXT import; comments and reviews next) sends a random UUID in this hidden field, the same one
 * for every post of one filled-in form. The server creates the record once per key
 * (lib/data/create-requests.ts), so a double click or a post sent again answers with the first
 * record instead of making a second one.
 *
 * The key is made per render of the form, never in anything cached: the dashboard renders per
 * request, so its pages make the first key on the server (it works without JavaScript), and the
 * form makes a new one in the browser once a post has been answered (useRequestId in
 * components/dashboard/request-id.tsx). A post without the field is created without the
 * duplicate check; a field that is not a UUID is refused.
 */
export const REQUEST_ID_FIELD = "requestId";

export const requestIdSchema = z.uuid({ error: "authoring.errors.badRequestId" });

export { newRequestId } from "./request-id";
