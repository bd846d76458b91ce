"use client";

import { useSyncExternalStore } from "react";
import { getSessionState, LOADING_SESSION, subscribeSessionState, type SessionState } from "./session-store";

/** The shared signed-in state (session-store.ts), for React islands. */
export function useSessionState(): SessionState {
  return useSyncExternalStore(subscribeSessionState, getSessionState, () => LOADING_SESSION);
}
