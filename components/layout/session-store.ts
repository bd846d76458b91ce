// The signed-in state the page fetched from /api/auth/session, shared by everything on the page
// that depends on it (the header's account links, the shelf button, progress sync) so the page
// asks the server only once. Plain TypeScript: React islands read it through
// use-session-state.ts, and the reading page's script (lib/reader/client) uses it directly.
export type SessionUser = { id: number; name: string; role: string; unreadNotices?: number };
export type SessionState = { status: "loading" } | { status: "ready"; user: SessionUser | null };

export const LOADING_SESSION: SessionState = { status: "loading" };
let current: SessionState = LOADING_SESSION;
const listeners = new Set<() => void>();

export function getSessionState(): SessionState {
  return current;
}

export function setSessionState(next: SessionState): void {
  current = next;
  for (const listener of listeners) listener();
}

export function subscribeSessionState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Asks the server who is signed in (the session cookie is HttpOnly) and shares the answer. */
export async function loadSessionState(signal?: AbortSignal): Promise<SessionState> {
  let user: SessionUser | null = null;
  try {
    const response = await fetch("/api/auth/session", { signal, cache: "no-store" });
    if (response.ok) user = ((await response.json()) as { user?: SessionUser }).user ?? null;
  } catch (error) {
    if (signal?.aborted) throw error;
    // Offline or the server away: read as signed out; the page works the same.
  }
  const state: SessionState = { status: "ready", user };
  setSessionState(state);
  return state;
}
