"use client";

import { getSessionState } from "@/components/layout/session-store";
import { postInBackground } from "./background-post";

// Sends the reader's position to the account (POST /api/progress) when signed in. Debounced, so
// paging quickly through sub-pages sends only where the reader stopped; what is still pending
// when the page goes away leaves with navigator.sendBeacon. Fire-and-forget: the browser keeps
// its own copy, and the server ignores a position older than the one it has.

export type ProgressPayload = { bookId: number; chapterId: number; page: number; at: number };

const DELAY_MS = 1000;
let pending: ProgressPayload | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let listening = false;

function flush(beacon: boolean): void {
  clearTimeout(timer);
  const session = getSessionState();
  if (!pending) return;
  if (session.status === "loading" && !beacon) {
    timer = setTimeout(() => flush(false), DELAY_MS);
    return;
  }
  const body = pending;
  pending = null;
  if (session.status !== "ready" || !session.user) return;
  // Offline or the server away: the browser still has the position.
  postInBackground("/api/progress", body, { beacon });
}

function onPageHide() {
  flush(true);
}

export function queueProgressSync(progress: ProgressPayload): void {
  pending = progress;
  clearTimeout(timer);
  timer = setTimeout(() => flush(false), DELAY_MS);
  if (!listening) {
    window.addEventListener("pagehide", onPageHide);
    listening = true;
  }
}
