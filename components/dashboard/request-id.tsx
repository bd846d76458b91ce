"use client";

import { useState } from "react";
import { newRequestId, REQUEST_ID_FIELD } from "@/lib/validation/create-request";

/**
 * The idempotency key of a create form (lib/validation/create-request.ts). It starts as the key
 * the page rendered (`fromPage`: made per request on the server, so the same in the HTML and in
 * hydration, and sent by a post without JavaScript); once the form's action has answered
 * (`answered`, the state of useActionState, changes) it is a new one made in the browser. So the
 * posts of one submission share a key (a double click, a retry, a submission queued behind the
 * first) and the next submission is a new request. An answer means that post is over: if it
 * created the record, a repeat of it is a new create; if it was refused, nothing kept its key.
 */
export function useRequestId(fromPage: string, answered: unknown): string {
  const [current, setCurrent] = useState({ fromPage, answered, id: fromPage });
  if (current.fromPage === fromPage && current.answered === answered) return current.id;
  // Adjusting state while rendering (React's documented pattern): no effect, no extra paint.
  const id = current.fromPage !== fromPage ? fromPage : newRequestId();
  setCurrent({ fromPage, answered, id });
  return id;
}

/** The hidden field that carries the key. */
export function RequestIdField({ value }: { value: string }) {
  return <input type="hidden" name={REQUEST_ID_FIELD} value={value} />;
}
