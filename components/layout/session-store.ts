"use client";

import { useSyncExternalStore } from "react";

// The signed-in state the header's AccountNav fetched from /api/auth/session, shared with the
// other client islands (shelf button, progress sync) so the page asks the server only once.
export type SessionUser = { id: number; name: string; role: string };
export type SessionState = { status: "loading" } | { status: "ready"; user: SessionUser | null };

const LOADING: SessionState = { status: "loading" };
let current: SessionState = LOADING;
const listeners = new Set<() => void>();

export function getSessionState(): SessionState {
  return current;
}

export function setSessionState(next: SessionState): void {
  current = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSessionState(): SessionState {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => LOADING,
  );
}
