"use client";

import { useEffect } from "react";
import { loadSessionState } from "@/components/layout/session-store";
import { useSessionState } from "@/components/layout/use-session-state";

/**
 * Reads the session again when the header's bell shows another unread count than the page
 * (after "mark all read", which comes back to the same address: the header would not ask).
 */
export function SessionRefresh({ unread }: { unread: number }) {
  const state = useSessionState();
  const shown = state.status === "ready" ? (state.user?.unreadNotices ?? 0) : null;
  useEffect(() => {
    if (shown !== null && shown !== unread) void loadSessionState().catch(() => {});
  }, [shown, unread]);
  return null;
}
